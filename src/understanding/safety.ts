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
const ARABIC_PROCLITICS = '(?:و|ف|ب|ل|ک|ال|وال|بال|فال|لل|کال|ی)?';
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
  private readonly byLang = new Map<Lang, CompiledTerm[]>();
  private readonly crossLanguage: CompiledTerm[] = [];
  private readonly soft = new Map<Lang, CompiledTerm[]>();

  private constructor(extra: SafetyTermLists) {
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
      this.byLang.set(lang, all);
      this.crossLanguage.push(...all.filter((c) => c.crossLanguage));
      this.soft.set(lang, SOFT_DANGER_TERMS[lang].map((t) => compile(t, lang)).filter((c): c is CompiledTerm => !!c));
    }
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
    const own = [...langs].flatMap((l) => this.byLang.get(l) ?? []);
    const hit = this.firstMatch(normalized, own) ?? this.firstMatch(normalized, this.crossLanguage);
    return hit && { term: hit.term, lang: hit.lang, category: hit.category };
  }

  /** Whether the message carries a weaker danger signal (fear, danger, police) in its language or a sibling. */
  softSignalNormalized(normalized: string, lang: Lang): boolean {
    const terms = (SIBLINGS[lang] ?? [lang]).flatMap((l) => this.soft.get(l) ?? []);
    return !!this.firstMatch(normalized, terms);
  }

  private firstMatch(normalized: string, terms: CompiledTerm[]): CompiledTerm | undefined {
    let uncategorised: CompiledTerm | undefined;
    for (const t of terms) {
      if (!normalized.includes(t.core) || !t.pattern.test(normalized)) continue;
      if (t.category) return t;
      uncategorised ??= t;
    }
    return uncategorised;
  }
}
