import { normalizeText } from '../language/normalize';

/**
 * Word lists residents' words are matched against (danger terms, cues, slot words), one syntax for all:
 * compared after `normalizeText` (lowercase, no diacritics, ي/ی and ك/ک unified), whole words; a trailing `*`
 * also matches longer words ("selvmord*" -> "selvmordstanker"). Arabic-script terms also match with a
 * proclitic in front (و ف ب ل ال ...) and with any ending, because Arabic, Farsi and Urdu glue particles and
 * pronoun suffixes onto the word ("یضربنی" = hits me, "بالرياضة" = with the sport).
 */
export interface CompiledTerm<T = string> {
  /** The term as written in the list (never the resident's words, which may hold personal data). */
  term: string;
  /** What the term stands for (a danger kind, a slot value, ...). */
  value: T;
  /** Plain substring that must occur for the pattern to have a chance; a cheap pre-check. */
  core: string;
  pattern: RegExp;
  /** A phrase of two or more words, or a word of 7+ letters: safe to look for in other languages' text. */
  distinctive: boolean;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
const PROCLITICS = ['و', 'ف', 'ب', 'ل', 'ک', 'ال', 'وال', 'بال', 'فال', 'لل', 'کال', 'ی'];
const ARABIC_PROCLITICS = `(?:${PROCLITICS.join('|')})?`;
/** A term's core starts at a word start, or this many code units after it at most (behind a proclitic). */
const MAX_CORE_OFFSET = Math.max(...PROCLITICS.map((p) => p.length));

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isArabicScript(text: string): boolean {
  return ARABIC_SCRIPT.test(text);
}

/**
 * How Arabic-script terms match. `any` (the safety screen, intents): behind any proclitic, with any ending, so
 * that no form of a danger word slips through. `words` (slot words): with the endings Arabic, Farsi and Urdu
 * glue on (pronouns, plurals: "ضربني", "سگشون") but not any letters ("کتا", dog, is not "کتاب", book; "لا",
 * no, is not "لاعب"), behind a proclitic only for words of three letters or more ("بالرياضة"), and never
 * behind "ی" ("یہاں" is "here", not "ی" + "ہاں", yes). `whole`: the word itself, nothing glued on (answers:
 * "بلی" is yes, "بلیت" a ticket).
 */
export type ArabicMatching = 'any' | 'words' | 'whole';
const WORD_PROCLITICS = `(?:${['و', 'ف', 'ب', 'ل', 'ک', 'ال', 'وال', 'بال', 'فال', 'لل', 'کال', 'وب', 'ول', 'فب'].join('|')})?`;
const WORD_ENDINGS = `(?:${['ی', 'نی', 'ک', 'ه', 'ها', 'های', 'نا', 'کم', 'هم', 'هن', 'ات', 'ین', 'ون', 'ان', 'یه', 'وا', 'و', 'تی', 'ته', 'م', 'ت', 'ش', 'مان', 'تان', 'شان', 'ام', 'اش', 'ای', 'یم', 'ید', 'ند', 'شون', 'مون', 'تون', 'ے', 'وں', 'یں', 'ا'].join('|')}){0,2}`;

export function compileTerm<T>(raw: string, value: T, arabic: ArabicMatching = 'any'): CompiledTerm<T> | undefined {
  const prefix = raw.trim().endsWith('*');
  const core = normalizeText(raw.replace(/\*+\s*$/, ''));
  if (core.length < 2 && !/^\d$/.test(core)) return undefined;
  const body = escapeRegExp(core);
  const arabicLetters = core.replace(/[^\p{L}]/gu, '').length;
  const pattern = !ARABIC_SCRIPT.test(core)
    ? new RegExp(`(?:^| )${body}${prefix ? '' : '(?= |$)'}`, 'u')
    : arabic === 'any'
      ? new RegExp(`(?:^| )${ARABIC_PROCLITICS}${body}`, 'u')
      : arabic === 'whole'
        ? new RegExp(`(?:^| )${body}(?= |$)`, 'u')
        : arabicLetters <= 2 && !core.includes(' ')
          ? new RegExp(`(?:^| )${body}${WORD_ENDINGS}(?= |$)`, 'u')
        : new RegExp(`(?:^| )${WORD_PROCLITICS}${body}${prefix ? '' : `${WORD_ENDINGS}(?= |$)`}`, 'u');
  const letters = core.replace(/[^\p{L}]/gu, '').length;
  return { term: raw, value, core, pattern, distinctive: core.includes(' ') || letters >= 7 };
}

/**
 * A term list indexed by the first two code units of each term's core. Every pattern requires its core at a
 * word start (or behind a proclitic), so a message is only tested against the terms filed under the letter
 * pairs found at those few places: a handful of terms instead of all of them.
 */
export class TermList<T = string> {
  private readonly byKey = new Map<number, number[]>();
  // Per-call scratch (matching is synchronous): which terms were already collected in this call.
  private readonly seen: Uint32Array;
  private readonly scratch: number[] = [];
  private call = 0;

  constructor(readonly terms: readonly CompiledTerm<T>[]) {
    terms.forEach((t, i) => {
      const key = pairKey(t.core, 0);
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    });
    this.seen = new Uint32Array(terms.length);
  }

  static of<T>(entries: Iterable<[string, T]>, arabic: ArabicMatching = 'any'): TermList<T> {
    const compiled: CompiledTerm<T>[] = [];
    for (const [raw, value] of entries) {
      const c = compileTerm(raw, value, arabic);
      if (c) compiled.push(c);
    }
    return new TermList(compiled);
  }

  /** A plain list of terms that all stand for `true`. */
  static plain(terms: readonly string[], arabic: ArabicMatching = 'any'): TermList<true> {
    return TermList.of(terms.map((t) => [t, true as const]), arabic);
  }

  get size(): number {
    return this.terms.length;
  }

  /** The first matching term in list order, or undefined. `normalized` must come from normalizeText. */
  first(normalized: string): CompiledTerm<T> | undefined {
    const candidates = this.candidates(normalized);
    for (const i of candidates) {
      const t = this.terms[i];
      if (normalized.includes(t.core) && t.pattern.test(normalized)) return t;
    }
    return undefined;
  }

  has(normalized: string): boolean {
    return this.first(normalized) !== undefined;
  }

  /** Every matching term, in list order, with where it starts in the text. */
  all(normalized: string): { term: CompiledTerm<T>; index: number }[] {
    const out: { term: CompiledTerm<T>; index: number }[] = [];
    for (const i of this.candidates(normalized)) {
      const t = this.terms[i];
      if (!normalized.includes(t.core)) continue;
      const m = t.pattern.exec(normalized);
      if (m) out.push({ term: t, index: m.index });
    }
    return out;
  }

  private candidates(normalized: string): number[] {
    const out = this.scratch;
    out.length = 0;
    if (this.terms.length === 0 || !normalized) return out;
    this.call = (this.call + 1) >>> 0;
    if (this.call === 0) {
      this.seen.fill(0);
      this.call = 1;
    }
    for (let start = 0; start < normalized.length; ) {
      for (let at = start; at <= start + MAX_CORE_OFFSET && at < normalized.length; at++) {
        const list = this.byKey.get(pairKey(normalized, at));
        if (!list) continue;
        for (const i of list) {
          if (this.seen[i] === this.call) continue;
          this.seen[i] = this.call;
          out.push(i);
        }
      }
      const space = normalized.indexOf(' ', start);
      if (space === -1) break;
      start = space + 1;
    }
    if (out.length > 1) out.sort((a, b) => a - b);
    // A copy: callers may call again (nested lists) before they are done with the result.
    return out.slice();
  }
}

/** The letter pair at `at`; the end of the text counts as a space, so a one-letter core ("1") is found too. */
function pairKey(s: string, at: number): number {
  return s.charCodeAt(at) * 65536 + (at + 1 < s.length ? s.charCodeAt(at + 1) : 0x20);
}
