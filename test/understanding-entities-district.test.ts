import type { Lang } from '../src/language/languages';
import { entitiesOf } from './helpers/entities';

/** Districts as residents write them: any script, with the prefixes and endings their language glues on. */
describe('a resident names a district', () => {
  it.each<[Lang, string, string]>([
    // Arabic glues "in", "and", "to" onto the name
    ['ar', 'بتينغبيرغ', 'bronshoj-husum'],
    ['ar', 'في تينغبيرغ', 'bronshoj-husum'],
    ['ar', 'وتينغبيرغ', 'bronshoj-husum'],
    ['ar', 'لتينغبيرغ', 'bronshoj-husum'],
    ['ar', 'اسكن بنوربرو', 'norrebro'],
    ['ar', 'نادي للبنات في تنجبيرج', 'bronshoj-husum'],
    // Farsi and Urdu spellings
    ['fa', 'در تینگبیرگ', 'bronshoj-husum'],
    ['fa', 'یه کلاب دخترونه تو تینگبیرگ', 'bronshoj-husum'],
    ['fa', 'ما در والبی زندگی می‌کنیم', 'valby'],
    ['ur', 'ٹنگبیرگ میں', 'bronshoj-husum'],
    ['ur', 'ہم نوربرو میں رہتے ہیں', 'norrebro'],
    // Turkish, Polish and Ukrainian case endings
    ['tr', "Tingbjerg'de", 'bronshoj-husum'],
    ['tr', 'Tingbjergde bir kulüp', 'bronshoj-husum'],
    ['tr', "Valby'ye yakın", 'valby'],
    ['tr', "Nørrebro'daki kulüpler", 'norrebro'],
    ['pl', 'w Tingbjergu', 'bronshoj-husum'],
    ['pl', 'mieszkamy w Husumie', 'bronshoj-husum'],
    ['uk', "у Тінгб'єргу", 'bronshoj-husum'],
    ['uk', 'в Тінгбʼєрзі', 'bronshoj-husum'],
    ['uk', 'у Хусумі', 'bronshoj-husum'],
    ['uk', 'клуб у Tingbjerg', 'bronshoj-husum'],
    // Latin script, with the usual misspellings
    ['so', 'naadi gabdhaha ah oo Tingbjerg ku yaal', 'bronshoj-husum'],
    ['da', 'Nørrebros klubber', 'norrebro'],
    ['da', 'vi bor på norebro', 'norrebro'],
    ['da', 'noget i tingbjærg', 'bronshoj-husum'],
    ['en', 'anything in vestebro', 'vesterbro-kongens-enghave'],
    ['en', 'we live in Amager East', 'amager-ost'],
    ['tr', 'Amager Batı', 'amager-vest'],
  ])('%s "%s" → %s', (lang, text, district) => {
    expect(entitiesOf(lang, text).district).toBe(district);
  });

  // Every district in Latin script (with a typo), Arabic script and Cyrillic.
  it.each<[Lang, string, string]>([
    ['da', 'i indrebyen', 'indre-by'],
    ['ar', 'في وسط البلد', 'indre-by'],
    ['tr', 'şehir merkezinde', 'indre-by'],
    ['da', 'på østerbo', 'osterbro'],
    ['ar', 'باوستربرو', 'osterbro'],
    ['uk', 'на Естербро', 'osterbro'],
    ['en', 'in norrbro', 'norrebro'],
    ['fa', 'تو نوربرو', 'norrebro'],
    ['uk', 'у Нерребро', 'norrebro'],
    ['en', 'westerbro', 'vesterbro-kongens-enghave'],
    ['ar', 'بفيستربرو', 'vesterbro-kongens-enghave'],
    ['uk', 'у Сюдхавні', 'vesterbro-kongens-enghave'],
    ['pl', 'w Walby', 'valby'],
    ['ar', 'بفالبي', 'valby'],
    ['uk', 'у Вальбю', 'valby'],
    ['da', 'i vanløsse', 'vanlose'],
    ['fa', 'تو وانلوسه', 'vanlose'],
    ['uk', 'у Ванлесе', 'vanlose'],
    ['da', 'i brønshoi', 'bronshoj-husum'],
    ['ar', 'في برونشوي', 'bronshoj-husum'],
    ['uk', 'у Бреншей', 'bronshoj-husum'],
    ['da', 'i bisbebjerg', 'bispebjerg'],
    ['ar', 'في بيسبيبيرغ', 'bispebjerg'],
    ['uk', 'у Біспебʼєрзі', 'bispebjerg'],
    ['so', 'Nordvest ayaan deggannahay', 'bispebjerg'],
    ['tr', "Amager Doğu'da", 'amager-ost'],
    ['fa', 'اماگر شرقی', 'amager-ost'],
    ['uk', 'Амагер-Схід', 'amager-ost'],
    ['pl', 'Amager Zachodni', 'amager-vest'],
    ['ur', 'اماگر ویسٹ میں', 'amager-vest'],
    ['en', 'islands brygge', 'amager-vest'],
  ])('%s "%s" → %s', (lang, text, district) => {
    expect(entitiesOf(lang, text).district).toBe(district);
  });

  it.each<[Lang, string]>([
    ['pl', 'na Amagerze'],
    ['ar', 'في أماغر'],
    ['fa', 'تو اماگر'],
    ['uk', 'на Амагері'],
    ['ar', 'في اماجر'],
    ['en', 'on amagar'],
  ])('%s "%s" → Amager, and which part is asked', (lang, text) => {
    const e = entitiesOf(lang, text);
    expect(e.district).toBeUndefined();
    expect(e.districtChoices?.sort()).toEqual(['amager-ost', 'amager-vest']);
  });

  it.each<[Lang, string]>([
    ['en', 'I love envy'], // "nv" only as a whole word
    ['da', 'hvad er klokken'],
    ['en', 'my husband works at the harbour'],
    ['da', 'en valmue i haven'],
    ['tr', 'ama gerçekten yok'],
    ['ar', 'الوالدين'],
    ['en', 'the vesterbrook school'],
  ])('%s "%s" → no district', (lang, text) => {
    expect(entitiesOf(lang, text).district).toBeUndefined();
    expect(entitiesOf(lang, text).districtChoices).toBeUndefined();
  });
});
