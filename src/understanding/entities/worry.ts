import type { Lang } from '../../language/languages';
import { group, readTrainingFiles, WordTable } from './wordTable';

/** What a resident reports to the city's reporting desk (data/reporting.json has who follows each up). */
export const WORRIES = ['dealing', 'lighting', 'vandalism', 'youth_at_risk', 'unsafe_group', 'other'] as const;
export type Worry = (typeof WORRIES)[number];

export interface WorryReading {
  worry?: Worry;
  /** "anonymous", "don't use my name": the report is made without a way to reach the resident. */
  anonymous?: boolean;
}

/** Words of the reporting desk (locales/<lng>/training/report.json `worries`, `anonymous`). */
export class WorryEntity {
  private constructor(
    private readonly worries: WordTable<Worry>,
    private readonly anonymous: WordTable<'anonymous'>,
  ) {}

  static load(localesDir: string): WorryEntity {
    const files = readTrainingFiles(localesDir, 'report.json');
    return new WorryEntity(WordTable.fromLists(group(files, 'worries', 'report.json', WORRIES)), WordTable.fromLists(group<'anonymous'>(files, 'anonymous', 'report.json')));
  }

  read(normalized: string, lang: Lang): WorryReading {
    const out: WorryReading = {};
    const worry = this.worries.best(normalized, lang);
    if (worry && worry !== 'other') out.worry = worry;
    if (this.anonymous.has(normalized, lang)) out.anonymous = true;
    return out;
  }
}
