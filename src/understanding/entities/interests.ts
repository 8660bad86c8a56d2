import { INTERESTS, type Interest } from '../../catalog';
import type { Lang } from '../../language/languages';
import { group, readTrainingFiles, WordTable } from './wordTable';

export interface InterestReading {
  interests?: Interest[];
  /** Words saying it is for a girl ("my daughter", "she"): girls-only clubs may be shown. */
  girl?: boolean;
  /** "doesn't matter", "anything": the answer to whichever question was asked. */
  noPreference?: boolean;
}

/** What a young person likes doing (locales/<lng>/training/clubs.json `interests`, `girl`, `noPreference`). */
export class InterestEntity {
  private constructor(
    private readonly interests: WordTable<Interest>,
    private readonly girl: WordTable<'girl'>,
    private readonly noPreference: WordTable<'noPreference'>,
  ) {}

  static load(localesDir: string): InterestEntity {
    const files = readTrainingFiles(localesDir, 'clubs.json');
    return new InterestEntity(
      WordTable.fromLists(group(files, 'interests', 'clubs.json', INTERESTS)),
      WordTable.fromLists(group<'girl'>(files, 'girl', 'clubs.json')),
      WordTable.fromLists(group<'noPreference'>(files, 'noPreference', 'clubs.json')),
    );
  }

  read(normalized: string, lang: Lang): InterestReading {
    const out: InterestReading = {};
    const interests = this.interests.all(normalized, lang);
    if (interests.length) out.interests = interests;
    if (this.girl.has(normalized, lang)) out.girl = true;
    if (this.noPreference.has(normalized, lang)) out.noPreference = true;
    return out;
  }
}
