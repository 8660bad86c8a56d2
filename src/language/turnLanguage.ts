import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, type Lang } from './languages';

/**
 * The language of the current turn, decided once by the bot pipeline and read by dialogs and the
 * outgoing-activity middleware. It lives on the TurnContext (per turn), never in a shared variable.
 */
const LANGUAGE = Symbol('brobygger.turnLanguage');
const TRANSLATE = Symbol('brobygger.turnT');

export function setTurnLanguage(context: TurnContext, lang: Lang, t: TFunction): void {
  context.turnState.set(LANGUAGE, lang);
  context.turnState.set(TRANSLATE, t);
}

export function turnLanguage(context: TurnContext): Lang {
  return context.turnState.get(LANGUAGE) ?? DEFAULT_LANGUAGE;
}

/** The fixed `t` for this turn's language. */
export function turnT(context: TurnContext): TFunction {
  const t = context.turnState.get(TRANSLATE) as TFunction | undefined;
  if (!t) throw new Error('turn language not set: the bot pipeline sets it before dialogs run');
  return t;
}

/** The turn's language if the pipeline got far enough to decide it. */
export function decidedTurnLanguage(context: TurnContext): Lang | undefined {
  return context.turnState.get(LANGUAGE);
}
