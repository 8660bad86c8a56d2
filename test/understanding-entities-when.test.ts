import type { Lang } from '../src/language/languages';
import { entitiesOf } from './helpers/entities';

/** Days as residents say them, with articles, cases and particles (the clock: Thursday 3 December 2026). */
describe('a resident names a day', () => {
  it.each<[Lang, string, string]>([
    ['da', 'lørdagen', 'saturday'],
    ['da', 'om lørdagen', 'saturday'],
    ['da', 'søndagen', 'sunday'],
    ['da', 'fodbold om søndagen i Valby', 'sunday'],
    ['da', 'hvad så om lørdagen?', 'saturday'],
    ['da', 'om lørdagene', 'saturday'],
    ['en', 'on Saturdays', 'saturday'],
    ['en', 'on Friday', 'friday'],
    ['pl', 'w sobotę', 'saturday'],
    ['pl', 'w sobote', 'saturday'],
    ['pl', 'w niedzielę', 'sunday'],
    ['uk', 'в суботу', 'saturday'],
    ['uk', 'у неділю', 'sunday'],
    ['tr', 'cumartesi günü', 'saturday'],
    ['tr', 'cumartesileri', 'saturday'],
    ['tr', 'pazar günleri', 'sunday'],
    ['so', 'Sabtida', 'saturday'],
    ['so', 'Sabtida ma furan yahay?', 'saturday'],
    ['ar', 'يوم السبت', 'saturday'],
    ['ar', 'بالسبت', 'saturday'],
    ['ar', 'يوم الأحد', 'sunday'],
    ['ar', 'el sabt', 'saturday'],
    ['fa', 'شنبه بازه؟', 'saturday'],
    ['fa', 'یکشنبه', 'sunday'], // contains "شنبه" (Saturday)
    ['fa', 'یک‌شنبه', 'sunday'],
    ['fa', 'shanbe', 'saturday'],
    ['fa', 'yekshanbe', 'sunday'],
    ['ur', 'ہفتے کو', 'saturday'],
    ['ur', 'hafte ko', 'saturday'],
    ['ur', 'itwar ko', 'sunday'],
  ])('%s "%s" → %s', (lang, text, weekday) => {
    expect(entitiesOf(lang, text).date?.weekday).toBe(weekday);
  });

  it.each<[Lang, string]>([
    ['da', 'weekenden'],
    ['da', 'i weekenden'],
    ['en', 'this weekend'],
    ['pl', 'w weekend'],
    ['tr', 'hafta sonu'],
  ])('%s "%s" → the weekend (the coming Saturday)', (lang, text) => {
    expect(entitiesOf(lang, text).when).toEqual({ kind: 'day', date: '2026-12-05' });
  });

  it.each<[Lang, string]>([
    ['da', 'jeg er træt af det'],
    ['fa', 'شنیدم'], // "I heard": not "شنبه"
    ['ar', 'في سبتمبر'], // September holds "سبت"
    ['ur', 'pichle hafte'], // last week: "hafta" alone is also the week
    ['en', 'the sun is out'],
    ['pl', 'kupiłem to sobie'], // "myself", not "sobota"
  ])('%s "%s" → no day', (lang, text) => {
    expect(entitiesOf(lang, text).date).toBeUndefined();
  });
});
