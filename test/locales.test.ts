import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../src/catalog';
import { catalogI18nKeys } from '../src/catalog/i18nKeys';
import { readLocaleResources } from '../src/language/i18n';
import { LANGUAGES } from '../src/language/languages';
import { DATA_DIR, LOCALES_DIR, PROJECT_ROOT } from '../src/paths';

/** Every locale says everything: the same keys, the same placeholders, no empty text. */
const resources = readLocaleResources(LOCALES_DIR);

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, Array.isArray(v) ? JSON.stringify(v) : String(v));
  }
  return out;
}

// i18next picks plural forms per language (Arabic has six, Polish and Ukrainian four, English two): compare
// the keys without their plural suffix.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (keys: Iterable<string>) => [...new Set([...keys].map((k) => k.replace(PLURAL, '')))].sort();

const flat = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, Object.fromEntries(Object.entries(resources[lng]).map(([ns, r]) => [ns, flatten(r as Record<string, unknown>)]))]),
);
const namespaces = [...new Set(LANGUAGES.flatMap((l) => Object.keys(flat[l])))].sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  test.each(namespaces)('namespace "%s" has exactly the same keys in all nine languages', (ns) => {
    const reference = baseKeys((flat.en[ns] ?? flat.da[ns]).keys());
    for (const lng of LANGUAGES) {
      expect({ lng, keys: baseKeys(flat[lng][ns]?.keys() ?? []) }).toEqual({ lng, keys: reference });
    }
  });

  test.each(namespaces)('namespace "%s": no empty texts, and the same {{placeholders}} as English', (ns) => {
    for (const lng of LANGUAGES) {
      for (const [key, text] of flat[lng][ns] ?? []) {
        expect({ lng, key, empty: text.trim() === '' }).toEqual({ lng, key, empty: false });
        // A plural form may leave out {{count}} ("one month"); every other placeholder must be there.
        const base = key.replace(PLURAL, '');
        const en = flat.en[ns]?.get(key) ?? flat.en[ns]?.get(`${base}_other`) ?? flat.en[ns]?.get(base);
        if (en === undefined) continue;
        const vars = (t: string) => placeholders(t).filter((v) => !(PLURAL.test(key) && v === 'count'));
        expect({ lng, key, vars: vars(text) }).toEqual({ lng, key, vars: vars(en) });
      }
    }
  });

  test('every literal key the code uses exists', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, f.name);
        if (f.isDirectory()) walk(full);
        else if (f.name.endsWith('.ts')) files.push(full);
      }
    };
    walk(path.join(PROJECT_ROOT, 'src'));
    walk(path.join(PROJECT_ROOT, 'dialogs'));
    const missing: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      // t('ns:key'), and keys handed to prompts and buttons (`key: 'ns:key'`, `retryKey: 'ns:key'`).
      for (const m of source.matchAll(/(?:\bt\(\s*|\b(?:key|retryKey|promptKey)\s*:\s*)'([a-z]+):([\w.]+)'/gi)) {
        const [, ns, key] = m;
        if (!flat.en[ns]?.has(key) && ![...(flat.en[ns]?.keys() ?? [])].some((k) => k.startsWith(`${key}_`))) {
          missing.push(`${path.relative(PROJECT_ROOT, file)}: ${ns}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('every text the data files point at exists in every language', () => {
    const catalog = loadCatalog(DATA_DIR);
    const missing: string[] = [];
    for (const [ns, keys] of catalogI18nKeys(catalog)) {
      for (const key of keys) for (const lng of LANGUAGES) if (!flat[lng][ns]?.has(key)) missing.push(`${lng} ${ns}:${key}`);
    }
    expect(missing).toEqual([]);
  });
});
