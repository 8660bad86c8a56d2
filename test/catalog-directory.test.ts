import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogError, DIRECTORY_TOPICS, DISTRICT_IDS, REPORT_CATEGORIES, displayName, inLanguage, loadCatalog } from '../src/catalog';
import { DATA_DIR } from '../src/paths';

/** The directory, the area facts and the reporting desk (data/directory.json, area-facts.json, reporting.json). */

const catalog = loadCatalog(DATA_DIR);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function copyWith(file: string, edit: (json: any) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-directory-'));
  dirs.push(dir);
  for (const f of fs.readdirSync(DATA_DIR)) if (f.endsWith('.json')) fs.copyFileSync(path.join(DATA_DIR, f), path.join(dir, f));
  const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  edit(json);
  fs.writeFileSync(path.join(dir, file), JSON.stringify(json));
  return dir;
}
function loadError(file: string, edit: (json: any) => void): string {
  try {
    loadCatalog(copyWith(file, edit));
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return (err as Error).message;
  }
  throw new Error('loadCatalog accepted a broken data directory');
}

describe('the shipped directory', () => {
  test('has at least two entries for every topic, each with a way to reach it', () => {
    for (const topic of DIRECTORY_TOPICS) {
      const entries = catalog.directory.filter((e) => e.topic === topic);
      expect([topic, entries.length >= 2]).toEqual([topic, true]);
      for (const e of entries) expect([e.id, Boolean(e.contact.phone || e.contact.website)]).toEqual([e.id, true]);
    }
  });

  test('gives no phone number anywhere in data/ that we are not sure of', () => {
    const known = new Set(['112', '114', '1888', '70 201 201', '116 111', '1813', '82 12 12 12']);
    const phones: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) k === 'phone' && typeof v === 'string' ? phones.push(v) : walk(v);
    };
    for (const f of fs.readdirSync(DATA_DIR).filter((x) => x.endsWith('.json'))) walk(JSON.parse(fs.readFileSync(path.join(DATA_DIR, f), 'utf8')));
    expect(phones.length).toBeGreaterThan(5);
    expect(phones.filter((p) => !known.has(p))).toEqual([]);
  });

  test('directoryFor: the topic, and only offers for the resident’s age', () => {
    expect(catalog.directoryFor('legal_aid').map((e) => e.topic)).toEqual(expect.arrayContaining(['legal_aid']));
    expect(new Set(catalog.directoryFor('legal_aid').map((e) => e.topic))).toEqual(new Set(['legal_aid']));
    expect(catalog.directoryFor('leisure_jobs', { age: 15 }).map((e) => e.id)).toEqual(['kk-fritidsjob']);
    expect(catalog.directoryFor('leisure_jobs', { age: 19 }).map((e) => e.id)).toEqual(['jobcenter-kobenhavn']);
    expect(catalog.directoryFor('after_prison', { age: 19 }).length).toBeGreaterThanOrEqual(2);
  });

  test('directoryFor: a local offer comes first in its own district and not at all elsewhere', () => {
    const local = {
      id: 'lektiecafe-norrebro',
      topic: 'danish_society',
      name: 'Lektiecaféen på Nørrebro',
      about: Object.fromEntries(['da', 'en', 'ar', 'fa', 'pl', 'so', 'tr', 'uk', 'ur'].map((l) => [l, `lokal ${l}`])),
      contact: { website: 'https://www.kk.dk' },
      districts: ['norrebro'],
      isSample: true,
    };
    const c = loadCatalog(copyWith('directory.json', (j) => j.entries.push(local)));
    expect(c.directoryFor('danish_society', { district: 'norrebro' })[0].id).toBe('lektiecafe-norrebro');
    expect(c.directoryFor('danish_society', { district: 'valby' }).map((e) => e.id)).not.toContain('lektiecafe-norrebro');
    expect(c.directoryFor('danish_society').map((e) => e.id)).not.toContain('lektiecafe-norrebro');
  });
});

describe('the shipped area facts', () => {
  test('every district has its figures, each with a source and a date, next to the city average', () => {
    for (const id of DISTRICT_IDS) {
      const f = catalog.areaFacts(id);
      expect(f.feelSafePercent.value).toBeGreaterThan(0);
      expect(f.feelSafePercent.value).toBeLessThanOrEqual(100);
      for (const figure of [f.feelSafePercent, f.incidentsPer1000, f.trend]) {
        expect(figure.source.url).toMatch(/^https:\/\//);
        expect(figure.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(['down', 'flat', 'up']).toContain(f.trend.direction);
      expect(f.cityAverage).toBe(catalog.cityAverage);
      expect(f.officialUpdates.map((u) => u.website)).toContain('https://politi.dk');
      expect(f.initiatives.map((i) => i.kind)).toEqual(expect.arrayContaining(['night_walkers', 'ssp']));
    }
    // Sample figures until the city gives its own: the dialog must be able to say so.
    expect(catalog.areaFacts('norrebro').isSample).toBe(true);
  });

  test('the housing social team is the one in data/mediation.json, named in the resident’s language', () => {
    const team = catalog.areaFacts('bronshoj-husum').initiatives.find((i) => i.kind === 'housing_social')!;
    expect(team.contact.email).toBe('boligsocial-tingbjerg@example.org');
    expect(displayName(team, 'da')).toBe('Boligsocialt team Tingbjerg-Husum (eksempel)');
    expect(displayName(team, 'so')).toBe('Kooxda shaqaalaha bulshada ee guryaha Tingbjerg-Husum (tusaale)');
    expect(inLanguage(team.about, 'ar')).toMatch(/\p{Script=Arabic}/u);
    expect(catalog.areaFacts('osterbro').initiatives.some((i) => i.kind === 'housing_social')).toBe(false);
  });
});

describe('the shipped reporting desk', () => {
  test('every category in button order, with who follows it up and how to reach them', () => {
    expect(catalog.reporting.categories.map((c) => c.id)).toEqual([...REPORT_CATEGORIES]);
    const dealing = catalog.reporting.category('dealing');
    expect(dealing.mayBeCrime).toBe(true);
    expect(dealing.followUps[0]).toMatchObject({ id: 'politiet', contact: { phone: '114' } });
    expect(catalog.reporting.category('lighting').followUps.map((f) => f.id)).toEqual(['giv-et-praj', 'udlejer']);
    expect(inLanguage(catalog.reporting.category('youth_at_risk').label, 'uk')).toBe('Молода людина, яка, схоже, у небезпеці');
    expect(catalog.reporting.retention).toBe('requests');
    expect(catalog.reporting.anonymousAllowed).toBe(true);
  });
});

describe('a bad directory, area or reporting file stops start-up and says where', () => {
  test('a directory entry nobody can reach', () => {
    expect(loadError('directory.json', (j) => (j.entries[1].contact = { email: 'x@example.org' }))).toContain(
      'data/directory.json: entries[1] ("KVUC").contact: give a phone number or a website, so the resident can reach it',
    );
  });

  test('a topic that does not exist, and a topic left without a city-wide entry', () => {
    expect(loadError('directory.json', (j) => (j.entries[0].topic = 'weather'))).toMatch(/entries\[0\] \("Danskuddannelse i Københavns Kommune"\)\.topic: /);
    const message = loadError('directory.json', (j) => (j.entries = j.entries.filter((e: any) => e.topic !== 'tenants_advice')));
    expect(message).toContain('data/directory.json: entries: no city-wide entry (without "districts") for topic "tenants_advice"');
  });

  test('a district without facts, and a figure without its source', () => {
    expect(loadError('area-facts.json', (j) => (j.districts = j.districts.filter((d: any) => d.district !== 'valby')))).toContain(
      'data/area-facts.json: districts: missing an entry with id "valby"',
    );
    expect(loadError('area-facts.json', (j) => delete j.districts[2].incidentsPer1000.source)).toMatch(/data\/area-facts\.json: districts\[2\] \("norrebro"\)\.incidentsPer1000\.source: /);
    expect(loadError('area-facts.json', (j) => (j.districts[0].feelSafePercent.value = 140))).toMatch(/districts\[0\] \("indre-by"\)\.feelSafePercent\.value: /);
  });

  test('an initiative pointing at another district’s housing social team', () => {
    const message = loadError('area-facts.json', (j) => {
      const norrebro = j.districts.find((d: any) => d.district === 'norrebro');
      norrebro.initiatives.find((i: any) => i.kind === 'housing_social').housingSocialTeam = 'boligsocial-valby';
    });
    expect(message).toContain('("boligsocial-norrebro").housingSocialTeam: "boligsocial-valby" works in "valby", not in "norrebro"');
  });

  test('a report category whose follow-up does not exist', () => {
    expect(loadError('reporting.json', (j) => (j.categories[0].followUps = ['politiet', 'nobody']))).toContain(
      'data/reporting.json: categories[0] ("dealing").followUps[1]: "nobody" is not an id in followUps',
    );
  });
});
