import type { ComplaintArea, ComplaintBodiesFile, ComplaintBody, ComplaintBodyPick, ComplaintGround } from './types';

/**
 * Which body handles discrimination on `ground` in `area`. The matrix lives in
 * data/complaint-bodies.json (reasoning in data/README.md). The body named in `alwaysAdvise` (the Danish
 * Institute for Human Rights) is always in `advice`; when no body decides such cases, `primary` is
 * missing and the dialog says so honestly instead of sending the resident to the wrong place.
 */
export function pickComplaintBody(file: ComplaintBodiesFile, area: ComplaintArea, ground: ComplaintGround): ComplaintBodyPick {
  const byRole = (role: 'primary' | 'alternative' | 'advice') =>
    file.bodies
      .filter((b) => b.remit.some((r) => r.role === role && r.areas.includes(area) && r.grounds.includes(ground)))
      .sort((a, b) => a.rank - b.rank);

  const primaries = byRole('primary');
  const primary = primaries[0];
  const alternatives = uniqueExcept([...primaries.slice(1), ...byRole('alternative')], primary ? [primary] : []);
  const always = file.bodies.find((b) => b.id === file.alwaysAdvise);
  const advice = uniqueExcept([...byRole('advice'), ...(always ? [always] : [])], [...(primary ? [primary] : []), ...alternatives]);
  return { primary, alternatives, advice };
}

function uniqueExcept(bodies: ComplaintBody[], exclude: ComplaintBody[]): ComplaintBody[] {
  const seen = new Set(exclude.map((b) => b.id));
  return bodies.filter((b) => (seen.has(b.id) ? false : (seen.add(b.id), true)));
}
