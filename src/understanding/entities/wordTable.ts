import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, type Lang } from '../../language/languages';
import { TermList } from '../terms';

/**
 * Slot words of one kind per language ("noise": ["noise", "loud", "music"...]), read from a group of a
 * training file (`locales/<lng>/training/<file>.json`). A message is read in its own language, then Danish and
 * English, which residents mix in. Same term syntax as every word list (terms.ts).
 */
export class WordTable<K extends string> {
  private constructor(private readonly byLang: Map<Lang, TermList<K>>) {}

  static fromLists<K extends string>(lists: Partial<Record<Lang, Partial<Record<K, string[]>>>>): WordTable<K> {
    const byLang = new Map<Lang, TermList<K>>();
    for (const lang of LANGUAGES) {
      const groups = lists[lang] ?? {};
      // Slot words match as words: "لا" is not the start of "لابني" (for my son), "کتا" (dog) not "کتاب".
      byLang.set(lang, TermList.of(Object.entries(groups).flatMap(([id, terms]) => ((terms as string[] | undefined) ?? []).map((t) => [t, id as K] as [string, K])), 'words'));
    }
    return new WordTable(byLang);
  }

  /**
   * The ids found anywhere in the message, each once, in order of appearance. A term lying inside a longer
   * one that was found does not count: "qoob ka ciyaar" (dance) holds "ciyaar" (sport), "kubadda cagta"
   * (football) holds nothing else.
   */
  all(normalized: string, lang: Lang): K[] {
    const hits: { value: K; start: number; end: number }[] = [];
    for (const l of readingLanguages(lang)) {
      for (const { term, index } of this.byLang.get(l)!.all(normalized)) {
        const start = normalized.indexOf(term.core, index);
        hits.push({ value: term.value, start, end: start + term.core.length });
      }
    }
    const inside = (h: (typeof hits)[number]) => hits.some((o) => o !== h && o.value !== h.value && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start);
    const found = new Map<K, number>();
    for (const h of hits) {
      if (inside(h)) continue;
      const at = found.get(h.value);
      if (at === undefined || h.start < at) found.set(h.value, h.start);
    }
    return [...found].sort((a, b) => a[1] - b[1]).map(([k]) => k);
  }

  /**
   * The id the message names most clearly: most terms found, then the longest term ("job centre" is the
   * municipality, though "job" alone is work), then the earliest.
   */
  best(normalized: string, lang: Lang): K | undefined {
    const score = new Map<K, { hits: number; longest: number; first: number }>();
    for (const l of readingLanguages(lang)) {
      for (const { term, index } of this.byLang.get(l)!.all(normalized)) {
        const s = score.get(term.value) ?? { hits: 0, longest: 0, first: Infinity };
        s.hits++;
        s.longest = Math.max(s.longest, term.core.length);
        s.first = Math.min(s.first, index);
        score.set(term.value, s);
      }
    }
    return [...score].sort(([, a], [, b]) => b.hits - a.hits || b.longest - a.longest || a.first - b.first)[0]?.[0];
  }

  has(normalized: string, lang: Lang): boolean {
    return readingLanguages(lang).some((l) => this.byLang.get(l)!.has(normalized));
  }
}

/** The resident's language first, then Danish and English, which residents mix in. */
export function readingLanguages(lang: Lang): Lang[] {
  return lang === 'da' ? ['da', 'en'] : lang === 'en' ? ['en', 'da'] : [lang, 'da', 'en'];
}

/** Reads `locales/<lng>/training/<file>` for every language (`{}` where a language has none yet), naming the file when it is broken. */
export function readTrainingFiles(localesDir: string, file: string): Map<Lang, Record<string, unknown>> {
  const out = new Map<Lang, Record<string, unknown>>();
  for (const lang of LANGUAGES) {
    const full = path.join(localesDir, lang, 'training', file);
    if (!fs.existsSync(full)) {
      out.set(lang, {});
      continue;
    }
    try {
      const parsed = JSON.parse(fs.readFileSync(full, 'utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected an object');
      out.set(lang, parsed as Record<string, unknown>);
    } catch (err) {
      throw new Error(`locales/${lang}/training/${file}: ${(err as Error).message}`);
    }
  }
  return out;
}

/** One group of every language's file: `{ id: [terms] }`, or a plain list standing for the group itself. */
export function group<K extends string>(files: Map<Lang, Record<string, unknown>>, name: string, file: string, ids?: readonly K[]): Partial<Record<Lang, Partial<Record<K, string[]>>>> {
  const out: Partial<Record<Lang, Partial<Record<K, string[]>>>> = {};
  for (const [lang, content] of files) {
    const value = content[name];
    if (value === undefined) continue;
    const where = `locales/${lang}/training/${file}: ${name}`;
    const table = Array.isArray(value) ? { [name]: value } : (value as Record<string, unknown>);
    if (!table || typeof table !== 'object') throw new Error(`${where}: expected an object of lists`);
    for (const [id, list] of Object.entries(table)) {
      if (ids && !(ids as readonly string[]).includes(id) && !Array.isArray(value)) throw new Error(`${where}.${id}: unknown id (expected one of ${ids.join(', ')})`);
      if (!Array.isArray(list) || list.some((t) => typeof t !== 'string')) throw new Error(`${where}.${id}: must be a list of strings`);
    }
    out[lang] = table as Partial<Record<K, string[]>>;
  }
  return out;
}
