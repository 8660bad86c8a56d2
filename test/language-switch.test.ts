import { AUTONYMS, LANGUAGES } from '../src/language/languages';
import { LANGUAGE_NAMES, parseLanguageRequest } from '../src/language/switch';

describe('parseLanguageRequest', () => {
  test.each([
    ['English please', 'en'],
    ['english pls', 'en'],
    ['can you speak English?', 'en'],
    ['på dansk', 'da'],
    ['Kan du skrive på dansk', 'da'],
    ['dansk tak', 'da'],
    ['عربي', 'ar'],
    ['بالعربي لو سمحت', 'ar'],
    ['arabi please', 'ar'],
    ['po polsku', 'pl'],
    ['Proszę po polsku', 'pl'],
    ['türkçe yaz', 'tr'],
    ['Türkçe konuşalım lütfen', 'tr'],
    ['українською', 'uk'],
    ['Будь ласка, українською', 'uk'],
    ['Soomaali', 'so'],
    ['af soomaali fadlan', 'so'],
    ['اردو میں بات کریں', 'ur'],
    ['urdu mein baat karo', 'ur'],
    ['فارسی لطفا', 'fa'],
    ['farsi lotfan', 'fa'],
    ['In Turkish please', 'tr'],
    // "instead", in the middle of a dialog: a language switch, not a change of mind to Danish lessons.
    ['kan vi skrive dansk i stedet', 'da'],
    ['lad os tage resten på dansk', 'da'],
    ['can we speak English instead', 'en'],
    ['mogę pisać po polsku zamiast tego', 'pl'],
    ['bunun yerine türkçe yazabilir miyiz', 'tr'],
    ['краще українською замість цього', 'uk'],
  ])('%s -> %s', (text, lang) => {
    expect(parseLanguageRequest(text)).toBe(lang);
  });

  test('every language button (the autonym) switches to its language', () => {
    for (const lang of LANGUAGES) expect(parseLanguageRequest(AUTONYMS[lang])).toBe(lang);
  });

  test('every listed name maps back to its own language', () => {
    for (const lang of LANGUAGES) for (const name of LANGUAGE_NAMES[lang]) expect([name, parseLanguageRequest(name)]).toEqual([name, lang]);
  });

  test.each([
    'I speak english with my kids but need a tolk',
    "I don't speak Danish",
    'my Danish teacher says my son is bored',
    'jeg har brug for en arabisk tolk til lægen',
    'jeg taler ikke dansk',
    'potrzebuję tłumacza z polskiego',
    'ok',
    'tak',
    'hej',
    'English and Arabic',
    '',
  ])('not a switch request: %s', (text) => {
    expect(parseLanguageRequest(text)).toBeUndefined();
  });
});
