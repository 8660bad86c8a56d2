import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageDetector, resolveTurnLanguage } from '../src/language/detect';
import { LOCALES_DIR } from '../src/paths';

const det = LanguageDetector.create(LOCALES_DIR);
const load = (l: string, ns: string) => JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, l, `${ns}.json`), 'utf8'));
const extra = (process.env.CANDIDATES ?? '').split('|').filter(Boolean);
test('labels keep the language', () => {
  const out: string[] = [];
  for (const lang of ['pl', 'uk', 'so'] as const) {
    const c = load(lang, 'clubs');
    const d = load(lang, 'discrimination');
    const labels = [
      ...Object.values(c.ageBand), c.anywhere, c.anything, ...Object.values(c.interest), ...Object.values(c.whenButton),
      ...Object.values(d.area), ...Object.values(d.when), ...Object.values(d.ground), d.consent.yes, d.consent.no, d.human.yes, d.human.no,
      ...extra,
    ] as string[];
    for (const label of labels) {
      const guess = (det as any).detect(label);
      const r = resolveTurnLanguage({ guess, previous: lang });
      const line = `${lang}\t${r.lang === lang ? 'ok ' : 'FLIP'}\t${label}\t→ ${guess?.lang} ${guess?.confidence} (${guess?.wordCount}w)`;
      if (r.lang !== lang || process.env.ALL) out.push(line);
    }
  }
  console.log(out.join('\n'));
});
