import { hasLettersOnlyOf, LanguageDetector, resolveTurnLanguage, type LanguageGuess } from '../src/language/detect';
import { LOCALES_DIR } from '../src/paths';

const detector = LanguageDetector.create(LOCALES_DIR);
const lang = (text: string) => detector.detect(text)?.lang;

describe('language detection', () => {
  test('short Danish is Danish, never Norwegian or Swedish', () => {
    for (const text of ['jeg har brug for hjælp', 'hvordan har du det', 'vi har et problem med naboen', 'min søn keder sig', 'kan I hjælpe mig'])
      expect([text, lang(text)]).toEqual([text, 'da']);
  });

  test('Cyrillic is Ukrainian, also when the resident writes Russian', () => {
    expect(lang('мені потрібен перекладач')).toBe('uk');
    expect(lang('мне нужен переводчик к врачу')).toBe('uk');
    expect(detector.detect('привіт')?.script).toBe('cyrillic');
  });

  test('a few Cyrillic words among Danish loanwords are still Ukrainian', () => {
    expect(lang('fritidsjob для сина 14 років')).toBe('uk');
  });

  test('Urdu, Arabic and Farsi are told apart by their own letters', () => {
    expect(lang('مجھے مترجم چاہیے')).toBe('ur'); // ے ھ: Urdu only
    expect(lang('میرے بیٹے کو ڈاکٹر کے پاس جانا ہے')).toBe('ur');
    expect(lang('أحتاج إلى مترجم في المستشفى')).toBe('ar'); // ي ة إ: Arabic
    expect(lang('من یک مترجم برای دکتر میخواهم')).toBe('fa'); // پ/ی/ک without Urdu letters
    expect(lang('پسرم حوصله‌اش سر رفته')).toBe('fa');
    for (const text of ['مجھے مترجم چاہیے', 'أحتاج إلى مترجم']) expect(detector.detect(text)?.script).toBe('arabic');
  });

  test('Urdu, Arabic and Farsi in Latin letters are not English, and are marked romanised', () => {
    const ur = detector.detect('mujhe translator chahiye');
    expect(ur).toMatchObject({ lang: 'ur', script: 'latin', romanized: true });
    expect(lang('ana bdi 7ad yetarjem ma3i 3and el doktor')).toBe('ar');
    expect(lang('man ye motarjem mikham baraye doktor')).toBe('fa');
    expect(lang('mere bete ko doctor ke paas jana hai aur translator chahiye')).toBe('ur');
  });

  test('a word mixing more Latin than Cyrillic letters is answered, not a crash', () => {
    expect(lang('mobilepayдякую')).toBe('uk');
    expect(lang('вб єtłumacz na wizytę u psychologa')).toBe('uk');
  });

  test('a Danish loanword does not make an Arabizi message Danish', () => {
    expect(lang('fi 7ad yeji ma3i 3al læge bokra? ana ma ba7ki danske')).toBe('ar');
  });

  test('the other Latin-script languages', () => {
    expect(lang('potrzebuję tłumacza do lekarza')).toBe('pl');
    expect(lang('komşum her gece çok gürültü yapıyor')).toBe('tr');
    expect(lang('waxaan u baahanahay turjubaan')).toBe('so');
    expect(lang('I need an interpreter for my mother')).toBe('en');
  });

  test('Spanish or Portuguese is not taken for Somali or Turkish: no guess to switch to, the conversation keeps its language', () => {
    for (const text of ['hola necesito ayuda', 'ola preciso de ajuda por favor']) {
      const guess = detector.detect(text)!;
      expect(guess).toMatchObject({ foreign: true, confidence: 0 });
      expect(resolveTurnLanguage({ guess, previous: 'ar' }).lang).toBe('ar');
      expect(resolveTurnLanguage({ guess }).lang).toBe('da');
    }
    // Our own languages, also weakly written, are never "foreign".
    for (const text of ['hej jeg har brug for hjælp', 'waxaan u baahanahay caawimaad', 'ben yardım istiyorum', 'mujhe madad chahiye']) {
      expect(detector.detect(text)?.foreign).toBeUndefined();
    }
  });

  test('one word with letters only one of our languages has is evidence enough ("şey", "dzięki", "tænker", "привіт")', () => {
    expect(hasLettersOnlyOf('şey...', 'tr')).toBe(true);
    expect(hasLettersOnlyOf('dzięki', 'pl')).toBe(true);
    expect(hasLettersOnlyOf('tænker', 'da')).toBe(true);
    expect(hasLettersOnlyOf('привіт', 'uk')).toBe(true);
    expect(hasLettersOnlyOf('merhaba', 'tr')).toBe(false);
    expect(hasLettersOnlyOf('şey', 'pl')).toBe(false);
  });

  test('no signal gives no guess', () => {
    for (const text of ['ok', '12', '👍', '', '...', 'OK!']) expect(detector.detect(text)).toBeUndefined();
  });
});

describe('resolveTurnLanguage', () => {
  const guess = (g: Partial<LanguageGuess> & Pick<LanguageGuess, 'lang'>): LanguageGuess => ({
    confidence: 1,
    script: 'latin',
    alternatives: [],
    wordCount: 6,
    ...g,
  });

  test('a chosen language outranks a confident detection', () => {
    expect(resolveTurnLanguage({ guess: guess({ lang: 'en' }), chosen: 'tr', previous: 'da' })).toMatchObject({ lang: 'tr', source: 'chosen' });
  });

  test('a confident detection of a full message outranks the previous language', () => {
    expect(resolveTurnLanguage({ guess: guess({ lang: 'pl', confidence: 0.95 }), previous: 'da' })).toMatchObject({ lang: 'pl', source: 'detected' });
  });

  test('one-word replies never flip the language', () => {
    for (const word of ['ja', 'tak', 'ok', 'klub', 'nej', 'yes']) {
      const g = detector.detect(word);
      expect([word, resolveTurnLanguage({ guess: g, previous: 'da' }).lang]).toEqual([word, 'da']);
      expect([word, resolveTurnLanguage({ guess: g, previous: 'ar' }).lang]).toEqual([word, 'ar']);
    }
    expect(resolveTurnLanguage({ guess: detector.detect('12'), previous: 'uk' })).toEqual({ lang: 'uk', source: 'previous' });
  });

  test('a message in a script the conversation language cannot be written in does switch', () => {
    expect(resolveTurnLanguage({ guess: detector.detect('دیشب شوهرم منو زد و میترسم'), previous: 'da' }).lang).toBe('fa');
  });

  test('without any signal: previous, then activity.locale, then Danish', () => {
    expect(resolveTurnLanguage({ previous: 'so', activityLocale: 'en-US' })).toEqual({ lang: 'so', source: 'previous' });
    expect(resolveTurnLanguage({ activityLocale: 'tr-TR' })).toEqual({ lang: 'tr', source: 'locale' });
    expect(resolveTurnLanguage({ activityLocale: 'nb-NO' })).toEqual({ lang: 'da', source: 'default' });
    expect(resolveTurnLanguage({})).toEqual({ lang: 'da', source: 'default' });
  });

  test('romanised text that could be Urdu, Arabic or Farsi is answered in the likeliest, with a choice offered', () => {
    const r = resolveTurnLanguage({ guess: guess({ lang: 'ur', romanized: true, confidence: 0.55, alternatives: ['fa'] }) });
    expect(r.lang).toBe('ur');
    expect(r.offerChoice).toEqual(['ur', 'fa']);
    const sure = resolveTurnLanguage({ guess: guess({ lang: 'ur', romanized: true, confidence: 0.97 }) });
    expect(sure).toEqual({ lang: 'ur', source: 'detected' });
  });

  test('a first short message still sets the language when nothing better is known', () => {
    expect(resolveTurnLanguage({ guess: detector.detect('mujhe tolk chahiye') }).lang).toBe('ur');
  });
});
