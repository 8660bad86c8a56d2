import type { Lang } from '../../language/languages';
import { normalizeText } from '../../language/normalize';
import { readTrainingFiles } from './wordTable';

/**
 * Numbers written as words ("tretten", "on üç", "سیزده", "terah", "saddex iyo toban"), 3 to 25 — the ages
 * that matter here — read in the message's own language only: Danish "fire" is four, English "fire" is not.
 * Words that are also everyday words in the language ("نه", Farsi "no") are left out of the lists
 * (locales/<lng>/training/numbers.json).
 */
export class NumberWords {
  private constructor(private readonly byLang: Map<Lang, { phrase: string; value: number }[]>) {}

  static load(localesDir: string): NumberWords {
    const byLang = new Map<Lang, { phrase: string; value: number }[]>();
    for (const [lang, file] of readTrainingFiles(localesDir, 'numbers.json')) {
      const table = (file.numbers ?? {}) as Record<string, unknown>;
      const list: { phrase: string; value: number }[] = [];
      for (const [value, words] of Object.entries(table)) {
        const n = Number(value);
        if (!Number.isInteger(n) || !Array.isArray(words) || words.some((w) => typeof w !== 'string')) {
          throw new Error(`locales/${lang}/training/numbers.json: numbers.${value}: must be a whole number with a list of words`);
        }
        // "п'ять" is typed with an apostrophe (a space once normalised), a modifier letter or none.
        for (const w of words as string[]) {
          for (const phrase of new Set([normalizeText(w), normalizeText(w.replace(/['’ʼ]/g, ''))])) list.push({ phrase, value: n });
        }
      }
      // Longest first: "on üç" (13) before "on" (10), "twenty five" before "twenty".
      byLang.set(lang, list.filter((p) => p.phrase).sort((a, b) => b.phrase.length - a.phrase.length));
    }
    return new NumberWords(byLang);
  }

  /** The normalised text with its number words written as digits: "min søn på tretten" → "min son pa 13". */
  toDigits(normalized: string, lang: Lang): string {
    const list = this.byLang.get(lang);
    if (!list?.length || !normalized) return normalized;
    let text = ` ${normalized} `;
    for (const { phrase, value } of list) {
      if (!text.includes(` ${phrase} `)) continue;
      text = text.split(` ${phrase} `).join(` ${value} `);
      // Twice: "tretten tretten" shares the space between the two words.
      text = text.split(` ${phrase} `).join(` ${value} `);
    }
    return text.trim();
  }
}
