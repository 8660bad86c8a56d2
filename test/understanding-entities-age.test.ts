import type { Lang } from '../src/language/languages';
import { entitiesOf } from './helpers/entities';

/** Ages in digits and in words, in every language (and Arabizi, Finglish, Roman Urdu). */
describe('a resident says how old someone is', () => {
  it.each<[Lang, string, number]>([
    ['da', 'min 13-årige søn', 13],
    ['da', 'hun er 13-årig', 13],
    ['da', 'min søn på tretten', 13],
    ['da', 'hun er femten år', 15],
    ['en', 'my 13-year-old', 13],
    ['en', "she's thirteen", 13],
    ['en', 'my son is fifteen', 15],
    ['en', 'my daughter is 13, is there a girls club', 13],
    ['tr', 'on üç yaşında', 13],
    ['tr', 'oğlum on beş yaşında', 15],
    ['tr', '12 yaşındayım', 12],
    ['ar', '١٣ سنة', 13],
    ['ar', 'ابني عمره خمستاشر', 15],
    ['ar', 'بنتي عمرها ثلاث عشرة سنة', 13],
    ['ar', 'ebni 3omro 13', 13],
    ['ar', 'binti 3andaha 12 sana', 12],
    ['fa', '۱۳ ساله', 13],
    ['fa', 'دخترم سیزده سالشه', 13],
    ['fa', 'pesaram 12 saleshe', 12],
    ['fa', 'pesaram panzdah salesh e', 15],
    ['ur', 'بیٹا تیرہ سال کا ہے', 13],
    ['ur', 'beta terah saal ka hai', 13],
    ['ur', 'main 17 saal ka hoon', 17],
    ['pl', 'córka ma trzynaście lat', 13],
    ['pl', '13-letni syn', 13],
    ['uk', "синові п'ятнадцять років", 15],
    ['uk', 'доньці 14', 14],
    ['so', 'wiilkayga shan iyo toban jir', 15],
    ['so', 'gabadhayda oo 14 jir ah', 14],
  ])('%s "%s" → %i', (lang, text, age) => {
    expect(entitiesOf(lang, text).age).toBe(age);
  });

  it.each<[Lang, string]>([
    ['da', 'min søn vil gerne til fodbold kl 3'], // a time
    ['en', 'my son wants to go at 3'],
    ['en', 'my daughter wants football on the 15/3'], // a date
    ['tr', 'oğlum yemek yedi'], // "my son ate", though "yedi" is seven
    ['fa', 'نه، دخترم'], // "no, my daughter": Farsi "نه" is also nine
    ['en', 'my son set a fire'], // Danish "fire" is four, not English
    ['en', 'is there a club open at 16:00'],
  ])('%s "%s" → no age', (lang, text) => {
    expect(entitiesOf(lang, text).age).toBeUndefined();
  });

  it.each<[Lang, string, number]>([
    ['da', 'tretten', 13],
    ['tr', 'on iki', 12],
    ['fa', 'چهارده', 14],
    ['ur', 'terah', 13],
    ['uk', 'пʼятнадцять', 15],
  ])('%s "%s" as the answer to "how old?" → %i', (lang, text, n) => {
    expect(entitiesOf(lang, text).numbers).toEqual([n]);
  });
});
