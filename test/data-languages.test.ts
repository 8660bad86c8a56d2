import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogError, displayName, inLanguage, loadCatalog } from '../src/catalog';
import { LANGUAGES, type Lang } from '../src/language/languages';
import { DATA_DIR } from '../src/paths';

/**
 * Every text in data/ reaches residents in their own language: an object that has any language key has all
 * nine, none is empty, and none is the English text copied in as a stand-in.
 */
interface Problem {
  file: string;
  where: string;
  problem: string;
}

const SCRIPT: Partial<Record<Lang, RegExp>> = { ar: /\p{Script=Arabic}/u, fa: /\p{Script=Arabic}/u, ur: /\p{Script=Arabic}/u, uk: /\p{Script=Cyrillic}/u };

function languageProblems(file: string, node: unknown, where = ''): Problem[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => languageProblems(file, item, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const out: Problem[] = [];
  if (LANGUAGES.some((l) => l in o)) {
    for (const lang of LANGUAGES) {
      const text = o[lang];
      if (typeof text !== 'string' || text.trim() === '') out.push({ file, where, problem: `missing "${lang}"` });
      else if (lang !== 'en' && typeof o.en === 'string' && text === o.en && lang !== 'da') out.push({ file, where, problem: `"${lang}" is the English text` });
      else if (SCRIPT[lang] && !SCRIPT[lang]!.test(text)) out.push({ file, where, problem: `"${lang}" is not written in its own script: ${text}` });
    }
  }
  for (const [k, v] of Object.entries(o)) {
    if (!(LANGUAGES as readonly string[]).includes(k)) out.push(...languageProblems(file, v, where ? `${where}.${k}` : k));
  }
  return out;
}

const dataFiles = fs.readdirSync(DATA_DIR).filter((f) => f.endsWith('.json'));

describe('every text in data/ is in all nine languages', () => {
  test.each(dataFiles)('%s', (file) => {
    const json = JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8'));
    expect(languageProblems(file, json)).toEqual([]);
  });

  test('the check itself notices a text with only Danish and English, and English stand-ins', () => {
    const problems = languageProblems('x.json', { items: [{ id: 'a', about: { da: 'hej', en: 'hello' } }, { label: Object.fromEntries(LANGUAGES.map((l) => [l, l === 'da' ? 'hej' : 'hello'])) }] });
    expect(problems.map((p) => `${p.where}: ${p.problem}`)).toEqual([
      ...LANGUAGES.filter((l) => l !== 'da' && l !== 'en').map((l) => `items[0].about: missing "${l}"`),
      ...LANGUAGES.filter((l) => l !== 'da' && l !== 'en').map((l) => `items[1].label: "${l}" is the English text`),
    ]);
  });
});

describe('a missing language stops start-up, naming the file, the entry, the field and the language', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const loadWith = (file: string, edit: (json: any) => void): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-lang-'));
    dirs.push(dir);
    for (const f of dataFiles) fs.copyFileSync(path.join(DATA_DIR, f), path.join(dir, f));
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    edit(json);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(json));
    try {
      loadCatalog(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogError);
      return (err as Error).message;
    }
    throw new Error('loaded');
  };

  test('a helpline explained in every language but Somali', () => {
    expect(loadWith('helplines.json', (j) => delete j.helplines[2].about.so)).toContain('data/helplines.json: helplines[2] ("Livslinien").about.so: missing the Somali ("so") text');
  });

  test('a club description with an empty Urdu text', () => {
    expect(loadWith('clubs.json', (j) => (j.clubs[0].description.ur = ' '))).toContain('data/clubs.json: clubs[0] ("Klubben Christianshavn").description.ur: the Urdu ("ur") text is empty');
  });

  test('a holiday name in a language the bot does not speak', () => {
    expect(loadWith('counselling.json', (j) => (j.closedDates[0].name.de = 'Heiligabend'))).toMatch(/data\/counselling\.json: closedDates\[0\] \("Juleaften"\)\.name: .*"de"/);
  });

  test('a district name given per language instead of one Danish name', () => {
    expect(loadWith('districts.json', (j) => (j.districts[0].name = { da: 'Indre By', en: 'Inner City' }))).toContain('data/districts.json: districts[0] ("Indre By").name: ');
  });
});

describe('inLanguage and displayName', () => {
  const catalog = loadCatalog(DATA_DIR);
  const livslinien = catalog.helpline('livslinien')!;

  test('a proper name keeps its Danish form and is explained in the resident’s language', () => {
    expect(displayName(livslinien, 'ar')).toBe('Livslinien (خط مساعدة لمنع الانتحار)');
    expect(displayName(livslinien, 'en')).toBe('Livslinien (suicide prevention helpline)');
    expect(displayName(catalog.complaintBody('ligebehandlingsnaevnet')!, 'pl')).toBe('Ligebehandlingsnævnet (Komisja ds. Równego Traktowania – rozpatruje skargi na dyskryminację)');
  });

  test('in Danish, and without an explanation, the bare name', () => {
    expect(displayName(livslinien, 'da')).toBe('Livslinien');
    expect(displayName(catalog.district('amager-ost'), 'so')).toBe('Amager Øst');
  });

  test('a descriptive label is said in the resident’s language, never in English', () => {
    const line = catalog.interpreting.requestLine;
    expect(displayName(line, 'ar')).toBe(inLanguage(line.name, 'ar'));
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) expect([lang, inLanguage(line.name, lang)]).not.toEqual([lang, line.name.en]);
  });
});
