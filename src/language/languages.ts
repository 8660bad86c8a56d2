/** The languages Brobygger speaks. Danish is the city's language and the fallback. */
export const LANGUAGES = ['da', 'en', 'ar', 'fa', 'pl', 'so', 'tr', 'uk', 'ur'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Lang = 'da';

export const RTL_LANGUAGES: ReadonlySet<Lang> = new Set<Lang>(['ar', 'fa', 'ur']);

/** Each language's name in its own script, for language buttons. */
export const AUTONYMS: Record<Lang, string> = {
  da: 'Dansk',
  en: 'English',
  ar: 'العربية',
  fa: 'فارسی',
  pl: 'Polski',
  so: 'Soomaali',
  tr: 'Türkçe',
  uk: 'Українська',
  ur: 'اردو',
};

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `en-US` -> `en`; unknown -> undefined. */
export function langFromLocale(locale: string | undefined): Lang | undefined {
  const base = locale?.toLowerCase().split(/[-_]/)[0];
  if (base === 'nb' || base === 'nn' || base === 'no') return undefined;
  return isLang(base) ? base : undefined;
}
