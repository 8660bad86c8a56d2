import type { Lang } from '../src/language/languages';
import { entitiesOf } from './helpers/entities';

/**
 * Words that hold a slot word without being it: Arabic, Farsi and Urdu glue particles onto words, so a short
 * word is easily the start of a longer one. None of these may be read as an answer, a place or a ground.
 */
describe('a word that only contains a slot word is not one', () => {
  it.each<[Lang, string]>([
    ['ar', 'لاعب كرة قدم'], // "player", not "لا" (no)
    ['ar', 'لابني'], // "for my son"
    ['ar', 'لازم'], // "must"
    ['ar', 'ايش يعني'], // "what does it mean", not "اي" (yes)
    ['ar', 'ايمتى بيفتح'], // "when does it open"
    ['fa', 'نهار خوردم'], // "I had lunch", not "نه" (no)
    ['fa', 'بلیت'], // "ticket", not "بلی" (yes)
    ['ur', 'جیسے آپ کہیں'], // "as you say", not "جی" (yes)
  ])('%s "%s" → no answer', (lang, text) => {
    expect(entitiesOf(lang, text).answer).toBeUndefined();
  });

  it.each<[Lang, string]>([
    ['ur', 'یہاں بہت شور ہے'], // "here", not "ی" + "ہاں" (yes)
    ['ar', 'كل دقيقة'], // "every minute", not "دق" (knocking)
  ])('asked "has anyone threatened you?": %s "%s" → not a yes', (lang, text) => {
    expect(entitiesOf(lang, text).threatened).not.toBe(true);
  });

  it.each<[Lang, string, string]>([
    ['ur', 'میں نے ایک کتاب خریدی', 'conflict'], // "book", not "کتا" (dog)
    ['ur', 'جمعہ کو', 'interests'], // "Friday", not "جم" (gym)
    ['ur', 'ہم کل جائیں گے', 'ground'], // the future tense, not "gay"
    ['fa', 'بولا', 'conflict'], // not "بو" (smell)
  ])('%s "%s" → no %s', (lang, text, key) => {
    expect((entitiesOf(lang, text) as unknown as Record<string, unknown>)[key]).toBeUndefined();
  });

  it.each<[Lang, string, string, unknown]>([
    ['ar', 'ضربوني', 'threatened', true], // a real ending still counts
    ['ar', 'كلابهم بتنبح', 'conflict', 'pets'],
    ['fa', 'سگشون', 'conflict', 'pets'],
    ['ur', 'کتے بھونکتے ہیں', 'conflict', 'pets'],
  ])('%s "%s" → %s %j', (lang, text, key, value) => {
    expect((entitiesOf(lang, text) as unknown as Record<string, unknown>)[key]).toEqual(value);
  });
});
