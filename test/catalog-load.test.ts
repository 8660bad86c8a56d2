import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogError, DANGER_KINDS, DATA_FILES, loadCatalog, type Catalog, type DangerKind } from '../src/catalog';
import { DATA_DIR } from '../src/paths';
import { LANGUAGES } from '../src/language/languages';

/** A temp copy of data/ with one file edited, so each test breaks exactly one thing. */
function brokenCopy(fileName: string, edit: (json: any) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-catalog-'));
  for (const f of fs.readdirSync(DATA_DIR)) {
    if (f.endsWith('.json')) fs.copyFileSync(path.join(DATA_DIR, f), path.join(dir, f));
  }
  const full = path.join(dir, fileName);
  const json = JSON.parse(fs.readFileSync(full, 'utf8'));
  edit(json);
  fs.writeFileSync(full, JSON.stringify(json, null, 2));
  return dir;
}

function loadError(dir: string): CatalogError {
  try {
    loadCatalog(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return err as CatalogError;
  }
  throw new Error('loadCatalog accepted a broken data directory');
}

const tempDirs: string[] = [];
const broken = (fileName: string, edit: (json: any) => void) => {
  const dir = brokenCopy(fileName, edit);
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the shipped data', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = loadCatalog(DATA_DIR);
  });

  it('loads, and every file says it is sample data', () => {
    for (const file of Object.values(DATA_FILES)) {
      const json = JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8'));
      expect(json.sample).toMatch(/SAMPLE/);
    }
  });

  it('has the emergency numbers right and only the helpline numbers we are sure of', () => {
    expect(catalog.helplines.emergency.phone).toBe('112');
    expect(catalog.helplines.policeNonUrgent.phone).toBe('114');
    const phones = new Map(catalog.helplines.helplines.filter((h) => h.phone).map((h) => [h.id, h.phone]));
    expect(Object.fromEntries(phones)).toEqual({
      'lev-uden-vold': '1888',
      'lev-uden-vold-aere': '1888',
      livslinien: '70 201 201',
      'akuttelefonen-1813': '1813',
      bornetelefonen: '116 111',
      giftlinjen: '82 12 12 12',
    });
  });

  it('has a helpline for every danger category the safety screen can raise', () => {
    for (const category of ['domestic_violence', 'self_harm_suicide', 'children_young_people', 'honour_forced_marriage', 'gang_exit', 'radicalisation'] as const) {
      expect(catalog.helplineFor(category)?.website).toMatch(/^https:\/\//);
    }
    expect(catalog.helplineFor('self_harm_suicide')?.phone).toBe('70 201 201');
  });

  it('gives each kind of danger its own lines, and a crisis of unknown kind only lines that fit any crisis', () => {
    const ids = (kind: DangerKind) => catalog.helplinesForDanger(kind).map((h) => h.id);
    for (const kind of DANGER_KINDS) expect([kind, catalog.helplinesForDanger(kind).length > 0]).toEqual([kind, true]);
    expect(ids('self_harm')).toEqual(['livslinien']);
    expect(ids('domestic_violence')[0]).toBe('lev-uden-vold');
    expect(ids('honour')).toEqual(['lev-uden-vold-aere', 'lokk-aere']);
    expect(ids('child')[0]).toBe('bornetelefonen');
    expect(ids('medical')).toEqual(['akuttelefonen-1813', 'giftlinjen']);
    expect(ids('unknown')).toEqual(['police-non-urgent']);
    // The police's non-urgent line is addressable like any other.
    expect(catalog.helpline('police-non-urgent')?.phone).toBe('114');
    expect(catalog.helplinesForDanger('gang').map((h) => h.phone)).toContain('114');
  });

  it('offers interpreting in every language the bot speaks besides Danish, and explains each setting', () => {
    for (const lang of LANGUAGES.filter((l) => l !== 'da')) expect(catalog.interpreting.languagesOffered).toContain(lang);
    expect(catalog.interpretingSetting('health').bookedBy).toEqual(['health_service']);
    expect(catalog.interpretingSetting('school').bookedBy).toEqual(['school']);
    expect(catalog.interpretingSetting('municipality').bookedBy).toEqual(['municipality']);
    expect(catalog.interpretingSetting('health').cost).toBe('fee_possible');
    expect(catalog.interpreting.requestLine.isSample).toBe(true);
  });

  it('has at least 28 clubs, spread over all ten districts', () => {
    expect(catalog.clubs.length).toBeGreaterThanOrEqual(28);
    const districts = new Set(catalog.clubs.map((c) => c.district));
    expect(districts.size).toBe(10);
  });

  it('gives practical steps for every conflict topic and staffed hours for every service', () => {
    for (const topic of ['noise', 'rubbish', 'children', 'parking', 'smells', 'harassment', 'pets', 'other'] as const) {
      expect(catalog.mediationTopic(topic).stepKeys.length).toBeGreaterThan(0);
    }
    expect(catalog.mediationTopic('harassment').mayInvolvePolice).toBe(true);
    for (const service of ['interpreter', 'mediation', 'discrimination', 'clubs', 'counsellor'] as const) {
      expect(Object.keys(catalog.counsellingHours(service)).length).toBeGreaterThan(0);
    }
  });
});

describe('a bad data file stops start-up and names the file, the entry and the field', () => {
  it('a club with a time that is not a time', () => {
    const dir = broken('clubs.json', (j) => {
      j.clubs[3].hours.monday = [['14:00', '25:00']];
    });
    const err = loadError(dir);
    expect(err.message).toContain('data/clubs.json');
    expect(err.message).toContain('clubs[3] ("Østerbro Ungdomsklub")');
    expect(err.message).toContain('.hours.monday[0][1]');
  });

  it('a club with an unknown district', () => {
    const err = loadError(broken('clubs.json', (j) => (j.clubs[0].district = 'frederiksberg')));
    expect(err.message).toMatch(/data\/clubs\.json: clubs\[0\] \("Klubben Christianshavn"\)\.district: /);
  });

  it('a club whose minimum age is above its maximum', () => {
    const err = loadError(broken('clubs.json', (j) => (j.clubs[1].minAge = 30)));
    expect(err.message).toContain('clubs[1] ("Fritidscenter Sølvgade").maxAge: minAge must not be above maxAge');
  });

  it('a helpline phone number that is not a phone number', () => {
    const err = loadError(broken('helplines.json', (j) => (j.helplines[2].phone = 'call us')));
    expect(err.message).toContain('data/helplines.json: helplines[2] ("Livslinien").phone');
  });

  it('a website that is not https, and a weekday that is not a weekday', () => {
    expect(loadError(broken('helplines.json', (j) => (j.helplines[0].website = 'http://levudenvold.dk'))).message).toContain(
      'data/helplines.json: helplines[0] ("Lev Uden Vold").website: expected an https:// address',
    );
    expect(loadError(broken('clubs.json', (j) => (j.clubs[0].hours.mandag = [['14:00', '17:00']]))).message).toMatch(/clubs\[0\] \("Klubben Christianshavn"\)\.hours: .*mandag/);
  });

  it('a misspelt field (a typo must not silently drop a fact)', () => {
    const err = loadError(broken('complaint-bodies.json', (j) => (j.bodies[1].webiste = 'https://example.org')));
    expect(err.message).toContain('data/complaint-bodies.json: bodies[1] ("Den Uafhængige Politiklagemyndighed")');
    expect(err.message).toContain('webiste');
  });

  it('a deadline without saying from when it counts', () => {
    const err = loadError(broken('complaint-bodies.json', (j) => (j.bodies[0].deadlineMonths = 12)));
    expect(err.message).toContain('bodies[0] ("Ligebehandlingsnævnet").deadlineFromKey');
  });

  it('a danger kind pointing at a helpline that does not exist, or left out', () => {
    expect(loadError(broken('helplines.json', (j) => (j.byDangerKind.gang = ['exit-bander', 'no-such-line']))).message).toContain(
      'data/helplines.json: byDangerKind.gang[1]: "no-such-line" is not the id of policeNonUrgent or of an entry in helplines',
    );
    expect(loadError(broken('helplines.json', (j) => delete j.byDangerKind.child)).message).toContain('data/helplines.json: byDangerKind.child: ');
    expect(loadError(broken('helplines.json', (j) => (j.byDangerKind.self_harm = []))).message).toContain('data/helplines.json: byDangerKind.self_harm: ');
  });

  it('a missing interpreting setting', () => {
    const err = loadError(broken('interpreting.json', (j) => (j.settings = j.settings.filter((s: any) => s.id !== 'school'))));
    expect(err.message).toContain('data/interpreting.json: settings: missing an entry with id "school"');
  });

  it('two clubs with the same id', () => {
    const err = loadError(broken('clubs.json', (j) => (j.clubs[5].id = j.clubs[4].id)));
    expect(err.message).toContain(`data/clubs.json: clubs[5] ("${'klub-nordhavn'}").id: duplicate id`);
  });

  it('a neighbour that does not list the district back', () => {
    const err = loadError(broken('districts.json', (j) => (j.districts[0].neighbours = [...j.districts[0].neighbours, 'valby'])));
    expect(err.message).toContain('data/districts.json: districts[0] ("indre-by").neighbours[5]: "valby" does not list "indre-by" back');
  });

  it('a mediation route pointing at an offer that does not exist', () => {
    const err = loadError(broken('mediation.json', (j) => (j.housingRoutes[1].firstContacts = ['no-such-offer'])));
    expect(err.message).toContain('data/mediation.json: housingRoutes[1] ("private_rental").firstContacts[0]: "no-such-offer"');
  });

  it('a file that is not JSON, or is missing', () => {
    const dir = broken('counselling.json', () => undefined);
    fs.writeFileSync(path.join(dir, 'counselling.json'), '{ "sample": ');
    expect(loadError(dir).message).toMatch(/^data\/counselling\.json: not valid JSON/);
    fs.rmSync(path.join(dir, 'counselling.json'));
    expect(loadError(dir).message).toBe('data/counselling.json: file not found');
  });
});
