import { z } from 'zod';

/** Weekdays in the order Danish calendars use (Monday first); also the keys of `WeeklyHours`. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * `["14:00", "21:30"]` in Europe/Copenhagen wall-clock time. An end at or before the start means the
 * range passes midnight: `["18:00", "01:00"]` on Friday is open until 01:00 on Saturday. `"24:00"` as
 * an end means midnight.
 */
export type TimeRange = [string, string];
/** Missing or empty day: closed that day. */
export type WeeklyHours = Partial<Record<Weekday, TimeRange[]>>;

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "14:00"');
const hhmmEnd = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time like "21:30" (or "24:00")');

export const timeRangeSchema = z
  .tuple([hhmm, hhmmEnd])
  .refine(([from, to]) => from !== to, { message: 'a range must not start and end at the same time' });

const day = z.array(timeRangeSchema).optional();
export const weeklyHoursSchema = z
  .object({ monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day })
  .strict();

/** "14:30" -> 870 (minutes after midnight). */
export function minutesOf(hhmmText: string): number {
  const [h, m] = hhmmText.split(':').map(Number);
  return h * 60 + m;
}

/** [["14:00","21:30"],["18:30","20:30"]] -> "14:00–21:30, 18:30–20:30" (the same in every language we speak). */
export function formatRanges(ranges: readonly TimeRange[]): string {
  return ranges.map(([from, to]) => `${from}–${to === '24:00' ? '00:00' : to}`).join(', ');
}
