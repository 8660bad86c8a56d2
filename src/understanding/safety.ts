import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, type Lang } from '../language/languages';
import { normalizeText } from '../language/normalize';
import { BUILTIN_DANGER_TERMS, SOFT_DANGER_TERMS, type DangerCategory } from './safetyTerms';

/**
 * The safety screen: a recall-first list of danger terms per language, run on every message before any
 * dialog. A message is checked against
 *  - every term of its own language,
 *  - for ar/fa/ur, every term of all three (they share a script and residents mix them, also in Latin letters),
 *  - other languages' terms only when they cannot be an everyday word elsewhere: phrases of two or more words,
 *    or single words of 7+ letters. Short single words stay in their language: Danish "gang" means "time".
 */
export interface SafetyHit {
  /** The term as written in the list (not the resident's text, which may hold personal data). */
  term: string;
  lang: Lang;
  /** Undefined when the term came from a locale file and no built-in term tells its kind. */
  category?: DangerCategory;
}

interface CompiledTerm {
  term: string;
  lang: Lang;
  category?: DangerCategory;
  /** Plain substring that must occur for the pattern to have a chance; a cheap pre-check. */
  core: string;
  pattern: RegExp;
  crossLanguage: boolean;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
// Proclitics written together with the next word in Arabic, Farsi and Urdu text ("and", "with", "the", ...).
const PROCLITICS = ['و', 'ف', 'ب', 'ل', 'ک', 'ال', 'وال', 'بال', 'فال', 'لل', 'کال', 'ی'];
const ARABIC_PROCLITICS = `(?:${PROCLITICS.join('|')})?`;
/** A term's core starts at a word start, or this many code units after it at most (behind a proclitic). */
const MAX_CORE_OFFSET = Math.max(...PROCLITICS.map((p) => p.length));

/**
 * A term list indexed by the first two code units of each term's core. Every pattern requires its core at a
 * word start (or behind a proclitic), so a message can only match the terms filed under the letter pairs found
 * at those few places: a message is tested against a handful of terms instead of all ~1,700.
 */
class TermIndex {
  private readonly byKey = new Map<number, number[]>();
  // Per-call scratch (matching is synchronous): which terms were already collected in this call.
  private readonly seen: Uint32Array;
  private call = 0;

  constructor(readonly terms: readonly CompiledTerm[]) {
    terms.forEach((t, i) => {
      const key = pairKey(t.core, 0);
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    });
    this.seen = new Uint32Array(terms.length);
  }

  /** Positions in `terms` of the terms that could match, in list order. */
  candidates(normalized: string, out: number[]): void {
    out.length = 0;
    if (this.terms.length === 0) return;
    this.call = (this.call + 1) >>> 0;
    if (this.call === 0) {
      this.seen.fill(0);
      this.call = 1;
    }
    for (let start = 0; start < normalized.length; ) {
      for (let at = start; at <= start + MAX_CORE_OFFSET && at + 1 < normalized.length; at++) {
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
  }
}

function pairKey(s: string, at: number): number {
  return s.charCodeAt(at) * 65536 + s.charCodeAt(at + 1);
}
const SIBLINGS: Partial<Record<Lang, Lang[]>> = { ar: ['ar', 'fa', 'ur'], fa: ['ar', 'fa', 'ur'], ur: ['ar', 'fa', 'ur'] };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(raw: string, lang: Lang, category?: DangerCategory): CompiledTerm | undefined {
  const prefix = raw.trim().endsWith('*');
  const core = normalizeText(raw.replace(/\*+\s*$/, ''));
  if (core.length < 2) return undefined;
  const arabic = ARABIC_SCRIPT.test(core);
  const body = escapeRegExp(core);
  const pattern = arabic
    ? // Arabic-script words take pronoun suffixes ("یضربنی" = hits me); recall first, so any ending matches.
      new RegExp(`(?:^| )${ARABIC_PROCLITICS}${body}`, 'u')
    : new RegExp(`(?:^| )${body}${prefix ? '' : '(?= |$)'}`, 'u');
  const letters = core.replace(/[^\p{L}]/gu, '').length;
  const crossLanguage = core.includes(' ') || letters >= 7;
  return { term: raw, lang, category, core, pattern, crossLanguage };
}

export type SafetyTermLists = Partial<Record<Lang, string[]>>;

export class SafetyScreen {
  private readonly byLang = new Map<Lang, TermIndex>();
  private readonly crossLanguage: TermIndex;
  private readonly soft = new Map<Lang, TermIndex>();
  private readonly candidates: number[] = [];

  private constructor(extra: SafetyTermLists) {
    const crossLanguage: CompiledTerm[] = [];
    for (const lang of LANGUAGES) {
      const builtin: CompiledTerm[] = [];
      for (const [category, terms] of Object.entries(BUILTIN_DANGER_TERMS[lang])) {
        for (const t of terms ?? []) {
          const c = compile(t, lang, category as DangerCategory);
          if (c) builtin.push(c);
        }
      }
      const fromLocale: CompiledTerm[] = [];
      for (const t of extra[lang] ?? []) {
        const c = compile(t, lang);
        if (!c) continue;
        // A locale term that contains a built-in term inherits its category ("slår mig hver dag" -> domestic violence).
        c.category = builtin.find((b) => b.pattern.test(c.core))?.category;
        fromLocale.push(c);
      }
      // Locale terms after the built-in ones: a built-in hit names its category for certain.
      const all = [...builtin, ...fromLocale];
      this.byLang.set(lang, new TermIndex(all));
      crossLanguage.push(...all.filter((c) => c.crossLanguage));
      this.soft.set(lang, new TermIndex(SOFT_DANGER_TERMS[lang].map((t) => compile(t, lang)).filter((c): c is CompiledTerm => !!c)));
    }
    this.crossLanguage = new TermIndex(crossLanguage);
  }

  /** Built-in terms plus `locales/<lng>/training/safety.json` (`{"terms": [...]}`) where present. */
  static load(localesDir: string): SafetyScreen {
    const lists: SafetyTermLists = {};
    for (const lang of LANGUAGES) {
      const file = path.join(localesDir, lang, 'training', 'safety.json');
      if (!fs.existsSync(file)) continue;
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { terms?: unknown };
      if (!Array.isArray(parsed.terms) || parsed.terms.some((t) => typeof t !== 'string')) {
        throw new Error(`${file}: expected {"terms": [strings]}`);
      }
      lists[lang] = parsed.terms as string[];
    }
    return new SafetyScreen(lists);
  }

  static fromTerms(lists: SafetyTermLists = {}): SafetyScreen {
    return new SafetyScreen(lists);
  }

  /** The first danger term found in the message, or undefined. `lang` is the message's (detected) language. */
  screen(text: string, lang: Lang): SafetyHit | undefined {
    return this.screenNormalized(normalizeText(text), lang);
  }

  screenNormalized(normalized: string, lang: Lang): SafetyHit | undefined {
    if (!normalized) return undefined;
    const langs = new Set<Lang>(SIBLINGS[lang] ?? [lang]);
    // Whatever the conversation's language, Arabic letters are Arabic/Farsi/Urdu and Cyrillic is Ukrainian.
    if (ARABIC_SCRIPT.test(normalized)) for (const l of ['ar', 'fa', 'ur'] as const) langs.add(l);
    if (/\p{Script=Cyrillic}/u.test(normalized)) langs.add('uk');
    const own: TermIndex[] = [];
    for (const l of langs) {
      const index = this.byLang.get(l);
      if (index) own.push(index);
    }
    const hit = this.firstMatch(normalized, own) ?? this.firstMatch(normalized, [this.crossLanguage]);
    return hit && { term: hit.term, lang: hit.lang, category: hit.category };
  }

  /** Whether the message carries a weaker danger signal (fear, danger, police) in its language or a sibling. */
  softSignalNormalized(normalized: string, lang: Lang): boolean {
    const lists: TermIndex[] = [];
    for (const l of SIBLINGS[lang] ?? [lang]) {
      const index = this.soft.get(l);
      if (index) lists.push(index);
    }
    return !!this.firstMatch(normalized, lists);
  }

  /** The first categorised matching term of the lists taken one after the other, else the first matching one. */
  private firstMatch(normalized: string, lists: readonly TermIndex[]): CompiledTerm | undefined {
    let uncategorised: CompiledTerm | undefined;
    for (const list of lists) {
      list.candidates(normalized, this.candidates);
      for (const i of this.candidates) {
        const t = list.terms[i];
        if (!normalized.includes(t.core) || !t.pattern.test(normalized)) continue;
        if (t.category) return t;
        uncategorised ??= t;
      }
    }
    return uncategorised;
  }
}
