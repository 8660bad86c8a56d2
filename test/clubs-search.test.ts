import { loadCatalog, searchClubs, type Catalog, type Club, type WeeklyHours } from '../src/catalog';
import { DATA_DIR } from '../src/paths';

const real = loadCatalog(DATA_DIR);
const utc = (iso: string) => new Date(iso);

function club(id: string, district: Club['district'], interests: Club['interests'], hours: WeeklyHours, ages: [number, number] = [13, 18]): Club {
  return {
    id,
    name: id,
    district,
    address: 'Testvej 1',
    contact: { isSample: true },
    minAge: ages[0],
    maxAge: ages[1],
    interests,
    hours,
    helpsWithLeisureJobs: false,
    offersFor18Plus: ages[1] >= 18,
    description: { da: 'x', en: 'x', ar: 'x', fa: 'x', pl: 'x', so: 'x', tr: 'x', uk: 'x', ur: 'x' },
  };
}

const weekdaysTill = (to: string): WeeklyHours => ({
  monday: [['14:00', to]],
  tuesday: [['14:00', to]],
  wednesday: [['14:00', to]],
  thursday: [['14:00', to]],
  friday: [['14:00', to]],
});

/** A small, fixed set of clubs so the ranking tests do not move when the city edits data/clubs.json. */
const fixture: Pick<Catalog, 'clubs' | 'districts'> = {
  districts: real.districts,
  clubs: [
    club('norrebro-football', 'norrebro', ['football', 'sport'], weekdaysTill('21:30')),
    club('norrebro-music', 'norrebro', ['music'], { ...weekdaysTill('21:30'), friday: [['18:00', '01:00']] }, [14, 24]),
    club('osterbro-sport', 'osterbro', ['sport'], weekdaysTill('21:30')),
    club('bispebjerg-football', 'bispebjerg', ['football'], weekdaysTill('20:00')),
    club('valby-football', 'valby', ['football'], weekdaysTill('21:30')),
    club('amager-kids', 'amager-ost', ['football'], weekdaysTill('17:30'), [10, 13]),
    club('sunday-club', 'valby', ['gaming'], { sunday: [['10:00', '16:00']] }),
  ],
};
const ids = (results: { club: Club }[]) => results.map((r) => r.club.id);

describe('searchClubs: who and where', () => {
  // Thursday 2026-11-26, 19:00 Copenhagen.
  const now = utc('2026-11-26T18:00:00Z');

  it('puts a football club in the asked district first, then neighbours, and leaves far districts out', () => {
    const results = searchClubs(fixture, { age: 15, district: 'norrebro', interests: ['football'] }, now);
    expect(ids(results)).toEqual(['norrebro-football', 'bispebjerg-football', 'osterbro-sport', 'norrebro-music']);
    expect(results[0].reasons).toEqual(expect.arrayContaining([{ kind: 'district' }, { kind: 'interest', interest: 'football' }, { kind: 'age' }]));
    expect(results[1].reasons).toContainEqual({ kind: 'neighbouring_district', district: 'bispebjerg' });
    expect(results[2].reasons).toContainEqual({ kind: 'related_interest', asked: 'football', interest: 'sport' });
  });

  it('never offers a club whose age range does not fit', () => {
    expect(ids(searchClubs(fixture, { age: 12, district: 'amager-ost' }, now))).toEqual(['amager-kids']);
    expect(ids(searchClubs(fixture, { age: 20 }, now))).toEqual(['norrebro-music']);
  });

  it('fills up from other districts when too few clubs are nearby, marked as such', () => {
    const results = searchClubs(fixture, { age: 15, district: 'valby', interests: ['football'] }, now);
    expect(results[0].club.id).toBe('valby-football');
    expect(results.slice(1).some((r) => r.reasons.some((x) => x.kind === 'other_district'))).toBe(true);
  });

  it('respects the limit', () => {
    expect(searchClubs(fixture, {}, now, ).length).toBe(5);
    expect(searchClubs(fixture, { limit: 3 }, now).length).toBe(3);
  });
});

describe('searchClubs: open now, at any hour (injected clock)', () => {
  const query = { district: 'norrebro' as const, age: 16, when: { kind: 'now' as const } };
  const openOf = (now: Date, id: string) => searchClubs(fixture, { ...query, limit: 10 }, now).find((r) => r.club.id === id)!;

  it('before opening: closed, with the opening time', () => {
    const r = openOf(utc('2026-11-26T12:59:00Z'), 'norrebro-football'); // Thu 13:59
    expect(r.open).toBe(false);
    expect(r.nextOpening?.toISOString()).toBe('2026-11-26T13:00:00.000Z');
    expect(r.hoursThatDay).toEqual([['14:00', '21:30']]);
  });

  it('just inside: open', () => {
    expect(openOf(utc('2026-11-26T13:00:00Z'), 'norrebro-football').open).toBe(true); // Thu 14:00
    expect(openOf(utc('2026-11-26T20:29:00Z'), 'norrebro-football').open).toBe(true); // Thu 21:29
  });

  it('just after closing: closed, next opening tomorrow', () => {
    const r = openOf(utc('2026-11-26T20:30:00Z'), 'norrebro-football'); // Thu 21:30
    expect(r.open).toBe(false);
    expect(r.nextOpening?.toISOString()).toBe('2026-11-27T13:00:00.000Z');
  });

  it('after midnight on a Friday range that runs to 01:00: open, and shows Saturday as the day', () => {
    const r = openOf(utc('2026-11-27T23:30:00Z'), 'norrebro-music'); // Sat 00:30
    expect(r.open).toBe(true);
    expect(r.hoursThatDay).toEqual([]);
    expect(openOf(utc('2026-11-28T00:00:00Z'), 'norrebro-music').open).toBe(false); // Sat 01:00
  });

  it('open clubs rank above closed ones when the resident asks about now', () => {
    const results = searchClubs(fixture, { district: 'norrebro', age: 16, when: { kind: 'now' } }, utc('2026-11-27T23:30:00Z'));
    expect(results[0].club.id).toBe('norrebro-music');
    expect(searchClubs(fixture, { district: 'norrebro', age: 16, when: { kind: 'now' }, onlyOpen: true }, utc('2026-11-27T23:30:00Z')).map((r) => r.club.id)).toEqual(['norrebro-music']);
  });

  it('on the day the clocks go forward, "now" uses summer time', () => {
    const sunday = (now: Date) => searchClubs(fixture, { district: 'valby', when: { kind: 'now' }, limit: 10 }, now).find((r) => r.club.id === 'sunday-club')!;
    expect(sunday(utc('2026-03-29T08:00:00Z')).open).toBe(true); // 10:00 CEST
    expect(sunday(utc('2026-03-29T07:59:00Z')).open).toBe(false); // 09:59 CEST
    expect(sunday(utc('2026-03-29T14:30:00Z')).open).toBe(false); // 16:30 CEST (15:30 in winter time)
  });
});

describe('searchClubs: a given day or evening', () => {
  const now = utc('2026-11-26T10:00:00Z');

  it('"Saturday" counts clubs with hours starting on Saturday, not Friday night spilling over', () => {
    const saturday = utc('2026-11-28T11:00:00Z');
    const results = searchClubs(fixture, { district: 'norrebro', when: { kind: 'day', date: saturday }, limit: 10 }, now);
    expect(results.every((r) => r.open === false)).toBe(true);
    const music = results.find((r) => r.club.id === 'norrebro-music')!;
    expect(music.nextOpening?.toISOString()).toBe('2026-11-30T13:00:00.000Z');
  });

  it('"tonight" finds clubs open some time in the evening', () => {
    const results = searchClubs(fixture, { district: 'norrebro', age: 15, when: { kind: 'evening', date: now } }, now);
    expect(results.filter((r) => r.open).map((r) => r.club.id)).toEqual(expect.arrayContaining(['norrebro-football', 'norrebro-music']));
    const sundayEvening = searchClubs(fixture, { district: 'valby', when: { kind: 'evening', date: utc('2026-11-29T12:00:00Z') }, limit: 10 }, now);
    expect(sundayEvening.find((r) => r.club.id === 'sunday-club')?.open).toBe(false);
  });
});

describe('searchClubs on the shipped sample data', () => {
  it('answers "anything open tonight near Nørrebro for a 15-year-old who likes football"', () => {
    const thursdayNoon = utc('2026-11-26T11:00:00Z');
    const results = searchClubs(real, { age: 15, district: 'norrebro', interests: ['football'], when: { kind: 'evening', date: thursdayNoon } }, thursdayNoon);
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results[0].club.district).toBe('norrebro');
    expect(results[0].club.interests).toContain('football');
    expect(results[0].open).toBe(true);
    for (const r of results) expect(15).toBeGreaterThanOrEqual(r.club.minAge);
  });
});
