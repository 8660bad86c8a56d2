import { WEEKDAYS, formatRanges, minutesOf, type TimeRange, type Weekday, type WeeklyHours } from './weeklyHours';

export { WEEKDAYS, formatRanges, minutesOf };
export type { TimeRange, Weekday, WeeklyHours };

/**
 * Europe/Copenhagen wall-clock time. Opening hours in `data/` are wall-clock times, so every question
 * "is it open?" is answered in Copenhagen time, whatever the server's own time zone is, and summer time
 * is Intl's job, not ours.
 */
export const TIME_ZONE = 'Europe/Copenhagen';

export interface CopenhagenParts {
  weekday: Weekday;
  /** "yyyy-mm-dd" */
  date: string;
  /** "hh:mm", 24-hour */
  time: string;
  /** Minutes after midnight (0..1439). */
  minutes: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type RawParts = { y: number; mo: number; d: number; h: number; mi: number; s: number };
// A turn asks about the same instant many times (its clock reading); formatToParts is slow, so the last
// answer is kept. The result is a pure function of the instant.
let last: { ms: number; parts: RawParts } | undefined;

function rawParts(at: Date): RawParts {
  const ms = at.getTime();
  if (last?.ms === ms) return last.parts;
  const p: Record<string, string> = {};
  for (const part of formatter.formatToParts(at)) p[part.type] = part.value;
  const parts = { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, mi: Number(p.minute), s: Number(p.second) };
  last = { ms, parts };
  return parts;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function copenhagenParts(at: Date): CopenhagenParts {
  const { y, mo, d, h, mi } = rawParts(at);
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  return { weekday: weekdayOfDate(date), date, time: `${pad(h)}:${pad(mi)}`, minutes: h * 60 + mi };
}

/** The weekday of a calendar date ("2026-11-26" -> thursday), independent of any time zone. */
export function weekdayOfDate(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  const sundayFirst = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7];
}

/** Calendar arithmetic on "yyyy-mm-dd" (no clock involved, so DST cannot shift the day). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Copenhagen's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const { y, mo, d, h, mi, s } = rawParts(at);
  const asIfUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  return Math.round((asIfUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant of a Copenhagen wall-clock time: `fromCopenhagen("2026-12-15", "10:00")`. Like Temporal's
 * "compatible" rule: a time that does not exist (the hour skipped when summer time starts) moves forward
 * by the gap (02:30 -> 03:30); a time that happens twice (when summer time ends) gives the first one.
 */
export function fromCopenhagen(date: string, time: string): Date {
  let minutes = minutesOf(time);
  if (minutes >= 1440) {
    date = addDays(date, 1);
    minutes -= 1440;
  }
  const [y, mo, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, mo - 1, d, 0, minutes);
  const withOffsetBefore = wall - offsetMinutes(new Date(wall - 3 * 3600000)) * 60000;
  const withOffsetAfter = wall - offsetMinutes(new Date(wall + 3 * 3600000)) * 60000;
  for (const c of [Math.min(withOffsetBefore, withOffsetAfter), Math.max(withOffsetBefore, withOffsetAfter)]) {
    const p = copenhagenParts(new Date(c));
    if (p.date === date && p.minutes === minutes) return new Date(c);
  }
  return new Date(withOffsetBefore);
}

export interface HoursOptions {
  /** Copenhagen dates ("2026-12-24") with no opening; a range belongs to the date it starts on. */
  closedDates?: readonly string[];
}

/** The ranges that start on a Copenhagen date (the hours to show for that day). */
export function hoursOnDate(hours: WeeklyHours, date: string, options: HoursOptions = {}): TimeRange[] {
  if (options.closedDates?.includes(date)) return [];
  return hours[weekdayOfDate(date)] ?? [];
}

/** The ranges for the Copenhagen day that `at` falls on. */
export function hoursOnDayOf(hours: WeeklyHours, at: Date, options: HoursOptions = {}): TimeRange[] {
  return hoursOnDate(hours, copenhagenParts(at).date, options);
}

/** End minute of a range counted from the start day's midnight: past midnight gives > 1440. */
function rangeSpan([from, to]: TimeRange): [number, number] {
  const start = minutesOf(from);
  let end = minutesOf(to);
  if (end <= start) end += 1440;
  return [start, end];
}

/**
 * Open at `at`? Looks at the ranges of that Copenhagen day and at yesterday's ranges that run past
 * midnight (Friday 18:00-01:00 is open at 00:30 on Saturday).
 */
export function isOpenAt(hours: WeeklyHours, at: Date, options: HoursOptions = {}): boolean {
  const now = copenhagenParts(at);
  for (const range of hoursOnDate(hours, now.date, options)) {
    const [start, end] = rangeSpan(range);
    if (now.minutes >= start && now.minutes < end) return true;
  }
  for (const range of hoursOnDate(hours, addDays(now.date, -1), options)) {
    const [, end] = rangeSpan(range);
    if (end > 1440 && now.minutes < end - 1440) return true;
  }
  return false;
}

/** The instant the range that is open at `at` closes; undefined when closed at `at`. */
export function closesAt(hours: WeeklyHours, at: Date, options: HoursOptions = {}): Date | undefined {
  const now = copenhagenParts(at);
  for (const [offset, date] of [[0, now.date], [1440, addDays(now.date, -1)]] as const) {
    for (const range of hoursOnDate(hours, date, options)) {
      const [start, end] = rangeSpan(range);
      const m = now.minutes + offset;
      if (m >= start && m < end) return end >= 1440 ? fromCopenhagen(addDays(date, 1), minutesToTime(end - 1440)) : fromCopenhagen(date, range[1]);
    }
  }
  return undefined;
}

/**
 * The earliest instant at or after `at` when the place is open: `at` itself when open now, otherwise
 * the start of the next range. Undefined when nothing opens within `horizonDays` (no hours at all, or
 * closed for longer).
 */
export function nextOpening(hours: WeeklyHours, at: Date, options: HoursOptions & { horizonDays?: number } = {}): Date | undefined {
  if (isOpenAt(hours, at, options)) return at;
  return nextRangeStart(hours, at, options);
}

/** The start of the first range that begins after `at`, whether or not it is open at `at`. */
export function nextRangeStart(hours: WeeklyHours, at: Date, options: HoursOptions & { horizonDays?: number } = {}): Date | undefined {
  const today = copenhagenParts(at).date;
  const horizon = options.horizonDays ?? 60;
  for (let k = 0; k <= horizon; k++) {
    const date = addDays(today, k);
    const starts = hoursOnDate(hours, date, options)
      .map((r) => fromCopenhagen(date, r[0]))
      .filter((d) => d.getTime() > at.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    if (starts.length) return starts[0];
  }
  return undefined;
}

/** Does any range overlap the Copenhagen window [fromTime, toTime) on `date`? (e.g. "this evening") */
export function isOpenDuring(hours: WeeklyHours, date: string, fromTime: string, toTime: string, options: HoursOptions = {}): boolean {
  const wStart = minutesOf(fromTime);
  let wEnd = minutesOf(toTime);
  if (wEnd <= wStart) wEnd += 1440;
  for (const range of hoursOnDate(hours, date, options)) {
    const [start, end] = rangeSpan(range);
    if (start < wEnd && end > wStart) return true;
  }
  for (const range of hoursOnDate(hours, addDays(date, -1), options)) {
    const [start, end] = rangeSpan(range);
    if (end > 1440 && start - 1440 < wEnd && end - 1440 > wStart) return true;
  }
  return false;
}

function minutesToTime(m: number): string {
  return `${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}`;
}
