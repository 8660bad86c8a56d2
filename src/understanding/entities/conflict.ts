import { CONFLICT_TOPICS, HOUSING_TYPES, type ConflictTopic, type HousingType } from '../../catalog';
import type { Lang } from '../../language/languages';
import { group, readTrainingFiles, WordTable } from './wordTable';

export const TALKED = ['yes', 'no', 'afraid'] as const;
export type Talked = (typeof TALKED)[number];
export const MEDIATION_INTERPRETER = ['none', 'own', 'other'] as const;
export type MediationInterpreter = (typeof MEDIATION_INTERPRETER)[number];

export interface ConflictReading {
  conflict?: ConflictTopic;
  housing?: HousingType;
  /** Have they talked with the neighbour: yes, no, or they don't dare. */
  talked?: Talked;
  /** Words of being threatened or hurt by the neighbour, as an answer to "has anyone threatened you?". */
  threatened?: boolean;
  mediationInterpreter?: MediationInterpreter;
}

/** Neighbour conflicts (locales/<lng>/training/mediation.json). */
export class ConflictEntity {
  private constructor(
    private readonly topics: WordTable<ConflictTopic>,
    private readonly housing: WordTable<HousingType>,
    private readonly talked: WordTable<Talked>,
    private readonly danger: WordTable<'yes' | 'no'>,
    private readonly interpreter: WordTable<MediationInterpreter>,
  ) {}

  static load(localesDir: string): ConflictEntity {
    const files = readTrainingFiles(localesDir, 'mediation.json');
    return new ConflictEntity(
      WordTable.fromLists(group(files, 'topics', 'mediation.json', CONFLICT_TOPICS)),
      WordTable.fromLists(group(files, 'housing', 'mediation.json', HOUSING_TYPES)),
      WordTable.fromLists(group(files, 'talked', 'mediation.json', TALKED)),
      WordTable.fromLists(group(files, 'danger', 'mediation.json', ['yes', 'no'] as const)),
      WordTable.fromLists(group(files, 'interpreter', 'mediation.json', MEDIATION_INTERPRETER)),
    );
  }

  read(normalized: string, lang: Lang): ConflictReading {
    const out: ConflictReading = {};
    const conflict = this.topics.best(normalized, lang);
    if (conflict && conflict !== 'other') out.conflict = conflict;
    const housing = this.housing.best(normalized, lang);
    if (housing) out.housing = housing;
    const talked = this.talked.best(normalized, lang);
    if (talked) out.talked = talked;
    const danger = this.danger.best(normalized, lang);
    if (danger) out.threatened = danger === 'yes';
    const interpreter = this.interpreter.best(normalized, lang);
    if (interpreter) out.mediationInterpreter = interpreter;
    return out;
  }
}
