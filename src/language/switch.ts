import { AUTONYMS, LANGUAGES, type Lang } from './languages';
import { normalizeText } from './normalize';

/**
 * "English please", "på dansk", "عربي", "po polsku", "türkçe yaz", "українською", a language button: a request
 * to switch language, recognised at any point in a conversation.
 *
 * A switch request is short and about the language itself: one language name and otherwise only words from
 * REQUEST_WORDS ("please", "speak", "write in", "kan du", "بالعربي"). Anything else in the message means it is
 * an ordinary message that happens to name a language ("I speak English with my kids but need a tolk",
 * "I don't speak Danish", "my Danish teacher") and the detector and the recogniser deal with it.
 */

/** Each language's name as people write it in each of our languages (and romanised, and common misspellings). */
export const LANGUAGE_NAMES: Record<Lang, string[]> = {
  da: [
    'dansk', 'danish', 'danske', 'dänisch', 'danca', 'dança', 'duński', 'po duńsku', 'dunski', 'deenish', 'af deenish', 'af dhanish', 'denmark',
    'الدنماركية', 'الدانماركية', 'دنماركي', 'دانماركي', 'الدنماركي', 'دانمارکی', 'دانمارکی ها', 'ڈینش', 'ڈنمارکی', 'danmarki', 'danmarkee',
    'данська', 'данською', 'датська', 'датською', 'датский', 'по датски', 'дански',
  ],
  en: [
    'english', 'englisch', 'engelsk', 'engelska', 'ingilizce', 'İngilizce', 'angielski', 'po angielsku', 'ingiriis', 'af ingiriis', 'ingriis',
    'inglish', 'englsh', 'engelish', 'inglizi', 'ingilizi', 'engliizi', 'angrezi', 'angrezi mein', 'englisi', 'eng',
    'الانجليزية', 'الإنجليزية', 'انجليزي', 'إنجليزي', 'انجليزى', 'انكليزي', 'الانكليزية', 'انگلیسی', 'انگریزی', 'انگلش',
    'англійська', 'англійською', 'английский', 'по английски', 'англiйська',
  ],
  ar: [
    'العربية', 'عربي', 'عربية', 'العربي', 'عربى', 'عربی', 'arabic', 'arabisk', 'arabisch', 'arapça', 'arapca', 'arabski', 'po arabsku', 'carabi',
    'af carabi', 'arabi', '3arabi', 'arabee', 'arbi', 'عربی زبان', 'арабська', 'арабською', 'арабский',
  ],
  fa: [
    'فارسی', 'فارسي', 'الفارسية', 'پارسی', 'persian', 'farsi', 'farsee', 'parsi', 'persisk', 'persisch', 'farsça', 'farsca',
    'perski', 'po persku', 'af faarisi', 'faarisi', 'перська', 'перською', 'фарсі', 'фарси', 'персидский',
  ],
  pl: [
    'polski', 'po polsku', 'polsku', 'polish', 'polsk', 'polnisch', 'lehçe', 'lehce', 'af boolish', 'boolish', 'البولندية', 'بولندي', 'بولندى',
    'لهستانی', 'پولش', 'پولستانی', 'польська', 'польською', 'польский',
  ],
  so: [
    'soomaali', 'af soomaali', 'afsoomaali', 'somali', 'somalisk', 'somalice', 'somalijski', 'po somalijsku', 'الصومالية', 'صومالي', 'صومالی',
    'سومالیایی', 'سومالی', 'сомалійська', 'сомалійською', 'сомали', 'soomaaliga', 'af soomaaliga',
  ],
  tr: [
    'türkçe', 'turkce', 'turkish', 'tyrkisk', 'türkisch', 'turecki', 'po turecku', 'af turki', 'turki', 'التركية', 'تركي', 'تركى', 'ترکی',
    'ترکی استانبولی', 'турецька', 'турецькою', 'турецкий', 'turkche',
  ],
  uk: [
    'українська', 'українською', 'українську', 'украинский', 'по украински', 'украинском', 'ukrainian', 'ukrainsk', 'ukrainisch', 'ukraynaca',
    'ukraiński', 'po ukraińsku', 'af ukreeni', 'ukreeni', 'الأوكرانية', 'الاوكرانية', 'اوكراني', 'اوکراینی', 'یوکرینی', 'ukrainska', 'ukrainskoyu',
  ],
  ur: [
    'اردو', 'أردو', 'الأردية', 'الاردية', 'اوردو', 'urdu', 'urdusk', 'urduca', 'af urdu', 'urdoo', 'urdu mein', 'урду', 'اردو میں', 'اردو زبان',
  ],
};

/**
 * Words that may surround a language name in a switch request, in all our languages ("please", "in", "speak",
 * "write", "can you", "language", "change to"). No negations: "I don't speak Danish" is not a request for Danish.
 */
const REQUEST_WORDS = `
please pls plz in speak speaking talk write reply answer respond can could would you we i me us to change switch continue go on carry
fortsæt fortsætte videre kontynuuj kontynuować dalej devam edelim edebilir sii wad продовжимо продовжуйте продовжити ادامه بدیم بدهیم نكمل نكمل خلينا jaari rakhein جاری رکھیں
language lang use prefer like want need let lets the a an only just ok okay thanks thank is it possible do with into also rest conversation chat this
på paa pa tal taler snak snakke skriv skrive kan du vi jeg vil gerne helst venligst tak sprog skift skifte til svar
bare hellere lige mig med sige det om også ogsa tage tag resten samtalen chatten
po proszę prosze mów mow mówić mowic pisz pisać pisac czy możesz mozesz możemy mozemy język jezyk zmień zmien na chcę
chce wolę wole rozmawiać rozmawiac mówisz mowisz ja ty w języku jezyku
yaz yazar yazın yazin yazabilir yazar misin misin musun mısın konuş konus konuşalım konusalim konuşabilir konusabilir
lütfen lutfen dil dili dilinde ile olarak istiyorum değiştir degistir ben sen biz bilir biliyor musunuz
fadlan ku af ka hadal hadli qor ii la waxaan rabaa doonayaa luqadda luuqada luqad kartaa igu iila
من فضلك لو سمحت احكي احكيلي تكلم تكلمني اتكلم اكتب اكتبلي بدي اريد أريد ممكن باللغة اللغة لغة رجاء ارجو يا حكي معي
law sama7t min fadlak bdi badi e7ki ehki 7ki ekteb ma3i kalemni mumkin momken lugha
لطفا لطفاً به زبان صحبت کن کنید بنویس بنویسید حرف بزن بزنید میخوام میشه با من
lotfan be zaban sohbat kon konid harf bezan mikham mishe ba man
مہربانی براہ کرم کریں میں بات کرو کریں لکھیں لکھو زبان چاہیے پلیز مجھ سے
mein main baat karo karein kare kijiye likho likhein zaban zubaan chahiye mujhse mujh se meharbani
будь ласка говоріть говори пишіть пиши мова мовою мову на можна можете перейти перейдіть змініть я хочу по
пожалуйста говорите пишите давайте розмовляти спілкуватися прошу
miyiz mıyız miyim instead rather stedet istedet istedenfor for tale lad os hellere zamiast tego mogę moge lepiej yerine bunun halkii beddel
بدلا بدلاً بدل badal badlan بجای جاش be jaye bejaye بجائے jagah bajaye замість цього натомість краще
`;

const MAX_WORDS = 12;
const ARABIC_PROCLITIC = /^(?:بال|بل|ب|ال|و|فی|في)(?=\S{3,})/u;

const filler = new Set(normalizeText(REQUEST_WORDS).split(' '));

/** Normalised name -> language; names of several words are matched as phrases. */
const names = new Map<string, Lang>();
for (const lang of LANGUAGES) {
  for (const n of [...LANGUAGE_NAMES[lang], AUTONYMS[lang], lang === 'da' ? 'dansk' : AUTONYMS[lang]]) names.set(normalizeText(n), lang);
}
const longestName = Math.max(...[...names.keys()].map((n) => n.split(' ').length));

export function parseLanguageRequest(text: string): Lang | undefined {
  if (!text) return undefined;
  const normalized = normalizeText(text);
  if (!normalized) return undefined;
  const exact = names.get(normalized);
  if (exact) return exact;
  const tokens = normalized.split(' ');
  if (tokens.length > MAX_WORDS) return undefined;

  let found: Lang | undefined;
  for (let i = 0; i < tokens.length; ) {
    const match = nameAt(tokens, i);
    if (match) {
      if (found && found !== match.lang) return undefined; // two languages named: not a plain request
      found = match.lang;
      i += match.length;
      continue;
    }
    if (!filler.has(tokens[i])) return undefined;
    i++;
  }
  return found;
}

function nameAt(tokens: string[], i: number): { lang: Lang; length: number } | undefined {
  for (let len = Math.min(longestName, tokens.length - i); len >= 1; len--) {
    const phrase = tokens.slice(i, i + len).join(' ');
    const lang = names.get(phrase) ?? names.get(phrase.replace(ARABIC_PROCLITIC, ''));
    if (lang) return { lang, length: len };
  }
  return undefined;
}

/**
 * True when the message is nothing but a language's name ("arabisk", "Arabic"). Inside a dialog that is
 * more likely an answer ("which language do you need an interpreter for?") than a request to switch.
 */
export function isBareLanguageName(text: string): boolean {
  return names.has(normalizeText(text));
}
