/**
 * One normal form for everything the recogniser and the safety screen compare, so that the way a phone
 * keyboard spells a word does not matter: "Tolk", "TOLK!!", "tolkk"; "læge"/"laege"/"lage"; "مترجم" typed
 * with a Persian or an Arabic keyboard (ی/ي, ک/ك); hamza forms of alef; Turkish dotless i.
 *
 * Language detection does NOT use this: there the differences between ي and ی are the signal.
 */

// Latin letters that do not decompose under NFD but are typed without their mark on many keyboards.
const LATIN_FOLD: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  ß: 'ss',
  ł: 'l',
  ı: 'i',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  œ: 'oe',
};

// Arabic-script variants that different keyboards and regions use for the same letter.
const ARABIC_FOLD: Record<string, string> = {
  'ي': 'ی',
  'ى': 'ی',
  'ئ': 'ی',
  'ك': 'ک',
  'ة': 'ه',
  'ۀ': 'ه',
  'ہ': 'ه',
  'ە': 'ه',
  'ؤ': 'و',
  'ٱ': 'ا',
  'ـ': '', // tatweel: only stretches a word
  '٪': '%',
};

const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

function foldChar(ch: string): string {
  return LATIN_FOLD[ch] ?? ARABIC_FOLD[ch] ?? ch;
}

// One message is normalised by detection, understanding, the safety screen and the switch check in turn:
// the last few answers are kept (a pure function of the text; short texts only, a bounded cache).
const recent = new Map<string, string>();
const RECENT_LIMIT = 32;

export function normalizeText(text: string): string {
  if (text.length > 500) return normalize(text);
  let normalized = recent.get(text);
  if (normalized === undefined) {
    normalized = normalize(text);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(text, normalized);
  }
  return normalized;
}

function normalize(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(ARABIC_INDIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  // NFD then dropping marks strips Latin diacritics and Arabic harakat/hamza-on-alef (أ إ آ -> ا) alike.
  // Cyrillic й/ї would lose their marks too; that is harmless here, as long as it is done the same way
  // in training and at run time.
  s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  s = [...s].map(foldChar).join('');
  // Anything that is not a letter or digit separates words (digits stay: Arabizi writes ع as 3, ح as 7).
  // Persian writes "می‌خوام" with a zero-width non-joiner, as "می خوام" or as "میخوام": one form.
  s = s.replace(/\u200c/g, '');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  s = s.replace(/(^| )(ن?می) (?=\p{L})/gu, '$1$2');
  // "heeelp", "pleaaase", "!!!" -> one letter; ordinary double letters ("tt", "aa") survive.
  s = s.replace(/(\p{L})\1{2,}/gu, '$1');
  return s.trim().replace(/\s+/g, ' ');
}

export function words(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}
