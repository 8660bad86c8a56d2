import { ActionTypes, MessageFactory, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ListStyle,
  TextPrompt,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import { turnT } from '../src/language/turnLanguage';

/**
 * Prompts whose text is rendered from i18n keys at the moment they are shown, not when the step ran.
 * When the resident switches language in the middle of a dialog, the re-prompt appears in the new language.
 *
 * Pass keys (and interpolation args) instead of text:
 *   step.prompt('askAge', localized({ promptKey: 'clubs:askAge', choiceKeys: ['clubs:age.under13', ...] }))
 */
/** An argument that is itself text: rendered from these keys (joined by a space) when the prompt is shown. */
export interface TextArg {
  keys: string[];
}

export interface LocalizedPromptOptions {
  promptKey: string;
  /** Interpolation values; a `{ keys }` value is translated at show time, so it follows a language switch. */
  args?: Record<string, unknown | TextArg>;
  /** Shown after an answer the prompt could not use; defaults to the prompt itself. */
  retryKey?: string;
  /** Buttons; for choice prompts also the choices recognised (by label in the current language, or number). */
  choiceKeys?: string[];
  /** Free-text prompts: buttons that are only suggestions. */
  suggestionKeys?: string[];
}

type WithLocalized = PromptOptions & { localized?: LocalizedPromptOptions };

export function localized(options: LocalizedPromptOptions): PromptOptions {
  return { localized: options } as WithLocalized;
}

/**
 * The prompt as shown now: a copy of the stored options with text, buttons and choices rendered in the turn's
 * language. The stored options keep only the keys, so the dialog state stays small.
 */
function render(context: TurnContext, stored: PromptOptions, attempts = 0): PromptOptions {
  const loc = (stored as WithLocalized).localized;
  if (!loc) return stored;
  const options: PromptOptions = { ...stored };
  const turnTranslate = turnT(context);
  const args = loc.args && Object.fromEntries(Object.entries(loc.args).map(([name, value]) => [name, isTextArg(value) ? value.keys.map((k) => turnTranslate(k)).join(' ') : value]));
  // Without arguments, the lookup is a remembered one (see src/language/i18n.ts).
  const t = (key: string) => (args ? turnTranslate(key, args) : turnTranslate(key)) as string;
  const text = t(loc.promptKey);
  const suggestions = loc.suggestionKeys?.map((k) => t(k));
  options.prompt = suggestions?.length
    ? MessageFactory.suggestedActions(suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })), text)
    : text;
  const retryText = loc.retryKey ? t(loc.retryKey) : text;
  options.retryPrompt = suggestions?.length
    ? MessageFactory.suggestedActions(suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })), retryText)
    : retryText;
  if (loc.choiceKeys) options.choices = loc.choiceKeys.map((k) => t(k));
  // After a few answers the prompt could not use, say how to get out: nobody should be stuck on a question.
  if (attempts >= STUCK_AFTER && options.retryPrompt) {
    const retry = typeof options.retryPrompt === 'string' ? MessageFactory.text(options.retryPrompt) : { ...options.retryPrompt };
    retry.text = `${retry.text ?? ''}\n\n${turnTranslate('common:stuckHint')}`;
    options.retryPrompt = retry;
  }
  return options;
}

/** Failed answers after which a re-asked question also says how to start over or reach a person. */
const STUCK_AFTER = 2;

function isTextArg(value: unknown): value is TextArg {
  return !!value && typeof value === 'object' && Array.isArray((value as TextArg).keys);
}

function attemptsOf(state: unknown): number {
  return Number((state as { attemptCount?: number } | undefined)?.attemptCount ?? 0);
}

/** A choice prompt with localised buttons. The result's `index` maps to `choiceKeys`, whatever the language. */
export class LocalizedChoicePrompt extends ChoicePrompt {
  constructor(dialogId: string, validator?: PromptValidator<FoundChoice>) {
    super(dialogId, validator);
    this.style = ListStyle.suggestedAction;
    // botbuilder's number and ordinal recognisers ("the second one") know English-like languages only and
    // are the most expensive part of a turn; a typed number is read below instead.
    this.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false };
  }

  protected override async onPrompt(context: TurnContext, state: unknown, options: PromptOptions, isRetry: boolean): Promise<void> {
    return super.onPrompt(context, state, render(context, options, attemptsOf(state)), isRetry);
  }

  protected override async onRecognize(context: TurnContext, state: unknown, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const rendered = render(context, options);
    const choices = (rendered.choices ?? []) as (string | { value: string })[];
    const typed = /^\s*(\d{1,2})\s*$/.exec(context.activity.text ?? '');
    const index = typed ? Number(typed[1]) - 1 : -1;
    if (index >= 0 && index < choices.length) {
      const choice = choices[index];
      return { succeeded: true, value: { value: typeof choice === 'string' ? choice : choice.value, index, score: 1 } };
    }
    return super.onRecognize(context, state, rendered);
  }
}

/** A free-text prompt with optional suggestion buttons. */
export class LocalizedTextPrompt extends TextPrompt {
  protected override async onPrompt(context: TurnContext, state: unknown, options: PromptOptions, isRetry: boolean): Promise<void> {
    return super.onPrompt(context, state, render(context, options, attemptsOf(state)), isRetry);
  }
}
