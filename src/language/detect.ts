import * as fs from 'node:fs';
import * as path from 'node:path';
import { francAll } from 'franc';
import { DEFAULT_LANGUAGE, LANGUAGES, langFromLocale, type Lang } from './languages';
import { SEED_TEXT } from './profiles';
import { FingerprintTable, fmix, fnvStep, FNV_OFFSET, murmurStep, MURMUR_SEED } from './hash';

/**
 * Which of our nine languages a message is written in.
 *
 * 1. Script: Cyrillic is Ukrainian (we do not speak Russian, and Ukrainians who type Russian are still best
 *    served in Ukrainian). Arabic script is Arabic, Farsi or Urdu; Latin is everything else, including
 *    Arabic/Farsi/Urdu typed in Latin letters ("mujhe translator chahiye").
 * 2. Letters only one language uses: Urdu ٹ ڈ ڑ ں ے ھ; Persian/Urdu پ چ ژ گ; Arabic ة ى ي ك; Danish æ ø å;
 *    Polish ą ę ł ś ź ż ć ń; Turkish ğ ı ş İ.
 * 3. Character n-gram profiles per language (and per script), learnt at start-up from the training phrases in
 *    `locales/<lng>/training/intents.json` plus everyday seed text. This is what tells romanised Urdu, Arabic
 *    and Farsi apart from English, and knows the Danish loanwords residents mix in.
 * 4. franc (restricted to our Latin-script languages, with Norwegian and Swedish counted as Danish) as a second
 *    opinion for Danish, English, Polish, Somali and Turkish.
 */
export type Script = 'latin' | 'arabic' | 'cyrillic' | 'other';

export interface LanguageGuess {
  lang: Lang;
  /** 0..1; short messages get lower confidence (see `resolveTurnLanguage`). */
  confidence: number;
  script: Script;
  /** Arabic, Farsi or Urdu written in Latin letters: answer in the language's own script. */
  romanized?: boolean;
  /** Other plausible languages, most likely first. */
  alternatives: Lang[];
  /** Words with letters in the message: one-word replies never flip the conversation's language. */
  wordCount: number;
  /** Written in a language we do not speak (Spanish, French, German…): confidence 0, no language to switch to. */
  foreign?: boolean;
}

/** How much letter evidence (share of words with æøå, ąęł, ğış, Arabizi digits) counts against n-gram statistics. */
const LETTER_WEIGHT = 1.2;
const FRANC_WEIGHT = 0.25;

const LATIN_LANGS: Lang[] = ['da', 'en', 'pl', 'so', 'tr', 'ar', 'fa', 'ur'];
const ARABIC_LANGS: Lang[] = ['ar', 'fa', 'ur'];
const ROMANISABLE: ReadonlySet<Lang> = new Set<Lang>(['ar', 'fa', 'ur']);

// franc speaks ISO 639-3; Norwegian and Swedish come out for short Danish and are Danish here.
const FRANC_LATIN: Record<string, Lang> = { dan: 'da', nob: 'da', nno: 'da', swe: 'da', eng: 'en', pol: 'pl', som: 'so', tur: 'tr' };

/**
 * Latin-script languages residents may write that we do not speak. "hola necesito ayuda" scores weakly as
 * Somali among our nine; franc among these as well tells that it is Spanish, and the bot answers in the
 * conversation's language (Danish at first, with the language choice) instead of a language never used.
 */
// Only languages far from ours: Slavic ones would take short Polish, Swahili or Indonesian short Somali.
const FRANC_FOREIGN = ['spa', 'fra', 'deu', 'ita', 'por', 'nld', 'cat', 'glg'];
/** Only a weak guess among our languages is checked against the others (a franc run costs a little). */
const FOREIGN_CHECK_BELOW = 0.95;

function writtenInAnotherLanguage(clean: string): boolean {
  const [top, second] = francAll(clean, { only: [...Object.keys(FRANC_LATIN), ...FRANC_FOREIGN], minLength: 8 });
  return !!top && FRANC_FOREIGN.includes(top[0]) && !(second && FRANC_LATIN[second[0]] && second[1] > 0.95);
}

/** Replies that are the same in every language we speak: they tell nothing about the language. */
const NO_LANGUAGE: ReadonlySet<string> = new Set([
  'ok', 'okay', 'okey', 'oki', 'okej', 'okay okay', 'ok ok', 'k', 'kk', 'hm', 'hmm', 'mm', 'ha', 'haha', 'hahaha', 'lol', 'xd', 'wow', 'aha', 'ah', 'oh', 'ооо',
  'ок', 'окей', 'اوکی', 'اوك', 'اوکے', 'sms', 'mitid', 'nemid', 'cpr', 'app', 'ios', 'pdf',
]);

const URDU_ONLY = /[ٹڈڑںےھۓ]/g;
const URDU_LETTER = new RegExp(URDU_ONLY.source);
const PERSIAN_OR_URDU = /[پچژگ]/g;
const ARABIC_ONLY = /[ةىيكأإؤ]/g;
const DANISH_WORD = /[æøå]/;
/** Street and place names residents write in any language: "-gade", "-vej", "-bro", "Vanløse", "Ørestad". */
const DANISH_PLACE = /(?:gade|gaden|vej|vejen|plads|pladsen|parken|bro|broen|havn|havnen|torv|torvet|allé|vænge|vænget|holm|gård|gården|sø|søerne)$|^(?:vanløse|brønshøj|ørestad|nørreport|kødbyen|nørrebros|østerbros|amager øst|øst)$/u;
const POLISH_WORD = /[ąęłśźżćń]/;
const TURKISH_WORD = /[ğış]/;

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

export function scriptOf(text: string): { script: Script; letters: number } {
  let latin = 0;
  let arabic = 0;
  let cyrillic = 0;
  let other = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else if (/\p{Script=Arabic}/u.test(ch)) arabic++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
    else other++;
  }
  const letters = latin + arabic + cyrillic + other;
  const max = Math.max(latin, arabic, cyrillic, other);
  const script: Script = max === 0 ? 'other' : max === arabic ? 'arabic' : max === cyrillic ? 'cyrillic' : max === latin ? 'latin' : 'other';
  return { script, letters };
}

/** Lowercase, keep letters (of any script), digits inside words (Arabizi 3, 7, 2), and spaces. */
function cleanForDetection(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+|\S+@\S+/g, ' ')
    .replace(/\u200c/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .replace(/(^| )\d+(?= |$)/g, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Latin text without diacritics, so that "laege" and "læge", "yardim" and "yardım" share n-grams. */
function foldLatin(text: string): string {
  return text
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

const WORD_SEED = 0x77; // "w", so a one-letter word and the letter are different grams
const GRAM_SEED = 0x63;

/**
 * The grams of a text as 64-bit fingerprints (FNV-1a and MurmurHash3 mixing over code points), never as
 * strings: each word, then its character 1–4-grams with a space at either end (the lone space excepted),
 * in a fixed order. Reused between calls; `size` grams are valid after `fill`.
 */
class GramBuffer {
  size = 0;
  h1 = new Uint32Array(512);
  h2 = new Uint32Array(512);
  private cps = new Int32Array(64);

  fill(text: string): void {
    this.size = 0;
    let start = 0;
    for (;;) {
      const found = text.indexOf(' ', start);
      const end = found === -1 ? text.length : found;
      if (end > start) this.addWord(text, start, end);
      if (found === -1) break;
      start = found + 1;
    }
  }

  private addWord(text: string, from: number, to: number): void {
    if (this.cps.length < to - from + 2) this.cps = new Int32Array((to - from + 2) * 2);
    const cps = this.cps;
    let len = 0;
    cps[len++] = 32;
    let w1 = fnvStep(FNV_OFFSET, WORD_SEED);
    let w2 = murmurStep(MURMUR_SEED, WORD_SEED);
    for (let i = from; i < to; ) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      cps[len++] = cp;
      w1 = fnvStep(w1, cp);
      w2 = murmurStep(w2, cp);
    }
    cps[len++] = 32;
    this.push(fmix(w1, len - 2), fmix(w2, len - 2));
    for (let n = 1; n <= 4; n++) {
      for (let i = 0; i + n <= len; i++) {
        if (n === 1 && cps[i] === 32) continue;
        let h1 = fnvStep(FNV_OFFSET, GRAM_SEED);
        let h2 = murmurStep(MURMUR_SEED, GRAM_SEED);
        for (let j = i; j < i + n; j++) {
          h1 = fnvStep(h1, cps[j]);
          h2 = murmurStep(h2, cps[j]);
        }
        this.push(fmix(h1, n), fmix(h2, n));
      }
    }
  }

  private push(h1: number, h2: number): void {
    if (this.size === this.h1.length) {
      const a = new Uint32Array(this.size * 2);
      a.set(this.h1);
      this.h1 = a;
      const b = new Uint32Array(this.size * 2);
      b.set(this.h2);
      this.h2 = b;
    }
    this.h1[this.size] = h1;
    this.h2[this.size] = h2;
    this.size++;
  }
}

/**
 * Multinomial naive Bayes over character 1–4-grams and words, one profile per language. Grams are rows of a
 * fingerprint table (open addressing, typed arrays) with one count per language; log-probabilities depend
 * only on (language, count), so they come from a small table per language instead of a Math.log per gram.
 */
class NgramProfiles {
  /** Gram fingerprint -> row of `counts`. */
  private readonly table = new FingerprintTable();
  private counts: Uint32Array;
  private readonly totals: number[];
  /** logProb[l][count], built on first use after learning. */
  private logProb: Float64Array[] | undefined;
  private readonly buffer = new GramBuffer();
  private gramRows = new Int32Array(512);

  constructor(readonly langs: Lang[]) {
    this.counts = new Uint32Array(1024 * langs.length);
    this.totals = langs.map(() => 0);
  }

  add(lang: Lang, text: string): void {
    const l = this.langs.indexOf(lang);
    if (l < 0) return;
    const g = this.buffer;
    g.fill(text);
    const L = this.langs.length;
    for (let i = 0; i < g.size; i++) {
      const row = this.intern(g.h1[i], g.h2[i]);
      this.counts[row * L + l]++;
    }
    this.totals[l] += g.size;
    this.logProb = undefined;
  }

  private get rows(): number {
    return this.table.size;
  }

  private find(h1: number, h2: number): number {
    return this.table.get(h1, h2);
  }

  private intern(h1: number, h2: number): number {
    const row = this.table.intern(h1, h2);
    const L = this.langs.length;
    if ((row + 1) * L > this.counts.length) {
      const c = new Uint32Array(this.counts.length * 2);
      c.set(this.counts);
      this.counts = c;
    }
    return row;
  }

  /** Drops the spare room left by growing, once learning is done. */
  compact(): void {
    this.counts = this.counts.slice(0, this.rows * this.langs.length);
  }

  private logProbabilities(): Float64Array[] {
    if (this.logProb) return this.logProb;
    const v = this.rows + 1;
    const alpha = 0.5;
    const L = this.langs.length;
    this.logProb = this.langs.map((_, l) => {
      let max = 0;
      for (let r = 0; r < this.rows; r++) max = Math.max(max, this.counts[r * L + l]);
      const total = this.totals[l] + alpha * v;
      const table = new Float64Array(max + 1);
      for (let c = 0; c <= max; c++) table[c] = Math.log((c + alpha) / total);
      return table;
    });
    return this.logProb;
  }

  /** Mean log-likelihood per n-gram for each language (comparable across message lengths). */
  score(text: string): { scores: Map<Lang, number>; n: number } {
    const logProb = this.logProbabilities();
    const g = this.buffer;
    g.fill(text);
    const n = g.size;
    if (this.gramRows.length < n) this.gramRows = new Int32Array(n * 2);
    const rows = this.gramRows;
    for (let i = 0; i < n; i++) rows[i] = this.find(g.h1[i], g.h2[i]);
    const L = this.langs.length;
    const scores = new Map<Lang, number>();
    for (let l = 0; l < L; l++) {
      const table = logProb[l];
      let s = 0;
      for (let i = 0; i < n; i++) s += table[rows[i] < 0 ? 0 : this.counts[rows[i] * L + l]];
      scores.set(this.langs[l], n ? s / n : 0);
    }
    return { scores, n };
  }
}

/**
 * Whether franc's opinion cannot change the guess. franc adds between 0 and FRANC_WEIGHT × lengthFactor to each
 * language it knows (its scores are 0..1). If, with the other languages raised by that much and the leader not,
 * the leader still has over 0.9 (so no alternative reaches 0.1) and its rounded confidence is the same as with
 * the leader raised and the others not, every franc answer gives the same guess: franc (the costliest step of
 * detection) is skipped. Most messages are this clear.
 */
function francCannotMatter(adjusted: Map<Lang, number>, lengthFactor: number): boolean {
  const most = FRANC_WEIGHT * lengthFactor;
  let lead: Lang | undefined;
  let leadScore = -Infinity;
  for (const [l, v] of adjusted) if (v > leadScore) [lead, leadScore] = [l, v];
  if (lead === undefined) return true;
  const leadBoost = ROMANISABLE.has(lead) ? 0 : most;
  let worst = 1;
  let best = 1;
  for (const [l, v] of adjusted) {
    if (l === lead) continue;
    const boost = ROMANISABLE.has(l) ? 0 : most;
    worst += Math.exp((v + boost - leadScore) * 12);
    best += Math.exp((v - leadScore - leadBoost) * 12);
  }
  // A margin far above floating-point error, so a confidence on a rounding edge still goes to franc.
  const pWorst = 1 / worst - 1e-9;
  const pBest = 1 / best + 1e-9;
  return pWorst > 0.9 && round(pWorst * lengthFactor) === round(pBest * lengthFactor);
}

function softmax(scores: Map<Lang, number>, temperature: number): Map<Lang, number> {
  const max = Math.max(...scores.values());
  const exp = new Map<Lang, number>();
  let sum = 0;
  for (const [l, s] of scores) {
    const e = Math.exp((s - max) * temperature);
    exp.set(l, e);
    sum += e;
  }
  for (const [l, e] of exp) exp.set(l, e / sum);
  return exp;
}

export interface DetectorOptions {
  /** Extra text per language to learn from (tests); added to the locale phrases and the seed text. */
  extraText?: Partial<Record<Lang, string[]>>;
}

export class LanguageDetector {
  private constructor(
    private readonly latin: NgramProfiles,
    private readonly arabic: NgramProfiles,
  ) {}

  static create(localesDir: string, options: DetectorOptions = {}): LanguageDetector {
    const latin = new NgramProfiles(LATIN_LANGS);
    const arabic = new NgramProfiles(ARABIC_LANGS);
    const learn = (lang: Lang, raw: string) => {
      const text = cleanForDetection(raw);
      if (!text) return;
      const { script } = scriptOf(text);
      if (script === 'latin') latin.add(lang, foldLatin(text));
      else if (script === 'arabic') arabic.add(lang, text);
    };
    for (const lang of LANGUAGES) {
      for (const t of SEED_TEXT[lang]) learn(lang, t);
      for (const t of readPhrases(localesDir, lang)) learn(lang, t);
      for (const t of options.extraText?.[lang] ?? []) learn(lang, t);
    }
    latin.compact();
    arabic.compact();
    return new LanguageDetector(latin, arabic);
  }

  /** undefined when there is nothing to go on: no letters, one or two letters, emoji, numbers. */
  detect(text: string): LanguageGuess | undefined {
    // A Danish street or place name ("I live at Nørrebrogade 1") says where, not which language: left out when
    // two or more other words remain to judge by.
    const all = cleanForDetection(text);
    const kept = all.split(' ').filter((w) => !(DANISH_WORD.test(w) || /gade$|vej$/.test(w)) || !DANISH_PLACE.test(w));
    const clean = kept.filter((w) => /\p{L}/u.test(w)).length >= 2 && kept.length < all.split(' ').length ? kept.join(' ') : all;
    const { script, letters } = scriptOf(clean);
    if (letters < 2 || NO_LANGUAGE.has(clean)) return undefined;
    const wordCount = clean.split(' ').filter((w) => /\p{L}/u.test(w)).length;
    const lengthFactor = wordCount <= 1 ? 0.7 : wordCount <= 3 ? 0.9 : 1;

    // Danish loanwords (kommune, tolk, fritidsjob) are Latin: a few words in Cyrillic or Arabic letters inside a
    // mostly Latin message say more about the writer's language than the loanwords do.
    const words = clean.split(' ');
    const cyrillicWords = words.filter((w) => /\p{Script=Cyrillic}{2,}/u.test(w)).length;
    const arabicWords = words.filter((w) => /\p{Script=Arabic}{2,}/u.test(w)).length;
    if (script === 'latin' && cyrillicWords >= 1) {
      const cyrillicPart = words.filter((w) => /\p{Script=Cyrillic}/u.test(w)).join(' ');
      // A word of more Latin than Cyrillic letters ("helloпривіт") keeps the part Latin: answering it again
      // would never end.
      if (cyrillicPart !== clean) return this.detect(cyrillicPart);
      return { lang: 'uk', confidence: round(0.99 * (letters < 4 ? 0.8 : 1)), script: 'cyrillic', alternatives: [], wordCount };
    }
    if (script === 'latin' && arabicWords >= 1) {
      const arabicPart = words.filter((w) => /\p{Script=Arabic}/u.test(w)).join(' ');
      const guess = this.detectArabicScript(arabicPart, wordCount, lengthFactor);
      return guess;
    }

    if (script === 'cyrillic') {
      return { lang: 'uk', confidence: round(0.99 * (letters < 4 ? 0.8 : 1)), script, alternatives: [], wordCount };
    }
    if (script === 'arabic') return this.detectArabicScript(clean, wordCount, lengthFactor);
    if (script === 'latin') return this.detectLatin(clean, wordCount, lengthFactor);
    return undefined;
  }

  private detectArabicScript(clean: string, wordCount: number, lengthFactor: number): LanguageGuess {
    const { scores } = this.arabic.score(clean);
    const urduOnly = count(clean, URDU_ONLY);
    const persianOrUrdu = count(clean, PERSIAN_OR_URDU);
    const arabicOnly = count(clean, ARABIC_ONLY);
    // Letter evidence counts for far more than n-gram statistics: it is what the writer's keyboard produced.
    const bonus = (l: Lang) =>
      (l === 'ur' ? 1.2 * urduOnly : 0) +
      (l === 'fa' || l === 'ur' ? 0.5 * persianOrUrdu : 0) +
      (l === 'ar' ? 0.6 * arabicOnly : 0) -
      (l !== 'ur' ? 0.8 * urduOnly : 0) -
      (l === 'ar' ? 0.6 * persianOrUrdu : 0);
    const adjusted = new Map([...scores].map(([l, s]) => [l, s + bonus(l)] as [Lang, number]));
    return this.guessFrom(softmax(adjusted, 12), 'arabic', false, wordCount, lengthFactor);
  }

  private detectLatin(clean: string, wordCount: number, lengthFactor: number): LanguageGuess {
    const folded = foldLatin(clean);
    const { scores } = this.latin.score(folded);
    // Letter evidence as the share of words that carry it: "tandlæge" in an Arabizi message is a loanword.
    const words = clean.split(' ');
    const share = (re: RegExp) => words.filter((w) => re.test(w)).length / words.length;
    const danish = share(DANISH_WORD);
    const polish = share(POLISH_WORD);
    const turkish = share(TURKISH_WORD);
    // Arabizi: digits standing for Arabic letters inside words (3 = ع, 7 = ح, 2 = ء, 5 = خ).
    const arabizi = words.filter((w) => /\p{L}[2357]|[2357]\p{L}/u.test(w)).length / words.length;
    const adjust = (franc: Map<Lang, number>) => {
      const adjusted = new Map<Lang, number>();
      for (const [l, s] of scores) {
        let v = s;
        // franc has no romanised Arabic/Farsi/Urdu: its opinion only separates the languages it knows, and
        // weighs less on short text where its trigram statistics are thin.
        if (franc.size && !ROMANISABLE.has(l)) v += FRANC_WEIGHT * (franc.get(l) ?? 0) * lengthFactor;
        v += (l === 'da' ? LETTER_WEIGHT : -LETTER_WEIGHT / 2) * danish;
        v += (l === 'pl' ? LETTER_WEIGHT : -LETTER_WEIGHT / 2) * polish;
        v += (l === 'tr' ? LETTER_WEIGHT : -LETTER_WEIGHT / 2) * turkish;
        v += (l === 'ar' ? LETTER_WEIGHT : -LETTER_WEIGHT / 2) * arabizi;
        adjusted.set(l, v);
      }
      return adjusted;
    };
    const withoutFranc = adjust(new Map());
    if (clean.length < 3 || francCannotMatter(withoutFranc, lengthFactor)) return this.guessFrom(softmax(withoutFranc, 12), 'latin', true, wordCount, lengthFactor);
    const franc = new Map<Lang, number>();
    for (const [code, score] of francAll(clean, { only: Object.keys(FRANC_LATIN), minLength: 1 })) {
      const l = FRANC_LATIN[code];
      if (l && score > (franc.get(l) ?? -1)) franc.set(l, score);
    }
    const guess = this.guessFrom(softmax(adjust(franc), 12), 'latin', true, wordCount, lengthFactor);
    // Letters of our own (æøå, ąęł, ğış) or Arabizi digits settle it: no check.
    const ownLetters = danish + polish + turkish + arabizi > 0;
    return wordCount >= 3 && !ownLetters && guess.confidence < FOREIGN_CHECK_BELOW && !ROMANISABLE.has(guess.lang) && writtenInAnotherLanguage(clean)
      ? { ...guess, confidence: 0, foreign: true }
      : guess;
  }

  private guessFrom(probs: Map<Lang, number>, script: Script, latin: boolean, wordCount: number, lengthFactor: number): LanguageGuess {
    const ranked = [...probs].sort((a, b) => b[1] - a[1]);
    const [lang, p] = ranked[0];
    const alternatives = ranked.slice(1).filter(([, q]) => q >= 0.1).slice(0, 3).map(([l]) => l);
    const guess: LanguageGuess = { lang, confidence: round(p * lengthFactor), script, alternatives, wordCount };
    if (latin && ROMANISABLE.has(lang)) guess.romanized = true;
    return guess;
  }
}

function readPhrases(localesDir: string, lang: Lang): string[] {
  const file = path.join(localesDir, lang, 'training', 'intents.json');
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.values(parsed).flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A detection at least this sure, on a message of 4+ words, switches the conversation's language. */
/**
 * Whether the text carries letters that only `lang` of our nine uses (Turkish ğ ı ş, Polish ą ę ł…, Danish
 * æ ø å, Urdu ٹ ڈ ڑ ں ے, Cyrillic for Ukrainian): one such word is evidence enough for a first message.
 */
export function hasLettersOnlyOf(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  switch (lang) {
    case 'tr':
      return TURKISH_WORD.test(lower);
    case 'pl':
      return POLISH_WORD.test(lower);
    case 'da':
      return DANISH_WORD.test(lower);
    case 'ur':
      return URDU_LETTER.test(text);
    case 'uk':
      return /\p{Script=Cyrillic}/u.test(text);
    default:
      return false;
  }
}

export const DETECTION_CONFIDENT = 0.6;
/** A first message with nothing else to go on takes the detected language from this sure (gibberish stays Danish). */
export const FIRST_MESSAGE_CONFIDENT = 0.5;
/** Messages of 2–3 words must be this sure: short text is where detectors fail most. */
export const DETECTION_CONFIDENT_SHORT = 0.8;

export type LanguageSource = 'chosen' | 'detected' | 'previous' | 'locale' | 'default';

/**
 * The language to answer this turn in. Order of trust: a language the resident chose > a confident detection
 * of this message > the conversation's previous language > activity.locale > Danish.
 *
 * A one-word reply ("ok", "ja", "tak", "12") never flips the language, with one exception: a message in a
 * script the previous language is not written in (Arabic letters in a Danish conversation) — answering that in
 * Danish would be wrong whatever the word is.
 */
export function resolveTurnLanguage(input: {
  guess?: LanguageGuess;
  chosen?: Lang;
  previous?: Lang;
  activityLocale?: string;
}): { lang: Lang; source: LanguageSource; offerChoice?: Lang[] } {
  const { guess, chosen, previous } = input;
  const locale = langFromLocale(input.activityLocale);
  if (chosen) return { lang: chosen, source: 'chosen' };

  const offerChoice = guess && ambiguity(guess);
  const withOffer = <T extends { lang: Lang; source: LanguageSource }>(r: T) =>
    offerChoice && offerChoice.includes(r.lang) ? { ...r, offerChoice } : r;

  if (guess) {
    if (guess.lang === previous) return withOffer({ lang: previous, source: 'detected' });
    const scriptChanged = previous !== undefined && guess.script !== 'latin' && !scriptsOf(previous).includes(guess.script);
    const needed = guess.wordCount <= 1 ? Infinity : guess.wordCount <= 3 ? DETECTION_CONFIDENT_SHORT : DETECTION_CONFIDENT;
    if (scriptChanged || guess.confidence >= needed) return withOffer({ lang: guess.lang, source: 'detected' });
    // First message and nothing better to go on than a weak guess: still better than Danish by default,
    // unless the channel told us the resident's language.
    if (previous === undefined && !locale && guess.confidence >= FIRST_MESSAGE_CONFIDENT) return withOffer({ lang: guess.lang, source: 'detected' });
  }
  if (previous) return { lang: previous, source: 'previous' };
  if (locale) return { lang: locale, source: 'locale' };
  return { lang: DEFAULT_LANGUAGE, source: 'default' };
}

function scriptsOf(lang: Lang): Script[] {
  if (lang === 'uk') return ['cyrillic'];
  if (ROMANISABLE.has(lang)) return ['arabic', 'latin'];
  return ['latin'];
}

/** Languages to offer as buttons when the guess is one of several that share a script and it is unsure. */
function ambiguity(guess: LanguageGuess): Lang[] | undefined {
  if (!ROMANISABLE.has(guess.lang)) return undefined;
  const siblings = guess.alternatives.filter((l) => ROMANISABLE.has(l));
  if (guess.confidence >= 0.8 && siblings.length === 0) return undefined;
  if (!guess.romanized && guess.confidence >= 0.8) return undefined;
  const others = siblings.length ? siblings : ARABIC_LANGS.filter((l) => l !== guess.lang);
  return [guess.lang, ...others];
}
