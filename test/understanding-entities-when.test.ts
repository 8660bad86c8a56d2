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
  ])('%s "%s" → the weekend (the coming Saturday, Sunday counted too)', (lang, text) => {
    expect(entitiesOf(lang, text).when).toEqual({ kind: 'day', date: '2026-12-05', weekend: true });
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

  it.each<[Lang, string, string]>([
    ['da', 'i morgen', '2026-12-04'],
    ['en', 'tomorrow', '2026-12-04'],
    ['ar', 'بكرة', '2026-12-04'],
    ['ar', 'bokra', '2026-12-04'],
    ['fa', 'فردا', '2026-12-04'],
    ['fa', 'farda', '2026-12-04'],
    ['fa', 'pas farda', '2026-12-05'],
    ['ur', 'kal', '2026-12-04'],
    ['ur', 'parson', '2026-12-05'],
    ['pl', 'jutro', '2026-12-04'],
    ['so', 'berri', '2026-12-04'],
    ['tr', 'yarın', '2026-12-04'],
    ['uk', 'завтра', '2026-12-04'],
    ['en', 'next Tuesday', '2026-12-08'],
    ['da', 'i næste uge på tirsdag', '2026-12-08'],
    ['ar', 'el talat el osbo3 el gay', '2026-12-08'],
    ['fa', 'seshanbe hafte bad', '2026-12-08'],
    ['ur', 'agle hafte mangal ko', '2026-12-08'],
  ])('%s "%s" → %s', (lang, text, date) => {
    expect(entitiesOf(lang, text).date?.date).toBe(date);
  });

  it.each<[Lang, string, string]>([
    ['da', 'klokken 3', '15:00'],
    ['da', 'kl. 15', '15:00'],
    ['en', 'at 3', '15:00'],
    ['ar', 'الساعة 3', '15:00'],
    ['ar', 'sa3a 3', '15:00'],
    ['fa', 'ساعت ۳', '15:00'],
    ['fa', 'saat 3', '15:00'],
    ['ur', '3 بجے', '15:00'],
    ['ur', '3 baje', '15:00'],
    ['pl', 'o 15', '15:00'],
    ['so', 'saacadda 3', '15:00'],
    ['tr', "saat 3'te", '15:00'],
    ['uk', 'о 15:00', '15:00'],
  ])('%s "%s" → today at %s', (lang, text, time) => {
    expect(entitiesOf(lang, text).when).toEqual({ kind: 'at', date: '2026-12-03', time });
  });

  it.each<[Lang, string]>([
    ['en', 'my son is about 15'], // "about" is a time only next to a day
    ['en', 'there were around 20 of them'],
    ['da', 'vi er omkring 12'],
  ])('%s "%s" → no time', (lang, text) => {
    expect(entitiesOf(lang, text).when).toBeUndefined();
  });

  it('"Friday around 10" is a time', () => {
    expect(entitiesOf('en', 'Friday around 10').when).toEqual({ kind: 'at', date: '2026-12-04', time: '10:00' });
  });
});
