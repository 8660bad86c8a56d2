/**
 * `npm run route`: one message a line on stdin (plain text, or a JSON object with `text` and optionally `lang`),
 * one JSON line a message on stdout: `{"lang":"tr","route":"mediation","confidence":0.91}` plus `"urgent":true`
 * when the message needs a person at once. Nothing else goes to stdout; problems go to stderr.
 */
import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadConfig } from '../config';
import { LanguageDetector, resolveTurnLanguage } from '../language/detect';
import { isLang, type Lang } from '../language/languages';
import { CONFIDENCE_THRESHOLD, Understanding } from '../understanding';
import { decideTurn } from '../understanding/policy';

export interface RouteEngine {
  detector: LanguageDetector;
  understanding: Understanding;
}

export interface RouteLine {
  lang: Lang;
  route: string;
  confidence: number;
  urgent?: true;
  /** The kind of danger of an urgent message, and whether a danger word or only the classifier said so. */
  danger?: string;
  dangerBy?: 'word' | 'model';
  /** A command in the resident's words (deleteData, human, cancel, ...): the bot does that, nothing else. */
  command?: string;
  /** The directory topic of an `information` message. */
  topic?: string;
  /** Below the confidence threshold: the bot would ask back rather than act. */
  unsure?: true;
  /** Where `lang` came from: given in the input, detected, or the default when there was nothing to go on. */
  langSource: 'input' | 'detected' | 'default';
  langConfidence?: number;
  romanized?: true;
  alternatives: { route: string; confidence: number }[];
}

function parseLine(line: string): { text: string; lang?: Lang } | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('{')) {
    try {
      const o = JSON.parse(trimmed) as { text?: unknown; lang?: unknown };
      if (o && typeof o === 'object' && typeof o.text === 'string') return { text: o.text, lang: isLang(o.lang) ? o.lang : undefined };
    } catch {
      // Not JSON after all: a message that starts with "{" is still a message.
    }
  }
  return { text: trimmed };
}

export function routeMessage(engine: RouteEngine, text: string, lang?: Lang): RouteLine {
  const guess = lang ? undefined : engine.detector.detect(text);
  const resolved = lang ? { lang, source: 'input' as const } : resolveTurnLanguage({ guess });
  const reading = engine.understanding.read(text, resolved.lang);
  // What the bot would do with this message as a conversation's first (no dialog, no handoff).
  const decision = decideTurn(reading, { pressedButton: false });
  const out: RouteLine = {
    lang: resolved.lang,
    route: decision.action === 'urgent' ? 'counsellor' : reading.intent.route,
    confidence: reading.intent.confidence,
    langSource: resolved.source === 'input' ? 'input' : resolved.source === 'detected' ? 'detected' : 'default',
    alternatives: reading.intent.alternatives,
  };
  if (decision.action === 'urgent') {
    out.urgent = true;
    out.danger = decision.danger.kind;
    out.dangerBy = decision.danger.by;
  }
  if (decision.action === 'command') out.command = decision.command;
  if (reading.intent.topic && reading.intent.route === 'information') out.topic = reading.intent.topic;
  if (decision.action !== 'urgent' && decision.action !== 'command' && reading.intent.confidence < CONFIDENCE_THRESHOLD) out.unsure = true;
  if (guess) out.langConfidence = guess.confidence;
  if (guess?.romanized && guess.lang === resolved.lang) out.romanized = true;
  return out;
}

/** Reads lines from `input` until it ends, writes one JSON line per non-empty line; returns how many. */
export async function runRouteCli(input: Readable, output: Writable, engine: RouteEngine): Promise<number> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    const parsed = parseLine(line);
    if (!parsed) continue;
    const result = routeMessage(engine, parsed.text, parsed.lang);
    const { lang, route, confidence, urgent, ...rest } = result;
    // The documented fields first, so the line reads as `{"lang":..,"route":..,"confidence":..}`.
    const ordered = urgent ? { lang, route, confidence, urgent, ...rest } : { lang, route, confidence, ...rest };
    if (!output.write(`${JSON.stringify(ordered)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
    n++;
  }
  return n;
}

export async function createRouteEngine(localesDir: string): Promise<RouteEngine> {
  return { detector: LanguageDetector.create(localesDir), understanding: await Understanding.create(localesDir) };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const engine = await createRouteEngine(config.localesDir);
  await runRouteCli(process.stdin, process.stdout, engine);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`route: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
