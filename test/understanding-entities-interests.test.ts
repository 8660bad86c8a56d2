import type { Interest } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { entitiesOf } from './helpers/entities';

/** What a young person likes doing, in nine languages and in Latin script. */
describe('a resident says what the young person likes', () => {
  it.each<[Lang, string, Interest[]]>([
    ['da', 'han vil gerne spille fodbold', ['football']],
    ['da', 'hun kan lide at danse og tegne', ['dance', 'creative']],
    ['en', 'he likes football and gaming', ['football', 'gaming']],
    ['en', 'homework help', ['homework']],
    ['ar', 'ابني بحب كرة القدم', ['football']],
    ['ar', 'ebni bi7eb kora', ['football']],
    ['ar', 'benti bt7eb el rasm', ['creative']],
    ['fa', 'پسرم فوتبال دوست داره', ['football']],
    ['fa', 'pesaram futbal dust dare', ['football']],
    ['fa', 'dokhtaram naghashi dust dare', ['creative']],
    ['fa', 'یه کلاب دخترونه', ['girls_only']],
    ['pl', 'córka lubi tańczyć', ['dance']],
    ['pl', 'gra w piłkę', ['football']],
    ['so', 'wiilkaygu wuxuu jecel yahay kubadda cagta', ['football']],
    ['tr', 'kızım dans etmeyi seviyor', ['dance']],
    ['tr', 'ödev yardımı', ['homework']],
    ['uk', 'син любить футбол', ['football']],
    ['uk', 'донька любить танці', ['dance']],
    ['ur', 'beta football khelna pasand karta hai', ['football']],
    ['ur', 'بیٹے کو کرکٹ پسند ہے', ['sport']],
    ['ur', 'beti ko dance pasand hai', ['dance']],
    ['ur', 'larkiyon ka club', ['girls_only']],
  ])('%s "%s" → %j', (lang, text, interests) => {
    expect(entitiesOf(lang, text).interests).toEqual(interests);
  });

  it.each<[Lang, string]>([
    ['ar', 'ana fan kbir'], // English "fan" is not art
    ['ur', 'wo bahar hai'],
    ['ur', 'وہ باہر ہے'], // "he is outside": not the outdoors
    ['en', 'a fan of the city'],
  ])('%s "%s" → nothing they like', (lang, text) => {
    expect(entitiesOf(lang, text).interests).toBeUndefined();
  });
});
