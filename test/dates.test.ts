import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DateUnderstanding, formatDate } from '../src/time/dates';
import type { Lang } from '../src/language/languages';

const LOCALES = path.join(__dirname, '..', 'locales');
const dates = DateUnderstanding.load(LOCALES);
// Thursday 26 November 2026, 11:00 in Copenhagen.
const THURSDAY = new Date('2026-11-26T10:00:00Z');

function when(text: string, lang: Lang, now = THURSDAY) {
  return dates.parse(text, lang, now);
}

describe('dates in the resident’s language (Europe/Copenhagen)', () => {
  test.each<[Lang, string, string]>([
    ['da', 'tirsdag', '2026-12-01'],
    ['da', 'på tirsdag', '2026-12-01'],
    ['en', 'next Tuesday', '2026-12-01'],
    ['da', 'i morgen', '2026-11-27'],
    ['da', 'imorgen', '2026-11-27'],
    ['da', 'i overmorgen', '2026-11-28'],
    ['da', 'i dag', '2026-11-26'],
    ['en', 'tomorrow please', '2026-11-27'],
    ['tr', 'yarın', '2026-11-27'],
    ['tr', 'salı günü', '2026-12-01'],
    ['uk', 'завтра', '2026-11-27'],
    ['uk', "в п'ятницю", '2026-11-27'],
    ['ur', 'کل', '2026-11-27'],
    ['ur', 'منگل کو', '2026-12-01'],
    ['fa', 'فردا', '2026-11-27'],
    ['fa', 'سه شنبه', '2026-12-01'],
    ['fa', 'سه‌شنبه', '2026-12-01'],
    ['fa', 'شنبه', '2026-11-28'],
    ['ar', 'يوم الثلاثاء', '2026-12-01'],
    ['ar', 'بكرة', '2026-11-27'],
    ['ar', 'بعد بكرة', '2026-11-28'],
    ['pl', 'w piątek', '2026-11-27'],
    ['pl', 'jutro', '2026-11-27'],
    ['so', 'berri', '2026-11-27'],
    ['so', 'Talaado', '2026-12-01'],
    // "Next Friday" said on a Thursday is a week on Friday, not tomorrow; plain "Friday" is tomorrow.
    ['en', 'next friday', '2026-12-04'],
    ['en', 'friday', '2026-11-27'],
    ['da', 'næste fredag', '2026-12-04'],
    ['da', 'på fredag', '2026-11-27'],
    ['pl', 'w przyszły piątek', '2026-12-04'],
    ['tr', 'gelecek cuma', '2026-12-04'],
  ])('%s "%s" -> %s', (lang, text, date) => {
    expect(when(text, lang)?.date).toBe(date);
  });

  test('numeric dates are day first, in the coming twelve months', () => {
    expect(when('15/12', 'da')?.date).toBe('2026-12-15');
    expect(when('den 15.12.', 'da')?.date).toBe('2026-12-15');
    expect(when('15-1', 'en')?.date).toBe('2027-01-15');
    expect(when('15/12/2026', 'en')?.date).toBe('2026-12-15');
    expect(when('2026-12-15', 'en')?.date).toBe('2026-12-15');
    expect(when('١٥/١٢', 'ar')?.date).toBe('2026-12-15');
    expect(when('۱۵/۱۲', 'fa')?.date).toBe('2026-12-15');
    expect(when('31/2', 'da')).toBeUndefined();
  });

  test('month names in each language', () => {
    expect(when('15. december', 'da')?.date).toBe('2026-12-15');
    expect(when('December 15', 'en')?.date).toBe('2026-12-15');
    expect(when('3 january', 'en')?.date).toBe('2027-01-03');
    expect(when('15 ديسمبر', 'ar')?.date).toBe('2026-12-15');
    expect(when('15 грудня', 'uk')?.date).toBe('2026-12-15');
    expect(when('15 Aralık', 'tr')?.date).toBe('2026-12-15');
    expect(when('15 grudnia', 'pl')?.date).toBe('2026-12-15');
    expect(when('15 دسمبر', 'ur')?.date).toBe('2026-12-15');
  });

  test('a time of day is kept apart from the date', () => {
    expect(when('15. december kl. 10.30', 'da')).toEqual({ date: '2026-12-15', weekday: 'tuesday', time: '10:30' });
    expect(when('tirsdag kl 14', 'da')).toEqual({ date: '2026-12-01', weekday: 'tuesday', time: '14:00' });
    expect(when('tomorrow at 2pm', 'en')).toEqual({ date: '2026-11-27', weekday: 'friday', time: '14:00' });
    expect(when('بكرة الساعة ١٠', 'ar')).toEqual({ date: '2026-11-27', weekday: 'friday', time: '10:00' });
    expect(when('کل 10 بجے', 'ur')).toEqual({ date: '2026-11-27', weekday: 'friday', time: '10:00' });
    expect(when('yarın saat 9:15', 'tr')).toEqual({ date: '2026-11-27', weekday: 'friday', time: '09:15' });
  });

  test('"tomorrow" counts from the Copenhagen date, not the UTC date', () => {
    // 23:30 UTC on Thursday is 00:30 on Friday in Copenhagen.
    const lateThursdayUtc = new Date('2026-11-26T23:30:00Z');
    expect(when('i morgen', 'da', lateThursdayUtc)?.date).toBe('2026-11-28');
    // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July.
    expect(when('today', 'en', new Date('2026-06-30T22:30:00Z'))?.date).toBe('2026-07-01');
  });

  test('a weekday is the next one to come; "next week" moves it into the coming week', () => {
    expect(when('torsdag', 'da')?.date).toBe('2026-12-03'); // said on a Thursday
    const monday = new Date('2026-11-30T09:00:00Z');
    expect(when('tirsdag', 'da', monday)?.date).toBe('2026-12-01');
    expect(when('tirsdag i næste uge', 'da', monday)?.date).toBe('2026-12-08');
    expect(when('Tuesday next week', 'en', monday)?.date).toBe('2026-12-08');
    expect(when('اگلے ہفتے منگل', 'ur', monday)?.date).toBe('2026-12-08');
  });

  test('residents mix in Danish and English words', () => {
    expect(when('i morgen', 'ar')?.date).toBe('2026-11-27');
    expect(when('tomorrow', 'so')?.date).toBe('2026-11-27');
  });

  test('text without a day gives nothing, and words of other languages do not count', () => {
    expect(when('hello', 'en')).toBeUndefined();
    expect(when('man ved aldrig', 'da')).toBeUndefined();
    expect(when('I sat down', 'en')).toBeUndefined();
    expect(when('کل', 'fa')).toBeUndefined(); // Persian "whole", not Urdu "tomorrow"
    expect(when('10 minutes', 'en')).toBeUndefined();
  });

  test('dates are shown with the weekday, in the Gregorian calendar, in the resident’s language', () => {
    expect(formatDate('2026-12-15', 'da')).toBe('tirsdag 15. december');
    expect(formatDate('2026-12-15', 'en')).toBe('Tuesday 15 December');
    expect(formatDate('2026-12-15', 'ar')).toContain('ديسمبر');
    expect(formatDate('2026-12-15', 'fa')).toContain('دسامبر');
  });

  test('a broken word list stops start-up naming the file and field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-dates-'));
    try {
      fs.cpSync(LOCALES, dir, { recursive: true });
      const file = path.join(dir, 'tr', 'training', 'dates.json');
      const words = JSON.parse(fs.readFileSync(file, 'utf8'));
      words.months.pop();
      fs.writeFileSync(file, JSON.stringify(words));
      expect(() => DateUnderstanding.load(dir)).toThrow(/locales\/tr\/training\/dates\.json: months/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
