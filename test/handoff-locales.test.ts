import * as fs from 'node:fs';
import * as path from 'node:path';
import { CANNED_KEYS } from '../src/handoff/canned';
import { STAFF_ROLES } from '../src/handoff/types';
import { LANGUAGES, RTL_LANGUAGES } from '../src/language/languages';

/** What the bot says about the handoff, and the canned staff replies, exist in all nine languages alike. */
const LOCALES = path.join(__dirname, '..', 'locales');
const read = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8'));

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe.each(['handoff', 'canned'])('locales/<lng>/%s.json', (ns) => {
  const english = flatten(read('en', ns));

  test.each([...LANGUAGES])('%s has the same keys and placeholders as English, none empty', (lang) => {
    const strings = flatten(read(lang, ns));
    expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(strings)) {
      expect([key, text.trim().length > 0]).toEqual([key, true]);
      expect([key, placeholders(text)]).toEqual([key, placeholders(english[key])]);
      if (RTL_LANGUAGES.has(lang) && !/^(cancelWords)$/.test(key)) expect([key, /[\u0600-\u06FF]/.test(text)]).toEqual([key, true]);
    }
    if (lang !== 'en') {
      // Translated, not copied: at most the odd loanword is the same as in English.
      const same = Object.keys(strings).filter((k) => strings[k] === english[k]);
      expect(same.length).toBeLessThanOrEqual(1);
    }
  });
});

test('the canned replies and staff roles the code knows are the ones in the files', () => {
  expect(Object.keys(read('da', 'canned')).sort()).toEqual([...CANNED_KEYS].sort());
  expect(Object.keys(read('da', 'handoff').roles).sort()).toEqual([...STAFF_ROLES].sort());
});
