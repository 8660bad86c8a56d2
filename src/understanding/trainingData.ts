import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, type Lang } from '../language/languages';

export const ROUTES = ['interpreter', 'mediation', 'discrimination', 'clubs', 'counsellor', 'none'] as const;
export type Route = (typeof ROUTES)[number];

export function isRoute(value: unknown): value is Route {
  return typeof value === 'string' && (ROUTES as readonly string[]).includes(value);
}

export interface TrainingPhrase {
  text: string;
  lang: Lang;
  route: Route;
}

/**
 * Reads `locales/<lng>/training/intents.json` (`{"<route>": ["phrase", ...], ...}`) for every language that has
 * one. A missing language is skipped (it still gets understood through shared loanwords, only worse); a file
 * with an unknown route or a non-string phrase is an error, because a typo there would silently drop a route.
 */
export function readTrainingPhrases(localesDir: string): TrainingPhrase[] {
  const phrases: TrainingPhrase[] = [];
  for (const lang of LANGUAGES) {
    const file = path.join(localesDir, lang, 'training', 'intents.json');
    if (!fs.existsSync(file)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file}: expected an object of routes`);
    for (const [route, list] of Object.entries(parsed as Record<string, unknown>)) {
      if (!isRoute(route)) throw new Error(`${file}: unknown route "${route}" (expected one of ${ROUTES.join(', ')})`);
      if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) throw new Error(`${file}: "${route}" must be a list of strings`);
      for (const text of list as string[]) if (text.trim()) phrases.push({ text, lang, route });
    }
  }
  return phrases;
}
