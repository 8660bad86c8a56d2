import { COMPLAINT_AREAS, COMPLAINT_GROUNDS, loadCatalog } from '../src/catalog';
import { DATA_DIR } from '../src/paths';

const catalog = loadCatalog(DATA_DIR);
const pick = (area: Parameters<typeof catalog.pickComplaintBody>[0], ground: Parameters<typeof catalog.pickComplaintBody>[1]) => {
  const p = catalog.pickComplaintBody(area, ground);
  return { primary: p.primary?.id, alternatives: p.alternatives.map((b) => b.id), advice: p.advice.map((b) => b.id) };
};

describe('pickComplaintBody', () => {
  it('ethnic discrimination at work or in shops and nightlife goes to the Board of Equal Treatment', () => {
    expect(pick('work', 'ethnic_origin').primary).toBe('ligebehandlingsnaevnet');
    expect(pick('nightlife_shops', 'ethnic_origin').primary).toBe('ligebehandlingsnaevnet');
    expect(pick('housing', 'skin_colour').primary).toBe('ligebehandlingsnaevnet');
  });

  it('religion, age and sexual orientation go to the Board at work only', () => {
    for (const ground of ['religion', 'age', 'sexual_orientation'] as const) {
      expect(pick('work', ground).primary).toBe('ligebehandlingsnaevnet');
      expect(pick('housing', ground).primary).toBeUndefined();
      expect(pick('housing', ground).alternatives).not.toContain('ligebehandlingsnaevnet');
    }
  });

  it('gender and disability go to the Board outside work too', () => {
    expect(pick('education', 'gender').primary).toBe('ligebehandlingsnaevnet');
    expect(pick('health', 'disability').primary).toBe('ligebehandlingsnaevnet');
  });

  it('refusal at a door for religion or sexual orientation is a matter for the police', () => {
    const p = catalog.pickComplaintBody('nightlife_shops', 'religion');
    expect(p.primary?.id).toBe('politiet-anmeldelse');
    expect(p.primary?.kind).toBe('report');
    expect(pick('nightlife_shops', 'ethnic_origin').alternatives).toContain('politiet-anmeldelse');
  });

  it('the police go to the Independent Police Complaints Authority, with its six-month deadline', () => {
    const p = catalog.pickComplaintBody('police', 'ethnic_origin');
    expect(p.primary?.id).toBe('politiklagemyndigheden');
    expect(p.primary?.deadlineMonths).toBe(6);
  });

  it("the municipality's own conduct goes to the Citizens' Advisor, with the Board and the Ombudsman as alternatives", () => {
    const p = pick('municipality', 'ethnic_origin');
    expect(p.primary).toBe('borgerraadgiveren-kk');
    expect(p.alternatives).toEqual(expect.arrayContaining(['ligebehandlingsnaevnet', 'ombudsmanden']));
    expect(pick('municipality', 'age').alternatives).not.toContain('ligebehandlingsnaevnet');
  });

  it('always offers the Danish Institute for Human Rights as advice, never as the place to complain', () => {
    for (const area of COMPLAINT_AREAS) {
      for (const ground of COMPLAINT_GROUNDS) {
        const p = pick(area, ground);
        expect(p.advice).toContain('institut-for-menneskerettigheder');
        expect(p.primary).not.toBe('institut-for-menneskerettigheder');
        expect(new Set([p.primary, ...p.alternatives, ...p.advice].filter(Boolean)).size).toBe([p.primary, ...p.alternatives, ...p.advice].filter(Boolean).length);
      }
    }
  });

  it('gives deadlines only with the moment they count from, and none for the Board', () => {
    for (const body of catalog.complaintBodies) {
      if (body.deadlineMonths !== null) expect(body.deadlineFromKey).toBeTruthy();
    }
    expect(catalog.complaintBody('ligebehandlingsnaevnet')?.deadlineMonths).toBeNull();
    expect(catalog.complaintBody('ligebehandlingsnaevnet')?.free).toBe(true);
  });
});
