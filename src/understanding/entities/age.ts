import type { Lang } from '../../language/languages';
import { NumberWords } from './numbers';
import { group, readTrainingFiles, readingLanguages } from './wordTable';

/**
 * Ages: "15 år", "a 13-year-old", "min søn på 15", "عمرها 12" (patterns per language in
 * `locales/<lng>/training/clubs.json` `agePatterns`, each with one group capturing the age), and a bare
 * number said about a person ("my daughter is 13") — but never a time or a date ("at 15", "15/3").
 */
export const MIN_AGE = 3;
export const MAX_AGE = 99;

/**
 * Patterns run on normalised text but are written as people type ("15 år", "yaşında", "عمرها"): fold their
 * letters the way `normalizeText` folds the text, leaving regex syntax alone (no lower-casing: \\S is not \\s).
 */
const PATTERN_FOLD: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', ł: 'l', ı: 'i', ي: 'ی', ى: 'ی', ئ: 'ی', ك: 'ک', ة: 'ه', ۀ: 'ه', ہ: 'ه', ە: 'ه', ؤ: 'و', ٱ: 'ا' };
function foldPattern(pattern: string): string {
  return [...pattern.normalize('NFD').replace(/\p{M}+/gu, '')].map((ch) => PATTERN_FOLD[ch] ?? ch).join('');
}

export class AgeEntity {
  private constructor(
    private readonly patterns: Map<Lang, RegExp[]>,
    private readonly numberWords: NumberWords,
  ) {}

  static load(localesDir: string): AgeEntity {
    const files = readTrainingFiles(localesDir, 'clubs.json');
    const lists = group<'agePatterns'>(files, 'agePatterns', 'clubs.json');
    const patterns = new Map<Lang, RegExp[]>();
    for (const [lang] of files) {
      patterns.set(
        lang,
        (lists[lang]?.agePatterns ?? []).map((p) => {
          try {
            return new RegExp(foldPattern(p), 'u');
          } catch {
            throw new Error(`locales/${lang}/training/clubs.json: agePatterns: not a valid regular expression: ${p}`);
          }
        }),
      );
    }
    return new AgeEntity(patterns, NumberWords.load(localesDir));
  }

  /**
   * The age the message states. `aboutPerson`: the message names who it is for ("my daughter"), so a lone
   * number is their age. `timeOrDate`: the parts of the text that are a time or a date, never an age.
   */
  read(normalized: string, lang: Lang, aboutPerson: boolean, timeOrDate: readonly string[] = []): number | undefined {
    // "on üç yaşında", "min søn på tretten": number words count as digits next to an age word.
    const withDigits = this.numberWords.toDigits(normalized, lang);
    for (const l of readingLanguages(lang)) {
      for (const pattern of this.patterns.get(l) ?? []) {
        const age = Number(pattern.exec(withDigits)?.[1]);
        if (age >= MIN_AGE && age <= MAX_AGE) return age;
      }
    }
    // A lone number about a person: digits only ("oğlum yedi" is "my son ate", not "my son is seven").
    if (!aboutPerson) return undefined;
    const numbers = bareNumbers(normalized).filter((n) => !timeOrDate.some((part) => part.includes(String(n))));
    return numbers.length === 1 && numbers[0] >= MIN_AGE && numbers[0] <= 25 ? numbers[0] : undefined;
  }

  /** The numbers standing alone, number words included: "tretten" answers "how old is he?". */
  numbers(normalized: string, lang: Lang): number[] {
    return bareNumbers(this.numberWords.toDigits(normalized, lang));
  }
}

/** Whole numbers standing alone as words ("12", "she is 12"), in order. */
export function bareNumbers(normalized: string): number[] {
  return [...normalized.matchAll(/(?:^| )(\d{1,3})(?= |$)/g)].map((m) => Number(m[1]));
}
