import { loadCatalog } from '../src/catalog';
import { DATA_DIR } from '../src/paths';

const catalog = loadCatalog(DATA_DIR);
const idOf = (text: string) => catalog.findDistrict(text)?.id;

describe('findDistrict: the spellings residents use', () => {
  it.each([
    ['Er der noget på Nørrebro?', 'norrebro'],
    ['norrebro', 'norrebro'],
    ['anything near noerrebro tonight', 'norrebro'],
    ['NØRREBRO', 'norrebro'],
    ['jeg bor i nordvest', 'bispebjerg'],
    ['vi bor i NV', 'bispebjerg'],
    ['Sydhavnen', 'vesterbro-kongens-enghave'],
    ['ø-bro', 'osterbro'],
    ['Østerbro', 'osterbro'],
    ['oesterbro', 'osterbro'],
    ['Vanløse', 'vanlose'],
    ['vanlose', 'vanlose'],
    ['Brønshøj', 'bronshoj-husum'],
    ['tingbjerg', 'bronshoj-husum'],
    ['amager øst', 'amager-ost'],
    ['Amager Vest', 'amager-vest'],
    ['islands brygge', 'amager-vest'],
    ['Christianshavn', 'indre-by'],
    ['Nørrebros klubber', 'norrebro'],
    ['أسكن في نوربرو', 'norrebro'],
    ['Я живу в Нерребро', 'norrebro'],
    ['mieszkam w Valby', 'valby'],
  ])('%s -> %s', (text, id) => {
    expect(idOf(text)).toBe(id);
  });

  it('does not find a district in words that merely contain one', () => {
    expect(idOf('I love envy')).toBeUndefined(); // "nv" only as a whole word
    expect(idOf('hvad er klokken')).toBeUndefined();
    expect(idOf('')).toBeUndefined();
  });

  it('"amager" alone is ambiguous: findDistrict gives nothing, matchDistrict gives both to choose from', () => {
    expect(catalog.findDistrict('på Amager')).toBeUndefined();
    const m = catalog.matchDistrict('på Amager');
    expect(m?.kind).toBe('ambiguous');
    expect(m?.kind === 'ambiguous' && m.districts.map((d) => d.id).sort()).toEqual(['amager-ost', 'amager-vest']);
  });

  it('the longer name wins: "amager vest" is not ambiguous', () => {
    expect(catalog.matchDistrict('jeg bor på amager vest')).toMatchObject({ kind: 'one', district: { id: 'amager-vest' } });
  });

  it('every district has its Danish name, and neighbours both ways', () => {
    for (const d of catalog.districts) {
      expect(d.name).toBeTruthy();
      for (const n of d.neighbours) expect(catalog.district(n).neighbours).toContain(d.id);
    }
  });
});
