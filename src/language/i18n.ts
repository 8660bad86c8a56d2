import * as fs from 'node:fs';
import * as path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Lang } from './languages';

/**
 * What the bot says lives in `locales/<lng>/<namespace>.json` (one namespace per concern: common, clubs,
 * handoff, ...). Training data for understanding lives in `locales/<lng>/training/` and is not loaded here.
 *
 * Each turn uses `translator.fixed(lang)` (i18next's getFixedT). Nothing ever calls `changeLanguage` on the
 * shared instance: that would leak one resident's language into a concurrent conversation.
 */
export interface Translator {
  fixed(lang: Lang): TFunction;
  namespaces: string[];
}

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export function readLocaleResources(localesDir: string): Resources {
  const resources: Resources = {};
  for (const lng of LANGUAGES) {
    const dir = path.join(localesDir, lng);
    resources[lng] = {};
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const full = path.join(dir, file);
      try {
        resources[lng][file.slice(0, -5)] = JSON.parse(fs.readFileSync(full, 'utf8'));
      } catch (err) {
        throw new Error(`${full}: not valid JSON (${(err as Error).message})`);
      }
    }
  }
  return resources;
}

export async function createTranslator(localesDir: string): Promise<Translator> {
  const resources = readLocaleResources(localesDir);
  const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))].sort();
  const instance: i18n = i18next.createInstance();
  await instance.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // chat text, not HTML
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  const cache = new Map<Lang, TFunction>();
  return {
    namespaces,
    fixed(lang: Lang): TFunction {
      let t = cache.get(lang);
      if (!t) {
        t = memoizePlainLookups(instance.getFixedT(lang));
        cache.set(lang, t);
      }
      return t;
    },
  };
}

/**
 * Resources never change after start-up, so a key looked up without options always gives the same text.
 * Remembering those answers takes i18next's lookup (a visible share of a turn's CPU) off the hot path;
 * calls with options (interpolation, `lng`, plurals) still go to i18next.
 */
function isEmptyOptions(options: unknown): boolean {
  if (options === undefined) return true;
  if (typeof options !== 'object' || options === null) return false;
  for (const _ in options) return false;
  return true;
}

function memoizePlainLookups(t: TFunction): TFunction {
  const plain = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const memo = ((key: unknown, ...rest: unknown[]) => {
    // `t(key, {})` (a button without arguments) is a plain lookup too.
    const plainCall = rest.length === 0 || (rest.length === 1 && isEmptyOptions(rest[0]));
    if (typeof key !== 'string' || !plainCall) return call(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) {
      text = t(key) as string;
      plain.set(key, text);
    }
    return text;
  }) as unknown as TFunction;
  return memo;
}
