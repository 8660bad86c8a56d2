import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import type { InterpretingMode, InterpretingSetting } from '../src/catalog';
import { INTERPRETING_SETTINGS, inLanguage } from '../src/catalog';
import { CommandMatcher } from '../src/language/commands';
import { LANGUAGES, type Lang } from '../src/language/languages';
import { normalizeText } from '../src/language/normalize';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import { addDays, copenhagenParts, weekdayOfDate } from '../src/time/copenhagen';
import { dateUnderstanding, formatDate, type DateUnderstanding, type ParsedWhen } from '../src/time/dates';
import { LocalizedChoicePrompt, LocalizedTextPrompt, localized } from './prompts';
import type { DialogServices } from './services';

export const INTERPRETER_DIALOG = 'interpreter';

// ---------------------------------------------------------------------------------------------------
// Word lists residents type (locales/<lng>/training/<ns>.json), shared with the mediation dialog.

type Groups = Record<string, Record<string, string[]> | string[]>;
type WordEntry = { group: string; id: string; phrase: string };

/**
 * One word-list file per language (`locales/<lng>/training/<namespace>.json`), read when a dialog is built.
 * Finds which entry of a group (`settings`, `modes`, `answers`...) a message names, in the resident's
 * language, then Danish and English. Longest phrase first, whole words only.
 */
export class WordLists {
  private constructor(private readonly byLang: Map<Lang, WordEntry[]>) {}

  static load(localesDir: string, namespace: string): WordLists {
    const byLang = new Map<Lang, WordEntry[]>();
    for (const l of LANGUAGES) {
      const file = path.join(localesDir, l, 'training', `${namespace}.json`);
      const groups: Groups = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
      // A group is either `{ id: [phrases] }` or a plain list, whose id is the group's own name.
      const list = Object.entries(groups).flatMap(([g, entries]) =>
        Object.entries(Array.isArray(entries) ? { [g]: entries } : entries).flatMap(([id, phrases]) => phrases.map((p) => ({ group: g, id, phrase: normalizeText(p) }))),
      );
      byLang.set(l, list.filter((e) => e.phrase).sort((a, b) => b.phrase.length - a.phrase.length));
    }
    return new WordLists(byLang);
  }

  match(group: string, text: string, lang: Lang): string | undefined {
    const norm = ` ${normalizeText(text)} `;
    const bare = withoutArabicArticle(norm);
    for (const l of new Set<Lang>([lang, 'da', 'en'])) {
      const hit = this.byLang
        .get(l)
        ?.find((e) => e.group === group && (norm.includes(` ${e.phrase} `) || (l === 'ar' && bare.includes(` ${withoutArabicArticle(e.phrase)} `))));
      if (hit) return hit.id;
    }
    return undefined;
  }

  /**
   * A validator for localized choice prompts: when the resident typed words instead of pressing a button,
   * the word list decides. Choice keys end in the id the word list uses (`interpreter:setting.health`).
   */
  validator(group: string, fallback?: (text: string) => boolean) {
    return async (prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> => {
      if (prompt.recognized.succeeded) return true;
      const text = prompt.context.activity.text ?? '';
      const keys = ((prompt.options as { localized?: { choiceKeys?: string[] } }).localized?.choiceKeys ?? []) as string[];
      const id = this.match(group, text, turnLanguage(prompt.context));
      let index = id ? keys.findIndex((k) => k.endsWith(`.${id}`)) : -1;
      if (index < 0 && fallback?.(text)) index = keys.length - 1;
      if (index < 0) return false;
      prompt.recognized.succeeded = true;
      prompt.recognized.value = { index, value: index === keys.length - 1 && !id ? text.trim() : keys[index], score: 1 };
      return true;
    };
  }
}

/** Arabic writes "the" and some prepositions onto the word: "الإزعاج", "بالهاتف", "للمدرسة" all name the plain word. */
function withoutArabicArticle(normalized: string): string {
  return normalized.replace(/(^| )(?:وال|بال|فال|کال|لل|ال|ب)(?=\p{L}{3})/gu, '$1');
}

// ---------------------------------------------------------------------------------------------------

/** What the dialog has found out so far; lives in the waterfall's step.values. */
interface InterpreterRequestDraft {
  /** One of the bot's languages, or `other` with the name the resident typed. */
  language?: Lang | 'other';
  otherLanguage?: string;
  setting?: InterpretingSetting;
  /** Undefined until asked; `unknown` when the resident does not know yet. */
  when?: ParsedWhen | 'unknown';
  mode?: InterpretingMode;
}

const ASK_LANGUAGE = 'interpreter.language';
const ASK_OTHER_LANGUAGE = 'interpreter.otherLanguage';
const ASK_SETTING = 'interpreter.setting';
const ASK_WHEN = 'interpreter.when';
const ASK_MODE = 'interpreter.mode';
const CONFIRM = 'interpreter.confirm';
const MODES_IN_ORDER: InterpretingMode[] = ['in_person', 'phone', 'video'];

/**
 * Interpreter request: which language, for what, when, and in person/by phone/video; explains who books
 * and what it costs (from data/interpreting.json), then saves a request with a reference number for staff.
 * Everything the resident already said in their first message is not asked again.
 */
export class InterpreterDialog extends ComponentDialog {
  private readonly words: WordLists;
  private readonly dates: DateUnderstanding;

  constructor(private readonly services: DialogServices) {
    super(INTERPRETER_DIALOG);
    this.words = WordLists.load(services.localesDir, 'interpreter');
    this.dates = dateUnderstanding(services.localesDir);
    // "hej", "ok", "help" typed where a language's name is asked for are not languages.
    const commands = CommandMatcher.load(services.localesDir);
    const isLanguageName = (text: string) => looksLikeLanguageName(text) && commands.languagesWith(text).length === 0;
    this.addDialog(new LocalizedChoicePrompt(ASK_LANGUAGE, this.words.validator('languages', isLanguageName)));
    this.addDialog(new LocalizedTextPrompt(ASK_OTHER_LANGUAGE, async (p) => isLanguageName(p.recognized.value ?? '')));
    this.addDialog(new LocalizedChoicePrompt(ASK_SETTING, this.words.validator('settings')));
    this.addDialog(new LocalizedTextPrompt(ASK_WHEN, this.validateWhen.bind(this)));
    this.addDialog(new LocalizedChoicePrompt(ASK_MODE, this.words.validator('modes')));
    this.addDialog(new LocalizedChoicePrompt(CONFIRM, this.words.validator('answers')));
    this.addDialog(
      new WaterfallDialog('interpreter.flow', [
        this.prefillStep.bind(this),
        this.languageStep.bind(this),
        this.otherLanguageStep.bind(this),
        this.settingStep.bind(this),
        this.whenStep.bind(this),
        this.modeStep.bind(this),
        this.confirmStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
    this.initialDialogId = 'interpreter.flow';
  }

  private draft(step: WaterfallStepContext): InterpreterRequestDraft {
    const values = step.values as { draft?: InterpreterRequestDraft };
    return (values.draft ??= {});
  }

  /** Reads what the first message already says ("an Arabic interpreter at the doctor on Tuesday, by phone"). */
  private async prefillStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = ((step.options as { text?: string } | undefined)?.text ?? '').trim();
    const draft = this.draft(step);
    if (text) {
      const lang = turnLanguage(step.context);
      draft.language = this.words.match('languages', text, lang) as Lang | undefined;
      draft.setting = this.words.match('settings', text, lang) as InterpretingSetting | undefined;
      draft.mode = this.words.match('modes', text, lang) as InterpretingMode | undefined;
      const when = this.dates.parse(text, lang, this.services.clock());
      if (when && when.date >= this.today()) draft.when = when;
    }
    return step.next();
  }

  private async languageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.draft(step).language) return step.next();
    const order = languageOrder(turnLanguage(step.context));
    // Kept with the dialog: the answer's index must map to the order shown, even if the language changes meanwhile.
    (step.values as { languageOrder?: Lang[] }).languageOrder = order;
    const choiceKeys = [...order.map((l) => `interpreter:language.${l}`), 'interpreter:language.other'];
    return step.prompt(ASK_LANGUAGE, localized({ promptKey: 'interpreter:askLanguage', retryKey: 'interpreter:askLanguageRetry', choiceKeys }));
  }

  private async otherLanguageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.language) {
      const found = step.result as FoundChoice;
      const order = (step.values as { languageOrder: Lang[] }).languageOrder;
      if (found.index < order.length) draft.language = order[found.index];
      else {
        draft.language = 'other';
        // A typed name ("tigrinya") arrives as the value; the button's label or key means "not said yet".
        const value = String(found.value).trim();
        const label = turnT(step.context)('interpreter:language.other');
        if (value && value !== label && value !== 'interpreter:language.other') draft.otherLanguage = value;
      }
    }
    if (draft.language === 'other' && !draft.otherLanguage) {
      return step.prompt(ASK_OTHER_LANGUAGE, localized({ promptKey: 'interpreter:askOtherLanguage', retryKey: 'interpreter:askOtherLanguageRetry' }));
    }
    return step.next();
  }

  private async settingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.language === 'other' && !draft.otherLanguage) draft.otherLanguage = String(step.result).trim();
    if (draft.setting) return step.next();
    return step.prompt(
      ASK_SETTING,
      localized({ promptKey: 'interpreter:askSetting', retryKey: 'interpreter:askSettingRetry', choiceKeys: INTERPRETING_SETTINGS.map((s) => `interpreter:setting.${s}`) }),
    );
  }

  private async whenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.setting) draft.setting = INTERPRETING_SETTINGS[(step.result as FoundChoice).index];
    if (draft.when) return step.next();
    return step.prompt(
      ASK_WHEN,
      localized({
        promptKey: 'interpreter:askWhen',
        retryKey: 'interpreter:askWhenRetry',
        suggestionKeys: ['interpreter:whenSuggestion.tomorrow', 'interpreter:whenSuggestion.unknown'],
      }),
    );
  }

  private async modeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.when) draft.when = this.readWhen(step.context, String(step.result ?? '')) ?? 'unknown';
    const offered = this.services.catalog.interpretingSetting(draft.setting!).modes;
    if (draft.mode && offered.includes(draft.mode)) return step.next();
    draft.mode = undefined;
    if (offered.length === 1) {
      draft.mode = offered[0];
      return step.next();
    }
    const modes = MODES_IN_ORDER.filter((m) => offered.includes(m));
    (step.values as { modes?: InterpretingMode[] }).modes = modes;
    const args = draft.when === 'unknown' ? {} : { date: this.dateText(step.context, draft.when) };
    return step.prompt(
      ASK_MODE,
      localized({
        promptKey: draft.when === 'unknown' ? 'interpreter:askMode' : 'interpreter:askModeWithDate',
        args,
        retryKey: 'interpreter:askModeRetry',
        choiceKeys: modes.map((m) => `interpreter:mode.${m}`),
      }),
    );
  }

  /** Shows what will be sent and what the resident can expect (who books, cost, notice), then asks to send. */
  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.mode) draft.mode = (step.values as { modes: InterpretingMode[] }).modes[(step.result as FoundChoice).index];
    const t = turnT(step.context);
    const setting = this.services.catalog.interpretingSetting(draft.setting!);
    const lines = [
      t('interpreter:summaryIntro'),
      `• ${t('interpreter:summary.language', { language: this.languageName(t, draft) })}`,
      `• ${t('interpreter:summary.setting', { setting: t(`interpreter:setting.${draft.setting}`) })}`,
      `• ${t('interpreter:summary.when', { when: draft.when === 'unknown' ? t('interpreter:whenUnknown') : this.dateText(step.context, draft.when!) })}`,
      `• ${t('interpreter:summary.mode', { mode: t(`interpreter:mode.${draft.mode}`) })}`,
    ];
    await step.context.sendActivity(lines.join('\n'));

    // Who books is in the explanation texts; the cost line is generated from `cost` so it can never disagree with data.
    // ...unless the explanation already speaks of the fee (health: the three-year rule), so it is not said twice.
    const explainsFee = setting.explanationKeys.some((k) => /fee|cost/i.test(k));
    const explain = [...setting.explanationKeys.map((k) => t(k)), ...(explainsFee ? [] : [t(`interpreter:cost.${setting.cost}`)])];
    if (draft.when !== 'unknown' && workingDaysUntil(this.today(), draft.when!.date) < this.services.catalog.interpreting.minNoticeWorkingDays) {
      explain.push(t('interpreter:shortNotice', { days: this.services.catalog.interpreting.minNoticeWorkingDays }));
    }
    await step.context.sendActivity([t('interpreter:expectIntro'), ...explain.map((line) => `• ${line}`)].join('\n'));
    return step.prompt(CONFIRM, localized({ promptKey: 'interpreter:confirm', retryKey: 'interpreter:confirmRetry', choiceKeys: ['interpreter:answer.yes', 'interpreter:answer.no'] }));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnT(step.context);
    if ((step.result as FoundChoice).index !== 0) {
      await step.context.sendActivity(t('interpreter:notSent'));
      return step.endDialog();
    }
    const draft = this.draft(step);
    const lang = turnLanguage(step.context);
    const da = { lng: 'da' };
    const line = this.services.catalog.interpreting.requestLine;
    const when = draft.when === 'unknown' ? undefined : draft.when;
    const saved = await this.services.requests.save({
      kind: 'interpreter',
      language: lang,
      conversationId: step.context.activity.conversation.id,
      userId: step.context.activity.from.id,
      summary: t('interpreter:staffSummary', {
        ...da,
        language: this.languageName(t, draft, 'da'),
        setting: t(`interpreter:setting.${draft.setting}`, da),
        when: when ? `${formatDate(when.date, 'da')}${when.time ? ` kl. ${when.time}` : ''}` : t('interpreter:whenUnknown', da),
        mode: t(`interpreter:mode.${draft.mode}`, da),
      }),
      details: {
        interpreterLanguage: draft.language === 'other' ? 'other' : draft.language,
        ...(draft.otherLanguage ? { otherLanguage: draft.otherLanguage } : {}),
        setting: draft.setting,
        date: when?.date ?? null,
        time: when?.time ?? null,
        mode: draft.mode,
      },
    });
    await step.context.sendActivity(
      t('interpreter:saved', { reference: saved.reference, service: inLanguage(line.name, lang), email: line.email ?? line.website ?? '' }),
    );
    return step.endDialog({ reference: saved.reference });
  }

  // -------------------------------------------------------------------------------------------------

  private today(): string {
    return copenhagenParts(this.services.clock()).date;
  }

  private readWhen(context: TurnContext, text: string): ParsedWhen | 'unknown' | undefined {
    const lang = turnLanguage(context);
    if (this.words.match('unknownDate', text, lang)) return 'unknown';
    return this.dates.parse(text, lang, this.services.clock());
  }

  private async validateWhen(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const when = this.readWhen(prompt.context, prompt.recognized.value ?? '');
    if (!when) return false;
    if (when !== 'unknown' && when.date < this.today()) {
      await prompt.context.sendActivity(turnT(prompt.context)('interpreter:datePassed', { date: formatDate(when.date, turnLanguage(prompt.context)) }));
      return false;
    }
    return true;
  }

  private dateText(context: TurnContext, when: ParsedWhen): string {
    const t = turnT(context);
    const date = formatDate(when.date, turnLanguage(context));
    return when.time ? t('interpreter:dateAtTime', { date, time: when.time }) : date;
  }

  private languageName(t: TFunction, draft: InterpreterRequestDraft, lng?: Lang): string {
    if (draft.language === 'other') return draft.otherLanguage ?? t('interpreter:language.other', lng ? { lng } : {});
    return t(`interpreter:language.${draft.language}`, lng ? { lng } : {});
  }
}

/**
 * The conversation's own language first (most residents need an interpreter for the language they write
 * in), Danish last: an interpreter *into* Danish is what every booking already means.
 */
function languageOrder(own: Lang): Lang[] {
  return [own, ...LANGUAGES.filter((l) => l !== own && l !== 'da'), ...(own === 'da' ? [] : ['da' as Lang])];
}

/** A typed language name we do not list ("tigrinya", "كردي"): short, letters only. */
function looksLikeLanguageName(text: string): boolean {
  const clean = text.trim();
  return clean.length >= 2 && clean.length <= 40 && /\p{L}/u.test(clean) && !/\d/.test(clean) && clean.split(/\s+/).length <= 4;
}

/** Weekdays from today (exclusive) up to the date (inclusive); public holidays are not counted out. */
export function workingDaysUntil(today: string, date: string): number {
  let days = 0;
  for (let d = addDays(today, 1); d <= date && days < 60; d = addDays(d, 1)) {
    if (!['saturday', 'sunday'].includes(weekdayOfDate(d))) days++;
  }
  return days;
}
