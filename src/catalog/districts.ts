import { normalizeText } from '../language/normalize';
import type { District, DistrictMatch, DistrictsFile } from './types';

/**
 * Folds the ways residents write district names into one form: case, Danish letters typed as ASCII
 * ("ø" as "o" or "oe", "å" as "aa"), accents, hyphens and punctuation, and the Arabic-script letters that
 * keyboards differ in (ي/ی, ك/ک), so an Arabic spelling in data/districts.json also matches a Farsi or Urdu
 * keyboard. Apostrophes are dropped, not made spaces: "Tingbjerg'de" and "Tingbjergde" are one word, and so
 * are the Ukrainian "Тінгб'єрг" and "Тінгбʼєрг".
 */
export function foldDistrictText(text: string): string {
  const folded = normalizeText(text.replace(/['’ʼ‘`´]/g, ''))
    .replace(/oe/g, 'o')
    .replace(/aa/g, 'a');
  return ` ${folded} `;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/**
 * What may be glued to a name. Arabic writes "in/to/and/for" onto the word ("بتينغبيرغ" = in Tingbjerg,
 * "وتينغبيرغ", "لتينغبيرغ", "بالـ…"). Turkish, Polish and Ukrainian put case endings on it ("Tingbjerg'de",
 * "Valby'ye", "w Tingbjergu", "na Amagerze", "у Хусумі"); Danish and English a genitive s ("Nørrebros").
 * Only names of four letters or more take an ending (a last word of three in a longer name: "Amager Øst'te"),
 * so "nv" stays a whole word.
 */
const ARABIC_BEFORE = '(?:[وف]?(?:لل|بال|وال|فال|ال|[بلک])?)';
const ARABIC_AFTER = '(?:ها|ی|ه|ے)?';
const LATIN_AFTER = `(?:${[
  // Danish, English: genitive, definite
  's', 'en', 'et',
  // Turkish: locative, ablative, dative, genitive, "the one in"
  'de', 'da', 'te', 'ta', 'den', 'dan', 'ten', 'tan', 'deki', 'daki', 'teki', 'taki', 'e', 'a', 'ye', 'ya', 'yi', 'yı', 'i', 'ı', 'u', 'ü',
  'in', 'ın', 'un', 'ün', 'nin', 'nın', 'nun', 'nün', 'nde', 'nda', 'ndan', 'nden', 'li', 'lı', 'lu', 'lü',
  // Polish: locative, genitive, instrumental
  'ie', 'iu', 'ze', 'zie', 'em', 'om', 'y',
].join('|')})?`;
const CYRILLIC_AFTER = '(?:у|ю|і|а|я|ом|ем|е|ові|и)?';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name's pattern on folded text: whole words, with what may be glued before or after it. */
function namePattern(folded: string): RegExp {
  const core = escapeRegExp(folded.trim());
  const words = folded.trim().split(' ');
  const last = words[words.length - 1];
  const letters = (w: string) => w.replace(/[^\p{L}]/gu, '').length;
  // "Tingbjerg'de", "Amager Øst'te"; but not "nv" or "kbh n" with an ending.
  const takesEnding = words.length === 1 ? letters(last) >= 4 : letters(last) >= 3 && letters(words.join('')) >= 6;
  const after = ARABIC_SCRIPT.test(core) ? ARABIC_AFTER : !takesEnding ? '' : /\p{Script=Cyrillic}/u.test(last) ? CYRILLIC_AFTER : LATIN_AFTER;
  return new RegExp(`(?<= )${ARABIC_SCRIPT.test(core) ? ARABIC_BEFORE : ''}${core}${after}(?= )`, 'u');
}

/**
 * Finds the district named in a free-text message. The longest alias found wins ("amager vest" over
 * "amager"), then the earliest in the message; an alias listed as ambiguous gives the choices instead.
 */
export function createDistrictMatcher(file: DistrictsFile): (text: string) => DistrictMatch | undefined {
  const byId = new Map(file.districts.map((d) => [d.id, d]));
  type Entry = { core: string; pattern: RegExp; alias: string; districts: District[] };
  const entries: Entry[] = [];
  const add = (alias: string, districts: District[]) => {
    const folded = foldDistrictText(alias);
    if (folded.trim() === '') return;
    entries.push({ core: folded.trim(), pattern: namePattern(folded), alias, districts });
  };
  for (const d of file.districts) for (const alias of [d.id, d.name, ...d.aliases]) add(alias, [d]);
  for (const a of file.ambiguous) add(a.alias, a.districts.map((id) => byId.get(id)!));

  return (text: string) => {
    const folded = foldDistrictText(text);
    let best: { entry: Entry; at: number } | undefined;
    for (const entry of entries) {
      if (!folded.includes(entry.core)) continue;
      const m = entry.pattern.exec(folded);
      if (!m) continue;
      const at = m.index;
      if (!best || entry.core.length > best.entry.core.length || (entry.core.length === best.entry.core.length && at < best.at)) {
        best = { entry, at };
      }
    }
    if (!best) return undefined;
    const { districts, alias } = best.entry;
    return districts.length === 1 ? { kind: 'one', district: districts[0] } : { kind: 'ambiguous', alias, districts };
  };
}
