import type { District, DistrictMatch, DistrictsFile } from './types';

/**
 * Folds the ways residents write district names into one form: case, Danish letters typed as ASCII
 * ("ø" as "o" or "oe"), accents, hyphens and punctuation. Non-Latin scripts pass through unchanged
 * (apart from vowel marks), so Arabic or Ukrainian spellings in data/districts.json match as written.
 */
export function foldDistrictText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/oe/g, 'o')
    .replace(/aa/g, 'a')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * Finds the district named in a free-text message. The longest alias found wins ("amager vest" over
 * "amager"), then the earliest in the message; an alias listed as ambiguous gives the choices instead.
 */
export function createDistrictMatcher(file: DistrictsFile): (text: string) => DistrictMatch | undefined {
  const byId = new Map(file.districts.map((d) => [d.id, d]));
  type Entry = { folded: string; alias: string; districts: District[] };
  const entries: Entry[] = [];
  for (const d of file.districts) {
    for (const alias of [d.id, d.name, ...d.aliases]) entries.push({ folded: foldDistrictText(alias), alias, districts: [d] });
  }
  for (const a of file.ambiguous) entries.push({ folded: foldDistrictText(a.alias), alias: a.alias, districts: a.districts.map((id) => byId.get(id)!) });

  return (text: string) => {
    const folded = foldDistrictText(text);
    let best: { entry: Entry; at: number } | undefined;
    for (const entry of entries) {
      if (entry.folded.trim() === '') continue;
      // Danish genitive ("Nørrebros klubber") counts too.
      let at = folded.indexOf(entry.folded);
      if (at < 0) at = folded.indexOf(`${entry.folded.trimEnd()}s `);
      if (at < 0) continue;
      if (!best || entry.folded.length > best.entry.folded.length || (entry.folded.length === best.entry.folded.length && at < best.at)) {
        best = { entry, at };
      }
    }
    if (!best) return undefined;
    const { districts, alias } = best.entry;
    return districts.length === 1 ? { kind: 'one', district: districts[0] } : { kind: 'ambiguous', alias, districts };
  };
}
