import type { Catalog } from '../../catalog';
import type { Command } from '../../language/commands';
import type { Lang } from '../../language/languages';
import type { WhoFor } from '../cues';
import { AgeEntity } from './age';
import { AnswerEntity, type YesNo } from './answer';
import { ComplaintEntity, type ComplaintReading } from './complaint';
import { ConflictEntity, type ConflictReading } from './conflict';
import { DistrictEntity, type DistrictReading } from './district';
import { InterestEntity, type InterestReading } from './interests';
import { InterpretingEntity, type InterpretingReading } from './interpreting';
import { ClubNameEntity } from './places';
import { WhenEntity, type WhenReading } from './when';
import { WorryEntity, type WorryReading } from './worry';

export { type WantedTime, comingSaturday } from './when';
export { TALKED, MEDIATION_INTERPRETER, type Talked, type MediationInterpreter } from './conflict';
export { WORRIES, type Worry } from './worry';
export { type YesNo } from './answer';
export { bareNumbers } from './age';

/**
 * Everything a message says that a dialog may need, found anywhere in it, in one reading per turn (as Rasa's
 * entities): the dialogs fill their slots from this, from the first message or any later one, and never ask
 * for what was already said. One module per kind; each reads its words from `locales/<lng>/training/`.
 */
export interface Entities
  extends DistrictReading,
    InterestReading,
    WhenReading,
    InterpretingReading,
    ConflictReading,
    ComplaintReading,
    WorryReading {
  age?: number;
  /** Numbers standing alone ("12"): an age when the question was the age. */
  numbers: number[];
  /** Who the help is for: me, my son, my daughter... */
  whoFor?: WhoFor;
  /** Yes or no as an answer. */
  answer?: YesNo;
  /** A club named by the resident (its id). */
  club?: string;
}

export interface EntityInput {
  text: string;
  normalized: string;
  lang: Lang;
  command?: Command;
  whoFor?: WhoFor;
}

export class EntityReader {
  private constructor(
    private readonly age: AgeEntity,
    private readonly district: DistrictEntity,
    private readonly interests: InterestEntity,
    private readonly when: WhenEntity,
    private readonly interpreting: InterpretingEntity,
    private readonly conflict: ConflictEntity,
    private readonly complaint: ComplaintEntity,
    private readonly worry: WorryEntity,
    private readonly answers: AnswerEntity,
    private readonly clubs: ClubNameEntity,
  ) {}

  static load(localesDir: string, catalog: Catalog): EntityReader {
    return new EntityReader(
      AgeEntity.load(localesDir),
      DistrictEntity.load(localesDir, catalog),
      InterestEntity.load(localesDir),
      WhenEntity.load(localesDir),
      InterpretingEntity.load(localesDir),
      ConflictEntity.load(localesDir),
      ComplaintEntity.load(localesDir),
      WorryEntity.load(localesDir),
      AnswerEntity.load(localesDir),
      new ClubNameEntity(catalog),
    );
  }

  /**
   * The message's entities, each kind read the first time a dialog asks for it: a turn in the clubs dialog
   * never pays for reading dates of a discrimination account or the names of conflicts.
   */
  read(input: EntityInput, now: Date): Entities {
    const { text, normalized, lang } = input;
    if (!normalized) return { numbers: [] };
    const once = <T>(read: () => T) => {
      let value: T | undefined;
      let done = false;
      return () => {
        if (!done) {
          value = read();
          done = true;
        }
        return value as T;
      };
    };
    const when = once(() => this.when.read(text, normalized, lang, now));
    const district = once(() => this.district.read(text, normalized, lang));
    const interests = once(() => this.interests.read(normalized, lang));
    const interpreting = once(() => this.interpreting.read(normalized, lang));
    const conflict = once(() => this.conflict.read(normalized, lang));
    const complaint = once(() => this.complaint.read(normalized, lang));
    const worry = once(() => this.worry.read(normalized, lang));
    const whoFor = input.whoFor;
    const age = once(() => {
      const w = when();
      // "kl 3" is a time, not a three-year-old: the words the time was read from, and any date, are left out.
      const timeOrDate = [w.date?.time ?? '', this.when.timeText(text, lang) ?? '', ...(text.match(/\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?/g) ?? [])].filter(Boolean);
      return this.age.read(normalized, lang, !!whoFor, timeOrDate);
    });
    const numbers = once(() => this.age.numbers(normalized, lang));
    const answer = once(() => this.answers.read(normalized, lang, input.command));
    const club = once(() => this.clubs.read(normalized));
    const entities = {} as Entities;
    const define = <K extends keyof Entities>(key: K, get: () => Entities[K]) =>
      Object.defineProperty(entities, key, { get, enumerable: true, configurable: true });
    for (const key of ['district', 'districtChoices', 'anywhere', 'estateTeam'] as const) define(key, () => district()[key]);
    for (const key of ['interests', 'noPreference'] as const) define(key, () => interests()[key]);
    define('girl', () => (whoFor === 'daughter' ? true : interests().girl));
    for (const key of ['when', 'date', 'unknownDate'] as const) define(key, () => when()[key]);
    for (const key of ['language', 'otherLanguage', 'setting', 'mode'] as const) define(key, () => interpreting()[key]);
    for (const key of ['conflict', 'housing', 'talked', 'threatened', 'mediationInterpreter'] as const) define(key, () => conflict()[key]);
    for (const key of ['ground', 'complaintArea'] as const) define(key, () => complaint()[key]);
    for (const key of ['worry', 'anonymous'] as const) define(key, () => worry()[key]);
    define('age', age);
    define('numbers', numbers);
    define('whoFor', () => whoFor);
    define('answer', answer);
    define('club', club);
    return entities;
  }
}
