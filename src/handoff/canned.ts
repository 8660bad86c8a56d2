import type { Translator } from '../language/i18n';
import { LANGUAGES, type Lang } from '../language/languages';

/**
 * Canned staff replies (`locales/<lng>/canned.json`): the same sentence in every language, so a counsellor
 * who does not speak the resident's language can still send a correct one.
 */
export const CANNED_KEYS = ['imHere', 'readingNow', 'tellMeMore', 'areYouSafe', 'call112', 'willCall', 'whichNumber', 'oneMoment', 'goodbye'] as const;
export type CannedKey = (typeof CANNED_KEYS)[number];

export type CannedReplies = Record<Lang, Record<CannedKey, string>>;

export function loadCannedReplies(translator: Translator): CannedReplies {
  const out = {} as CannedReplies;
  for (const lang of LANGUAGES) {
    const t = translator.fixed(lang);
    out[lang] = Object.fromEntries(CANNED_KEYS.map((k) => [k, String(t(`canned:${k}`))])) as Record<CannedKey, string>;
  }
  return out;
}
