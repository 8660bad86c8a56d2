import type { Catalog, DistrictId } from '../../catalog';
import type { Lang } from '../../language/languages';
import { normalizeText } from '../../language/normalize';
import { group, readTrainingFiles, WordTable } from './wordTable';

export interface DistrictReading {
  district?: DistrictId;
  /** A name that covers more than one district ("Amager"): which one is asked. */
  districtChoices?: DistrictId[];
  /** "anywhere", "all of Copenhagen". */
  anywhere?: boolean;
  /** The housing estate named ("Mjølnerparken", "Tingbjerg"), as the id of its housing social team. */
  estateTeam?: string;
}

/** Districts and places (data/districts.json names and aliases; estates from data/mediation.json). */
export class DistrictEntity {
  private constructor(
    private readonly catalog: Catalog,
    private readonly anywhere: WordTable<'anywhere'>,
  ) {}

  static load(localesDir: string, catalog: Catalog): DistrictEntity {
    return new DistrictEntity(catalog, WordTable.fromLists(group<'anywhere'>(readTrainingFiles(localesDir, 'clubs.json'), 'anywhere', 'clubs.json')));
  }

  read(text: string, normalized: string, lang: Lang): DistrictReading {
    const out: DistrictReading = {};
    const match = this.catalog.matchDistrict(text);
    if (match?.kind === 'one') out.district = match.district.id;
    else if (match?.kind === 'ambiguous') out.districtChoices = match.districts.map((d) => d.id);
    if (this.anywhere.has(normalized, lang)) out.anywhere = true;
    // The estate's name ("Mjølnerparken") first, then the district ("Nørrebro").
    const teams = this.catalog.mediation.housingSocialWorkers;
    const padded = ` ${normalized} `;
    const byEstate = teams.find((w) => w.areas.some((a) => padded.includes(` ${normalizeText(a)} `)));
    const byDistrict = out.district ? teams.find((w) => w.district === out.district) : undefined;
    const team = byEstate ?? byDistrict;
    if (team) out.estateTeam = team.id;
    if (byEstate && !out.district) out.district = byEstate.district as DistrictId;
    return out;
  }
}
