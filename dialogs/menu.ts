import { ActionTypes, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import { AUTONYMS, LANGUAGES, type Lang } from '../src/language/languages';

/** The services a resident can pick from the main menu, in menu order. */
export const MENU_ROUTES = ['interpreter', 'mediation', 'discrimination', 'clubs', 'area', 'report', 'information', 'counsellor'] as const;
export type MenuRoute = (typeof MENU_ROUTES)[number];

export function buttons(titles: string[]): CardAction[] {
  return titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
}

/**
 * "2" or "2." typed for the second button (channels without buttons, a terminal, SMS): its number, from 1.
 * Whether it is one of the buttons offered is the caller's to say.
 */
export function typedButtonNumber(text: string): number | undefined {
  const typed = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text);
  return typed ? Number(typed[1]) : undefined;
}

/** A message with the main menu as suggested actions. */
export function menuMessage(t: TFunction, text: string): Partial<Activity> {
  return MessageFactory.suggestedActions(
    buttons([...MENU_ROUTES.map((r) => t(`common:menu.${r}`)), t('common:menu.language')]),
    text,
  );
}

/** Language buttons, each language named in its own script. */
export function languageMessage(text: string, first: Lang[] = []): Partial<Activity> {
  const order = [...first, ...LANGUAGES.filter((l) => !first.includes(l))];
  return MessageFactory.suggestedActions(buttons(order.map((l) => AUTONYMS[l])), text);
}

/** The route whose menu label the resident sent back exactly (a pressed button), if any. */
export function routeFromMenuLabel(t: TFunction, text: string): MenuRoute | undefined {
  const clean = text.trim().toLowerCase();
  return MENU_ROUTES.find((r) => t(`common:menu.${r}`).toLowerCase() === clean);
}
