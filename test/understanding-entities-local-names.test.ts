import type { Lang } from '../src/language/languages';
import { entitiesOf, THURSDAY } from './helpers/entities';

/** Local names residents use for a part of a district (Amagerbro, Islands Brygge, Bellahøj...), in every script. */
describe('a resident names a neighbourhood by its local name', () => {
  it.each<[Lang, string, string]>([
    ['da', 'vi bor på Amagerbro', 'amager-ost'],
    ['ar', 'ساكنين بأماغربرو', 'amager-ost'],
    ['uk', 'на Амагербро', 'amager-ost'],
    ['fa', 'در بیسپه‌بیری زندگی میکنیم', 'bispebjerg'],
    ['fa', 'تو بیسپه بیرگ', 'bispebjerg'],
    ['pl', 'mieszkam na Islands Brygge', 'amager-vest'],
    ['pl', 'w Ørestadzie', 'amager-vest'],
    ['ur', 'ہم اوریستاد میں رہتے ہیں', 'amager-vest'],
    ['tr', "Bellahøj'de oturuyoruz", 'bronshoj-husum'],
    ['uk', 'живемо в Гусумі', 'bronshoj-husum'],
    ['so', 'waxaan deggannahay Sydhavnen', 'vesterbro-kongens-enghave'],
    ['ar', 'ساكن بسيدهافن', 'vesterbro-kongens-enghave'],
    ['fa', 'میولنرپارکن', 'norrebro'],
    ['en', 'we live in Nordvest', 'bispebjerg'],
  ])('%s "%s" is %s', (lang, text, district) => {
    expect(entitiesOf(lang, text).district).toBe(district);
  });

  it('"Sundby" lies in both Amager districts: which one is asked', () => {
    expect(entitiesOf('da', 'vi bor i Sundby').districtChoices).toEqual(['amager-ost', 'amager-vest']);
  });
});

describe('an interpreter language in another grammatical form, or one we have no button for', () => {
  it.each<[Lang, string, Lang]>([
    ['pl', 'potrzebuję tłumacza arabskiego do lekarza', 'ar'],
    ['pl', 'tłumacz z języka ukraińskiego', 'uk'],
    ['uk', 'потрібен перекладач з польської', 'pl'],
    ['tr', "Arapçadan Danca'ya tercüman", 'ar'],
    ['so', 'turjubaan af carabiga ah', 'ar'],
    ['da', 'jeg skal bruge en arabisktalende tolk', 'ar'],
  ])('%s "%s" is %s', (lang, text, language) => {
    expect(entitiesOf(lang, text).language).toBe(language);
  });

  it.each<[Lang, string, string]>([
    ['en', 'an interpreter in Tigrinya at the hospital', 'Tigrinya'],
    ['da', 'vi skal bruge en tolk på kurdisk', 'kurdisk'],
    ['pl', 'potrzebuję tłumacza rosyjskiego', 'rosyjski'],
    ['fa', 'مترجم پشتو لازم دارم', 'پشتو'],
    ['tr', 'Kürtçe tercüman lazım', 'kürtçe'],
  ])('%s "%s" is another language, named %s', (lang, text, name) => {
    const e = entitiesOf(lang, text);
    expect(e.language).toBeUndefined();
    expect(e.otherLanguage).toBe(name);
  });
});

describe('worries and times in more words', () => {
  it.each<[Lang, string, string]>([
    ['da', 'lygterne ved legepladsen er slukket', 'lighting'],
    ['en', 'the street lamps have been off for weeks', 'lighting'],
    ['pl', 'latarnie nie świecą od tygodnia', 'lighting'],
    ['fa', 'هر شب شیشه‌ها را می‌شکنند', 'vandalism'],
    ['ar', 'fi 7ada 3am ykasro el bisklitat bel bineye', 'vandalism'],
    ['tr', 'gençler camları kırıyorlar', 'vandalism'],
  ])('%s "%s" is %s', (lang, text, worry) => {
    expect(entitiesOf(lang, text).worry).toBe(worry);
  });

  it.each<[Lang, string]>([
    ['fa', 'har vaght'],
    ['ar', 'ay wa2t'],
    ['ur', 'kisi bhi waqt'],
    ['so', 'wakhti kasta'],
  ])('%s "%s" is any time', (lang, text) => {
    expect(entitiesOf(lang, text, { now: THURSDAY }).when).toEqual({ kind: 'any' });
  });

  it('"the weekend" is Saturday with Sunday counted too', () => {
    expect(entitiesOf('ur', 'weekend', { now: THURSDAY }).when).toEqual({ kind: 'day', date: '2026-12-05', weekend: true });
  });
});
