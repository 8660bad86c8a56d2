import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileTerms, firstTermAt } from '../dialogs/clubs';
import { normalizeText } from '../src/language/normalize';
import { LOCALES_DIR } from '../src/paths';

const load = (l: string, f: string) => JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, l, f), 'utf8'));
test('labels vs word lists', () => {
  const out: string[] = [];
  for (const lang of ['pl', 'uk', 'so']) {
    const c = load(lang, 'clubs.json');
    const d = load(lang, 'discrimination.json');
    const cw = load(lang, 'training/clubs.json');
    const dw = load(lang, 'training/discrimination.json');
    const lists: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(cw.interests)) lists[`interest.${k}`] = v as string[];
    lists.noPreference = cw.noPreference; lists.girl = cw.girl; lists.anywhere = cw.anywhere;
    for (const [k, v] of Object.entries(cw.when)) lists[`when.${k}`] = v as string[];
    const dl: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(dw.areas)) dl[`area.${k}`] = v as string[];
    for (const [k, v] of Object.entries(dw.grounds)) dl[`ground.${k}`] = v as string[];
    const hits = (label: string, table: Record<string, string[]>) =>
      Object.entries(table).filter(([, l]) => firstTermAt(normalizeText(label), compileTerms(l)) >= 0).map(([k]) => k);
    const clubLabels: [string, string][] = [
      ...Object.entries(c.interest).map(([k, v]) => [`interest.${k}`, v as string] as [string, string]),
      ['anywhere', c.anywhere], ['anything', c.anything],
      ...Object.entries(c.whenButton).map(([k, v]) => [`whenButton.${k}`, v as string] as [string, string]),
      ...Object.entries(c.ageBand).map(([k, v]) => [`ageBand.${k}`, v as string] as [string, string]),
    ];
    for (const [k, v] of clubLabels) out.push(`${lang} clubs:${k}\t${v}\t→ ${hits(v, lists).join(', ') || '-'}`);
    const discLabels: [string, string][] = [
      ...Object.entries(d.area).map(([k, v]) => [`area.${k}`, v as string] as [string, string]),
      ...Object.entries(d.ground).map(([k, v]) => [`ground.${k}`, v as string] as [string, string]),
    ];
    for (const [k, v] of discLabels) out.push(`${lang} disc:${k}\t${v}\t→ ${hits(v, dl).join(', ') || '-'}`);
  }
  console.log(out.join('\n'));
});
