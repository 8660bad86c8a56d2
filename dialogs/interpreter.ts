import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { INTERPRETING_SETTINGS, inLanguage, type InterpretingMode, type InterpretingSetting } from '../src/catalog';
import { LANGUAGES, type Lang } from '../src/language/languages';
import { recordTrace } from '../src/state/turnTrace';
import { addDays, copenhagenParts, weekdayOfDate } from '../src/time/copenhagen';
import { formatDate, type ParsedWhen } from '../src/time/dates';
import type { WhoFor } from '../src/understanding';
import { fill, FormDialog, type FormContext, type Question } from './form';
import type { DialogServices } from './services';

export const INTERPRETER_DIALOG = 'interpreter';

/** What the dialog has found out so far (dialog state). */
export interface InterpreterSlots {
  /** One of the bot's languages, or `other` with the name the resident typed. */
  language?: Lang | 'other';
  otherLanguage?: string;
  setting?: InterpretingSetting;
  /** `unknown` when the resident does not know the date yet. */
  when?: ParsedWhen | 'unknown';
  /** A date the resident gave that has already passed (asked again, saying so). */
  passed?: string;
  mode?: InterpretingMode;
  whoFor?: WhoFor;
  confirm?: 'yes' | 'no';
}

const MODES_IN_ORDER: InterpretingMode[] = ['in_person', 'phone', 'video'];

/**
 * Interpreter request: which language, for what, when, and in person/by phone/video. Says who books and
 * what it costs (data/interpreting.json), then — with the resident's yes — passes the request to the city's
 * interpreter team with a reference number. Whatever the resident says at any point fills what it can.
 */
export class InterpreterDialog extends FormDialog<InterpreterSlots> {
  constructor(services: DialogServices) {
    super('interpreter', services);
  }

  protected questions(): Question<InterpreterSlots>[] {
    return [
      {
        slot: 'language',
        prompt: (_s, f) => ({
          key: 'interpreter:askLanguage',
          retryKey: 'interpreter:askLanguageRetry',
          choices: [...languageOrder(f.lang).map((l) => ({ value: l as Lang | 'other', key: `interpreter:language.${l}` })), { value: 'other' as const, key: 'interpreter:language.other' }],
        }),
        // A language we do not list, typed ("tigrinya", "كردي"): short, letters only, not a command word.
        read: (s, f) => {
          const e = f.entities;
          if (!looksLikeLanguageName(f.reading.text) || f.reading.command || e.setting || e.date || e.mode || e.whoFor) return undefined;
          s.otherLanguage = f.reading.text.trim();
          return 'other';
        },
      },
      {
        slot: 'otherLanguage',
        needed: (s) => s.language === 'other' && !s.otherLanguage,
        prompt: () => ({ key: 'interpreter:askOtherLanguage', retryKey: 'interpreter:askOtherLanguageRetry' }),
        read: (_s, f) => (looksLikeLanguageName(f.reading.text) && !f.reading.command ? f.reading.text.trim() : undefined),
      },
      {
        slot: 'setting',
        prompt: () => ({
          key: 'interpreter:askSetting',
          retryKey: 'interpreter:askSettingRetry',
          choices: INTERPRETING_SETTINGS.map((s) => ({ value: s, key: `interpreter:setting.${s}` })),
        }),
      },
      {
        slot: 'when',
        prompt: (s, f) => {
          const tomorrow = addDays(copenhagenParts(f.now).date, 1);
          return {
            key: s.passed ? 'interpreter:datePassed' : 'interpreter:askWhen',
            args: s.passed ? { date: formatDate(s.passed, f.lang) } : undefined,
            retryKey: s.passed ? 'interpreter:datePassed' : 'interpreter:askWhenRetry',
            choices: [
              { key: 'interpreter:whenSuggestion.tomorrow', value: { date: tomorrow, weekday: weekdayOfDate(tomorrow) } },
              { key: 'interpreter:whenSuggestion.unknown', value: 'unknown' as const },
            ],
          };
        },
      },
      {
        slot: 'mode',
        needed: (s) => !s.mode && this.modesFor(s).length > 1,
        // The date just given is said back with the question ("Tuesday 1 December at 10:00, got it…").
        prompt: (s, f) => ({
          key: !f.first && f.entities.date && s.when && s.when !== 'unknown' ? 'interpreter:askModeWithDate' : 'interpreter:askMode',
          args: s.when && s.when !== 'unknown' ? { date: dateText(f.t, f.lang, s.when) } : undefined,
          retryKey: 'interpreter:askModeRetry',
          choices: this.modesFor(s).map((m) => ({ value: m, key: `interpreter:mode.${m}` })),
        }),
      },
      {
        slot: 'confirm',
        recaps: true,
        intro: (s, f) => this.summarise(s, f),
        prompt: () => ({
          key: 'interpreter:confirm',
          retryKey: 'interpreter:confirmRetry',
          choices: [
            { value: 'yes' as const, key: 'interpreter:answer.yes' },
            { value: 'no' as const, key: 'interpreter:answer.no' },
          ],
        }),
        read: (_s, f) => f.entities.answer,
      },
    ];
  }

  protected absorb(s: InterpreterSlots, f: FormContext, asking: string | undefined, override: boolean): void {
    const e = f.entities;
    const answering = (slot: string) => override || asking === slot;
    fill(s, 'whoFor', e.whoFor, override);
    if (e.language) {
      fill(s, 'language', e.language, answering('language'));
      if (s.language === e.language) delete s.otherLanguage;
    } else if (e.otherLanguage && (answering('language') || answering('otherLanguage') || !s.language)) {
      // "an interpreter in Tigrinya": a language without a button is "another language", named, not asked again.
      s.language = 'other';
      s.otherLanguage = e.otherLanguage;
    }
    fill(s, 'setting', e.setting, answering('setting'));
    if (e.unknownDate && asking === 'when') s.when = 'unknown';
    else if (e.date) {
      if (e.date.date < copenhagenParts(f.now).date) s.passed = e.date.date;
      else {
        fill(s, 'when', e.date, answering('when'));
        delete s.passed;
      }
    }
    if (e.mode) fill(s, 'mode', e.mode, answering('mode'));
    // A mode the setting does not offer is asked again; a setting with one way only needs no question.
    if (s.mode && s.setting && !this.modesFor(s).includes(s.mode)) delete s.mode;
    if (!s.mode && s.setting && this.modesFor(s).length === 1) s.mode = this.modesFor(s)[0];
  }

  protected override understood(s: InterpreterSlots, f: FormContext): string | undefined {
    const t = f.t;
    const parts: string[] = [];
    if (s.language) parts.push(languageName(t, s));
    if (s.setting) parts.push(t(`interpreter:setting.${s.setting}`).toLowerCase());
    if (s.when && s.when !== 'unknown') parts.push(dateText(t, f.lang, s.when));
    if (s.mode) parts.push(t(`interpreter:mode.${s.mode}`).toLowerCase());
    return parts.length ? t('interpreter:understood', { what: parts.join(' · ') }) : undefined;
  }

  protected override traceSlots(s: InterpreterSlots): Record<string, unknown> {
    return {
      language: s.language,
      setting: s.setting,
      day: s.when === 'unknown' ? 'unknown' : s.when ? weekdayOfDate(s.when.date) : undefined,
      mode: s.mode,
      whoFor: s.whoFor,
    };
  }

  protected async finish(dc: DialogContext, s: InterpreterSlots, f: FormContext): Promise<DialogTurnResult> {
    const { t, lang, context } = f;
    if (s.confirm !== 'yes') {
      await context.sendActivity(t('interpreter:notSent'));
      return dc.endDialog();
    }
    const da = { lng: 'da' };
    const line = this.services.catalog.interpreting.requestLine;
    const when = s.when === 'unknown' ? undefined : s.when;
    const saved = await this.services.requests.save({
      kind: 'interpreter',
      language: lang,
      conversationId: context.activity.conversation.id,
      userId: context.activity.from.id,
      summary: t('interpreter:staffSummary', {
        ...da,
        language: languageName(t, s, 'da'),
        setting: t(`interpreter:setting.${s.setting}`, da),
        when: when ? `${formatDate(when.date, 'da')}${when.time ? ` kl. ${when.time}` : ''}` : t('interpreter:whenUnknown', da),
        mode: t(`interpreter:mode.${s.mode}`, da),
      }),
      details: {
        interpreterLanguage: s.language === 'other' ? 'other' : s.language,
        ...(s.otherLanguage ? { otherLanguage: s.otherLanguage } : {}),
        setting: s.setting,
        date: when?.date ?? null,
        time: when?.time ?? null,
        mode: s.mode,
      },
    });
    recordTrace(context, { reference: saved.reference });
    await context.sendActivity(t('interpreter:saved', { reference: saved.reference, service: inLanguage(line.name, lang), email: line.email ?? line.website ?? '' }));
    return dc.endDialog({ reference: saved.reference });
  }

  // -------------------------------------------------------------------------------------------------

  private modesFor(s: InterpreterSlots): InterpretingMode[] {
    if (!s.setting) return MODES_IN_ORDER;
    const offered = this.services.catalog.interpretingSetting(s.setting).modes;
    return MODES_IN_ORDER.filter((m) => offered.includes(m));
  }

  /** What will be sent, and what the resident can expect (who books, cost, notice): said before "shall I send it?". */
  private async summarise(s: InterpreterSlots, f: FormContext): Promise<void> {
    const { t, lang, context } = f;
    const setting = this.services.catalog.interpretingSetting(s.setting!);
    const lines = [
      t('interpreter:summaryIntro'),
      `• ${t('interpreter:summary.language', { language: languageName(t, s) })}`,
      `• ${t('interpreter:summary.setting', { setting: t(`interpreter:setting.${s.setting}`) })}`,
      `• ${t('interpreter:summary.when', { when: s.when === 'unknown' || !s.when ? t('interpreter:whenUnknown') : dateText(t, lang, s.when) })}`,
      `• ${t('interpreter:summary.mode', { mode: t(`interpreter:mode.${s.mode}`) })}`,
    ];
    await context.sendActivity(lines.join('\n'));
    // Who books is in the explanation texts; the cost line comes from `cost`, so it can never disagree with
    // the data — unless the explanation already speaks of the fee (health: the three-year rule).
    const explainsFee = setting.explanationKeys.some((k) => /fee|cost/i.test(k));
    const explain = [...setting.explanationKeys.map((k) => t(k)), ...(explainsFee ? [] : [t(`interpreter:cost.${setting.cost}`)])];
    const today = copenhagenParts(f.now).date;
    if (s.when && s.when !== 'unknown' && workingDaysUntil(today, s.when.date) < this.services.catalog.interpreting.minNoticeWorkingDays) {
      explain.push(t('interpreter:shortNotice', { days: this.services.catalog.interpreting.minNoticeWorkingDays }));
    }
    await context.sendActivity([t('interpreter:expectIntro'), ...explain.map((line) => `• ${line}`)].join('\n'));
  }
}

function dateText(t: TFunction, lang: Lang, when: ParsedWhen): string {
  const date = formatDate(when.date, lang);
  return when.time ? t('interpreter:dateAtTime', { date, time: when.time }) : date;
}

function languageName(t: TFunction, s: InterpreterSlots, lng?: Lang): string {
  if (s.language === 'other') return s.otherLanguage ?? t('interpreter:language.other', lng ? { lng } : {});
  return t(`interpreter:language.${s.language}`, lng ? { lng } : {});
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
  return clean.length >= 2 && clean.length <= 40 && /\p{L}/u.test(clean) && !/\d/.test(clean) && clean.split(/\s+/).length <= 2;
}

/** Weekdays from today (exclusive) up to the date (inclusive); public holidays are not counted out. */
export function workingDaysUntil(today: string, date: string): number {
  let days = 0;
  for (let d = addDays(today, 1); d <= date && days < 60; d = addDays(d, 1)) {
    if (!['saturday', 'sunday'].includes(weekdayOfDate(d))) days++;
  }
  return days;
}
