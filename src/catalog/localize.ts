import type { Lang } from '../language/languages';
import type { LocalizedText } from './types';

/**
 * The one way code reads a text from data/ for a resident: every text there exists in all nine languages
 * (checked at start-up), so there is no fallback to English to hide behind.
 */
export function inLanguage(text: LocalizedText, lang: Lang): string {
  return text[lang];
}

/** An entry with a proper name (and maybe what it is), or with a descriptive label in nine languages. */
export interface Named {
  name: string | LocalizedText;
  about?: LocalizedText;
}

/**
 * How to name an entry to a resident: the Danish proper name they will meet on the door or the website,
 * with what it is in their language – "Livslinien (خط مساعدة لمنع الانتحار)". Danish readers, and names
 * without an `about`, get the bare name; a descriptive label is simply said in the resident's language.
 *
 * Meant for short `about`s (helplines, bodies); a directory entry's longer `about` is its own line.
 */
export function displayName(entry: Named, lang: Lang): string {
  if (typeof entry.name !== 'string') return inLanguage(entry.name, lang);
  if (lang === 'da' || !entry.about) return entry.name;
  return `${entry.name} (${inLanguage(entry.about, lang)})`;
}
