import { COMPLAINT_AREAS, COMPLAINT_GROUNDS, type ComplaintArea, type ComplaintGround } from '../../catalog';
import type { Lang } from '../../language/languages';
import { group, readTrainingFiles, WordTable } from './wordTable';

export interface ComplaintReading {
  /** Why the resident was treated differently (never guessed as `other`). */
  ground?: ComplaintGround;
  /** Where it happened (never guessed as `other`). */
  complaintArea?: ComplaintArea;
}

/** Discrimination: where it happened and on what ground (locales/<lng>/training/discrimination.json). */
export class ComplaintEntity {
  private constructor(
    private readonly areas: WordTable<ComplaintArea>,
    private readonly grounds: WordTable<ComplaintGround>,
  ) {}

  static load(localesDir: string): ComplaintEntity {
    const files = readTrainingFiles(localesDir, 'discrimination.json');
    return new ComplaintEntity(
      WordTable.fromLists(group(files, 'areas', 'discrimination.json', COMPLAINT_AREAS)),
      WordTable.fromLists(group(files, 'grounds', 'discrimination.json', COMPLAINT_GROUNDS)),
    );
  }

  read(normalized: string, lang: Lang): ComplaintReading {
    const out: ComplaintReading = {};
    const area = this.areas.best(normalized, lang);
    if (area && area !== 'other') out.complaintArea = area;
    const ground = this.grounds.best(normalized, lang);
    if (ground && ground !== 'other') out.ground = ground;
    return out;
  }
}
