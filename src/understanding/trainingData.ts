import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, type Lang } from '../language/languages';
import { DANGER_KINDS, isDangerKind, type DangerKind } from './danger';

/**
 * What a resident can want. `information` carries a topic (the directory's, data/directory.json): one route
 * with a topic rather than a route per topic, because topics are many, small and the city's to extend, and a
 * dozen thin routes would blur the services' own. `counsellor` is asking for a person; danger is not a route
 * but a kind of its own (danger.ts), learned as labels beside the routes.
 */
export const ROUTES = ['interpreter', 'mediation', 'discrimination', 'clubs', 'area', 'report', 'information', 'counsellor', 'none'] as const;
export type Route = (typeof ROUTES)[number];
/** The guided services a dialog exists for. */
export const SERVICE_ROUTES = ['interpreter', 'mediation', 'discrimination', 'clubs', 'area', 'report', 'information'] as const;
export type ServiceRoute = (typeof SERVICE_ROUTES)[number];

export const TOPICS = [
  'danish_lessons',
  'danish_society',
  'after_prison',
  'family_support',
  'crisis_psychologist',
  'radicalisation_advice',
  'leisure_jobs',
  'volunteering',
  'borgerservice',
  'legal_aid',
  'tenants_advice',
  'police',
] as const;
export type Topic = (typeof TOPICS)[number];

/** A classifier label: a route, or `danger:<kind>` (the classifier learns the kinds of crisis, not one "help" class). */
export type Label = Route | `danger:${DangerKind}`;
export const LABELS: readonly Label[] = [...ROUTES, ...DANGER_KINDS.map((k) => `danger:${k}` as const)];

export function isRoute(value: unknown): value is Route {
  return typeof value === 'string' && (ROUTES as readonly string[]).includes(value);
}
export function isServiceRoute(value: unknown): value is ServiceRoute {
  return typeof value === 'string' && (SERVICE_ROUTES as readonly string[]).includes(value);
}
export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}
export function dangerOfLabel(label: Label): DangerKind | undefined {
  return label.startsWith('danger:') ? (label.slice(7) as DangerKind) : undefined;
}

export interface TrainingPhrase {
  text: string;
  lang: Lang;
  label: Label;
  /** For `information` phrases from topics.json. */
  topic?: Topic;
}

/**
 * Reads, for every language that has them, `locales/<lng>/training/`:
 *  - `intents.json`  `{"<route>": [phrases]}`
 *  - `danger.json`   `{"<danger kind>": [phrases]}` -> label `danger:<kind>`
 *  - `topics.json`   `{"<topic>": [phrases]}` -> label `information` with that topic
 *  - `lookalikes.json` `{"<route>": [phrases]}`: ordinary requests worded like a crisis ("I don't want to
 *    wait", "I don't want to give my name"), so that the classifier learns them apart from "I don't want to live"
 * A missing file is skipped (that language is still understood through shared loanwords, only worse); an
 * unknown key or a non-string phrase is an error naming the file, because a typo would silently drop a label.
 */
export function readTrainingPhrases(localesDir: string): TrainingPhrase[] {
  const phrases: TrainingPhrase[] = [];
  for (const lang of LANGUAGES) {
    for (const [file, asLabel] of [
      ['intents.json', (key: string) => (isRoute(key) ? { label: key as Label } : undefined)],
      ['danger.json', (key: string) => (isDangerKind(key) ? { label: `danger:${key}` as Label } : undefined)],
      ['topics.json', (key: string) => (isTopic(key) ? { label: 'information' as Label, topic: key } : undefined)],
      ['lookalikes.json', (key: string) => (isRoute(key) ? { label: key as Label } : undefined)],
    ] as const) {
      const full = path.join(localesDir, lang, 'training', file);
      if (!fs.existsSync(full)) continue;
      const where = `locales/${lang}/training/${file}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(full, 'utf8'));
      } catch (err) {
        throw new Error(`${where}: not valid JSON (${(err as Error).message})`);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${where}: expected an object of lists`);
      for (const [key, list] of Object.entries(parsed as Record<string, unknown>)) {
        const meaning = asLabel(key);
        if (!meaning) throw new Error(`${where}: unknown key "${key}"`);
        if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) throw new Error(`${where}: "${key}" must be a list of strings`);
        for (const text of list as string[]) if (text.trim()) phrases.push({ text, lang, ...meaning });
      }
    }
  }
  return phrases;
}
