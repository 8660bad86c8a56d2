import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../language/languages';
import { normalizeText } from '../language/normalize';
import { addDays, copenhagenParts, weekdayOfDate, WEEKDAYS, type Weekday } from './copenhagen';

/**
 * Understands the day (and, if given, the time) a resident names for an appointment, in their own language:
 * "tirsdag", "next Tuesday", "i morgen", "15/12", "15. december kl. 10", "yarın", "завтра", "کل".
 * Dates are Copenhagen calendar dates, counted from the Copenhagen "today" of the injected clock, so a
 * message sent at 00:30 Copenhagen time (23:30 UTC) means the right "tomorrow".
 *
 * The words live in `locales/<lng>/training/dates.json`. A resident's message is read with their language's
 * words plus Danish and English (they mix in "i morgen" or "Tuesday"), never with other languages' words:
 * Urdu "کل" is "tomorrow", Persian "کل" is "whole".
 */

const phraseList = z.array(z.string().min(1));
export const dateWordsSchema = z
  .object({
    today: phraseList,
    tomorrow: phraseList,
    dayAfterTomorrow: phraseList,
    /** "next week": with a weekday it means that weekday in the coming calendar week. */
    nextWeek: phraseList,
    weekdays: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, phraseList.min(1)])) as Record<Weekday, typeof phraseList>).strict(),
    /** Twelve lists, January first; only counted next to a day number ("15 december", "december 15"). */
    months: z.array(phraseList.min(1)).length(12),
    /** Words before an hour: "kl. 10", "at 10", "saat 10". */
    timeBefore: phraseList,
    /** Words after an hour: "10 بجے". */
    timeAfter: phraseList,
    /**
     * Words before an hour that are also "about" a number ("about 15", "around 12"): a time only next to a
     * day ("Friday around 10"), never alone — "my son is about 15" is an age.
     */
    timeBeforeNearDay: phraseList.default([]),
  })
  .strict();
export type DateWords = z.infer<typeof dateWordsSchema>;

export interface ParsedWhen {
  /** Copenhagen calendar date, "yyyy-mm-dd". */
  date: string;
  weekday: Weekday;
  /** "hh:mm", when the resident gave a time. */
  time?: string;
}

type Matcher = { kind: 'today' | 'tomorrow' | 'dayAfterTomorrow' | 'nextWeek' | Weekday; phrase: string }[];
interface Compiled {
  phrases: Matcher;
  months: { month: number; before: RegExp; after: RegExp }[];
  timeBefore: RegExp[];
  timeAfter: RegExp[];
  timeBeforeNearDay: RegExp[];
}

export class DateUnderstanding {
  private constructor(private readonly compiled: Map<Lang, Compiled>) {}

  /** Reads and checks `training/dates.json` of every language; a missing or bad file names itself. */
  static load(localesDir: string): DateUnderstanding {
    const compiled = new Map<Lang, Compiled>();
    for (const lang of LANGUAGES) {
      const file = path.join(localesDir, lang, 'training', 'dates.json');
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw new Error(`locales/${lang}/training/dates.json: ${(err as Error).message}`);
      }
      const parsed = dateWordsSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`locales/${lang}/training/dates.json: ${issue.path.join('.')}: ${issue.message}`);
      }
      compiled.set(lang, compile(parsed.data));
    }
    return new DateUnderstanding(compiled);
  }

  /**
   * The day the text names, on or after today (Copenhagen), or undefined when it names none. A date that
   * has already passed this year ("15/1" in December) is taken as next year's; an explicit past date
   * ("15/1/2020") is returned as it is, so the dialog can say it has passed.
   */
  parse(text: string, lang: Lang, now: Date): ParsedWhen | undefined {
    const today = copenhagenParts(now).date;
    const lists = [...new Set<Lang>([lang, 'da', 'en'])].map((l) => this.compiled.get(l)!).filter(Boolean);
    const soft = softFold(text);
    const time = findTime(soft, lists, true);
    // "kl. 10.30" must not also be read as a date (the 10th of month 30): take the time out first.
    const rest = time ? soft.replace(time.source, ' ') : soft;
    const norm = ` ${normalizeText(rest)} `;

    const date = findNumericDate(rest, today) ?? findMonthNameDate(norm, lists, today) ?? findWordDate(norm, lists, today);
    if (!date) return undefined;
    return { date, weekday: weekdayOfDate(date), ...(time ? { time: time.value } : {}) };
  }

  /** The part of the text a time of day was read from ("kl 3", "at 10:30", "10 بجے"), or undefined. */
  timeText(text: string, lang: Lang): string | undefined {
    return this.findTime(text, lang)?.source;
  }

  /** A time of day said without a day ("at 3", "saat 3'te"): "15:00". */
  time(text: string, lang: Lang): string | undefined {
    return this.findTime(text, lang)?.value;
  }

  private findTime(text: string, lang: Lang): FoundTime | undefined {
    const lists = [...new Set<Lang>([lang, 'da', 'en'])].map((l) => this.compiled.get(l)!).filter(Boolean);
    return findTime(softFold(text), lists, false);
  }

  /** True when the text contains any day word or date this module understands (cheap pre-check for prefill). */
  mentionsDate(text: string, lang: Lang, now: Date): boolean {
    return this.parse(text, lang, now) !== undefined;
  }
}

const loadedByDir = new Map<string, DateUnderstanding>();
/** The word lists of a `locales/` directory, read once per directory (they are the same for every conversation). */
export function dateUnderstanding(localesDir: string): DateUnderstanding {
  let dates = loadedByDir.get(localesDir);
  if (!dates) {
    dates = DateUnderstanding.load(localesDir);
    loadedByDir.set(localesDir, dates);
  }
  return dates;
}

/** "tirsdag 15. december", "Tuesday 15 December", "الثلاثاء، 15 ديسمبر" — always the Gregorian calendar. */
/** "30 November 2024": a date in the past or far ahead, where the year matters and the weekday does not. */
export function formatDateWithYear(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  const locale = lang === 'en' ? 'en-GB' : `${lang}-u-ca-gregory-nu-latn`;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

export function formatDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  const locale = lang === 'en' ? 'en-GB' : `${lang}-u-ca-gregory-nu-latn`;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

// ---------------------------------------------------------------------------------------------------

function compile(words: DateWords): Compiled {
  const norm = (p: string) => normalizeText(p);
  const phrases: Matcher = [];
  for (const kind of ['today', 'tomorrow', 'dayAfterTomorrow', 'nextWeek'] as const) for (const p of words[kind]) phrases.push({ kind, phrase: norm(p) });
  for (const day of WEEKDAYS) for (const p of words.weekdays[day]) for (const phrase of withProclitics(norm(p))) phrases.push({ kind: day, phrase });
  // Longest first: "i overmorgen" before "i morgen", Persian "سه شنبه" before "شنبه".
  phrases.sort((a, b) => b.phrase.length - a.phrase.length);
  const months = words.months
    .flatMap((list, i) => list.map((p) => ({ month: i + 1, phrase: norm(p) })))
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .map(({ month, phrase }) => ({
      month,
      // "15 december", "15. december", "den 15 dec", "15 декабря", "15 Aralık" / "december 15".
      before: new RegExp(`(?:^| )(\\d{1,2}) (?:\\p{L}{1,3} )?${escape(phrase)}(?= )`, 'u'),
      after: new RegExp(` ${escape(phrase)} (\\d{1,2})(?= )`, 'u'),
    }));
  // "kl. 10.30", "klokken 14", "at 9", "saat 10", "الساعة 10" / "10 بجے".
  const before = (m: string) => new RegExp(`(?<!\\p{L})${escape(m)}\\.?\\s*(\\d{1,2})(?:[.:](\\d{2}))?(?!\\d|[./-]\\d)`, 'u');
  const timeBefore = words.timeBefore.map(norm).map(before);
  const timeBeforeNearDay = words.timeBeforeNearDay.map(norm).map(before);
  const timeAfter = words.timeAfter.map(norm).map((m) => new RegExp(`(?<![\\d./-])(\\d{1,2})(?:[.:](\\d{2}))?\\s*${escape(m)}(?!\\p{L})`, 'u'));
  return { phrases: phrases.filter((p) => p.phrase), months, timeBefore, timeAfter, timeBeforeNearDay };
}

/**
 * Arabic glues "on/in", "and" and "for" onto a day: "بالسبت" (on Saturday), "والأحد", "للجمعة". A day word
 * written with the article also stands with those in front; the words in the lists stay as people say them.
 */
function withProclitics(phrase: string): string[] {
  if (!/^ال[\u0600-\u06FF]/.test(phrase)) return [phrase];
  return [phrase, `ب${phrase}`, `و${phrase}`, `ف${phrase}`, `وب${phrase}`, `لل${phrase.slice(2)}`];
}

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;
/**
 * Words folded as the recogniser folds them (so "kl."/"الساعة"/"saat" match the lists however they were
 * typed), but with the punctuation between digits kept: "15/12" and "10.30" need their "/" and ".".
 */
function softFold(text: string): string {
  const s = text.normalize('NFKC').toLowerCase().replace(ARABIC_INDIC, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  return s.replace(/\p{L}[\p{L}\p{M}\u200c]*/gu, (w) => normalizeText(w));
}

const pad = (n: number) => String(n).padStart(2, '0');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function validDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return undefined; // 31/2
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Day and month without a year: this year's, or next year's if this year's has passed. */
function upcoming(day: number, month: number, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const thisYear = validDate(year, month, day);
  if (thisYear && thisYear >= today) return thisYear;
  return validDate(year + 1, month, day) ?? thisYear;
}

function findNumericDate(text: string, today: string): string | undefined {
  const iso = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(text);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // Day first, as in Denmark and most of the residents' countries: 15/12, 15.12, 15-12, 15/12/2026, 15.12.26.
  const dm = /(?<![\d.:/-])(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?(?![\d:])(?![./-]\d)/.exec(text);
  if (!dm) return undefined;
  const day = Number(dm[1]);
  const month = Number(dm[2]);
  if (dm[3]) {
    const y = dm[3].length === 2 ? 2000 + Number(dm[3]) : Number(dm[3]);
    return validDate(y, month, day);
  }
  return upcoming(day, month, today);
}

function findMonthNameDate(norm: string, lists: Compiled[], today: string): string | undefined {
  for (const list of lists) {
    for (const { month, before, after } of list.months) {
      const hit = before.exec(norm) ?? after.exec(norm);
      if (!hit) continue;
      const day = Number(hit[1]);
      const year = / (20\d\d) /.exec(norm);
      return year ? validDate(Number(year[1]), month, day) : upcoming(day, month, today);
    }
  }
  return undefined;
}

function findWordDate(norm: string, lists: Compiled[], today: string): string | undefined {
  let nextWeek = false;
  let found: Exclude<Matcher[number]['kind'], 'nextWeek'> | undefined;
  let rest = norm;
  for (const list of lists) {
    for (const { kind, phrase } of list.phrases) {
      if (!rest.includes(` ${phrase} `)) continue;
      // Used up, so a shorter phrase inside it does not count again (Urdu "اگلے ہفتے" is "next week", "ہفتے" alone "Saturday").
      rest = rest.split(` ${phrase} `).join('  ');
      if (kind === 'nextWeek') nextWeek = true;
      else found ??= kind as Exclude<typeof kind, 'nextWeek'>;
    }
  }
  if (!found) return undefined;
  if (found === 'today') return today;
  if (found === 'tomorrow') return addDays(today, 1);
  if (found === 'dayAfterTomorrow') return addDays(today, 2);
  const todayIndex = WEEKDAYS.indexOf(weekdayOfDate(today));
  const target = WEEKDAYS.indexOf(found);
  if (nextWeek) return addDays(today, 7 - todayIndex + target);
  // "Tuesday" said on a Tuesday means next week's: an appointment that needs an interpreter is not today.
  const ahead = (target - todayIndex + 7) % 7 || 7;
  return addDays(today, ahead);
}

interface FoundTime {
  value: string;
  hour: number;
  /** The text the time was read from, in the digit-normalised message (to keep it out of the date search). */
  source: string;
}

/** "kl 3", "at 2", "saat 5": read as 15:00, 14:00, 17:00. */
const AFTERNOON_UNTIL = 6;

/** `nearDay`: a day is named too, so "around 10" is a time (alone it may be "about 15" years or people). */
function findTime(soft: string, lists: Compiled[], nearDay: boolean): FoundTime | undefined {
  const make = (h: number, m: number, source: string): FoundTime | undefined =>
    h >= 0 && h <= 23 && m >= 0 && m <= 59 ? { value: `${pad(h)}:${pad(m)}`, hour: h, source } : undefined;

  // 10:30 is always a time.
  const colon = /(?<!\d)([01]?\d|2[0-3]):([0-5]\d)(?!\d)/.exec(soft);
  if (colon) return make(Number(colon[1]), Number(colon[2]), colon[0]);
  // 10am, 2 pm, 2.30pm
  const ampm = /(?<!\d)(1[0-2]|0?[1-9])(?:[.:]([0-5]\d))?\s?(am|pm)(?!\p{L})/u.exec(soft);
  if (ampm) {
    const h = (Number(ampm[1]) % 12) + (ampm[3] === 'pm' ? 12 : 0);
    return make(h, Number(ampm[2] ?? 0), ampm[0]);
  }
  // "kl. 10.30", "klokken 14", "at 9", "saat 10", "الساعة 10"; "10 بجے" (markers come from the word lists).
  // An hour from 1 to 6 said without am/pm is the afternoon: appointments and clubs are not at 2 at night.
  for (const list of lists) {
    for (const pattern of [...list.timeBefore, ...list.timeAfter, ...(nearDay ? list.timeBeforeNearDay : [])]) {
      const m = pattern.exec(soft);
      if (m) {
        const h = Number(m[1]);
        return make(h >= 1 && h <= AFTERNOON_UNTIL ? h + 12 : h, Number(m[2] ?? 0), m[0]);
      }
    }
  }
  return undefined;
}
