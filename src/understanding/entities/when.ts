import type { Lang } from '../../language/languages';
import { addDays, copenhagenParts, weekdayOfDate } from '../../time/copenhagen';
import { dateUnderstanding, type DateUnderstanding, type ParsedWhen } from '../../time/dates';
import { group, readTrainingFiles, WordTable } from './wordTable';

/** When the resident wants to go somewhere; dates are Copenhagen calendar dates. */
/** `weekend`: the date is the coming Saturday, and Sunday counts as well. */
export type WantedTime = { kind: 'now' } | { kind: 'day' | 'evening'; date: string; weekend?: true } | { kind: 'at'; date: string; time: string } | { kind: 'any' };

export interface WhenReading {
  /** For going somewhere: now, this evening, a day, a day and time, any time. */
  when?: WantedTime;
  /** A day (and time) named: "Friday", "next Tuesday at 10", "15/3". */
  date?: ParsedWhen;
  /** "I don't know yet", "as soon as possible": a date that is not known. */
  unknownDate?: boolean;
}

type WhenWord = 'anytime' | 'now' | 'tonight' | 'evening' | 'weekend';

/** Days and times (locales/<lng>/training/dates.json, clubs.json `when`, interpreter.json `unknownDate`). */
export class WhenEntity {
  private constructor(
    private readonly dates: DateUnderstanding,
    private readonly words: WordTable<WhenWord>,
    private readonly unknownDate: WordTable<'unknownDate'>,
  ) {}

  static load(localesDir: string): WhenEntity {
    const clubs = readTrainingFiles(localesDir, 'clubs.json');
    return new WhenEntity(
      dateUnderstanding(localesDir),
      WordTable.fromLists(group<WhenWord>(clubs, 'when', 'clubs.json', ['anytime', 'now', 'tonight', 'evening', 'weekend'])),
      WordTable.fromLists(group<'unknownDate'>(readTrainingFiles(localesDir, 'interpreter.json'), 'unknownDate', 'interpreter.json')),
    );
  }

  /** The words a time of day was read from ("kl 3", "at 10:30"), so that its number is not taken for an age. */
  timeText(text: string, lang: Lang): string | undefined {
    return this.dates.timeText(text, lang);
  }

  read(text: string, normalized: string, lang: Lang, now: Date): WhenReading {
    const out: WhenReading = {};
    const today = copenhagenParts(now).date;
    const says = this.words.all(normalized, lang);
    const date = this.dates.parse(text, lang, now);
    if (date) out.date = date;
    if (this.unknownDate.has(normalized, lang)) out.unknownDate = true;
    const evening = says.includes('evening');
    if (says.includes('now')) out.when = { kind: 'now' };
    else if (says.includes('tonight')) out.when = { kind: 'evening', date: today };
    else if (date) out.when = date.time ? { kind: 'at', date: date.date, time: date.time } : { kind: evening ? 'evening' : 'day', date: date.date };
    else if (this.dates.time(text, lang)) {
      // A time without a day ("at 3", "kl. 15"): today, or the weekend's Saturday when that was said.
      out.when = { kind: 'at', date: says.includes('weekend') ? comingSaturday(today) : today, time: this.dates.time(text, lang)! };
    } else if (says.includes('weekend')) out.when = { kind: evening ? 'evening' : 'day', date: comingSaturday(today), weekend: true };
    else if (evening) out.when = { kind: 'evening', date: today };
    else if (says.includes('anytime')) out.when = { kind: 'any' };
    return out;
  }
}

/** The coming Saturday, or today when it is already Saturday. */
export function comingSaturday(today: string): string {
  let date = today;
  while (weekdayOfDate(date) !== 'saturday') date = addDays(date, 1);
  return date;
}
