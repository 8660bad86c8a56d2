/**
 * Plays the conversation scenarios of `test/fixtures/conversations/<lng>/*.yaml` through the whole bot
 * (the same pipeline the server runs, in-process through botbuilder's TestAdapter, in-memory state) and
 * checks what must hold after each turn. Used by `npm test` (the scenarios marked `core`) and by
 * `npm run bench:conversations` (all of them, with pass rates). The format is in the folder's README.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { parse } from 'yaml';
import { createBrobygger, type Brobygger } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { factsFromCatalog } from '../../src/handoff/facts';
import { isLang, LANGUAGES, type Lang } from '../../src/language/languages';
import { PROJECT_ROOT } from '../../src/paths';
import { createMemoryBackend } from '../../src/storage/backend';
import type { ConversationData } from '../../src/state/types';
import type { TurnTrace } from '../../src/state/turnTrace';
import { fromCopenhagen, copenhagenParts, addDays, weekdayOfDate } from '../../src/time/copenhagen';
import { isDangerKind, isServiceRoute, type DangerKind, type Understanding } from '../../src/understanding';

export const SCENARIO_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'conversations');
const DEFAULT_AT = '2026-12-03 15:00';
/** Minutes that pass between two messages of a scenario. */
const MINUTES_BETWEEN_TURNS = 1;

export interface Scenario {
  file: string;
  lang: Lang;
  name: string;
  tags: string[];
  core: boolean;
  at: string;
  turns: { say: string; expect: Record<string, unknown> }[];
}

export interface Failure {
  turn: number;
  check: string;
  detail: string;
}

export interface ScenarioResult {
  scenario: Scenario;
  failures: Failure[];
  /** Checks made, by kind (route, slots, says...), and how many held. */
  checks: Map<string, { n: number; ok: number }>;
  transcript: string[];
}

export function readScenarios(dir = SCENARIO_DIR): Scenario[] {
  const out: Scenario[] = [];
  for (const lang of LANGUAGES) {
    const folder = path.join(dir, lang);
    if (!fs.existsSync(folder)) continue;
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
      const list = parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>[];
      for (const raw of list ?? []) {
        out.push({
          file: `${lang}/${file}`,
          lang,
          name: String(raw.name),
          tags: (raw.tags as string[] | undefined) ?? [],
          core: raw.core === true,
          at: String(raw.at ?? DEFAULT_AT),
          turns: ((raw.turns as Record<string, unknown>[]) ?? []).map((t) => ({ say: String(t.say), expect: (t.expect as Record<string, unknown>) ?? {} })),
        });
      }
    }
  }
  return out;
}

interface ScenarioBot {
  brobygger: Brobygger;
  setNow(at: Date): void;
  traces: WeakMap<TurnContext, TurnTrace>;
  lastTrace?: TurnTrace;
  close(): Promise<void>;
}

export async function createScenarioBot(understanding?: Understanding): Promise<ScenarioBot> {
  let now = new Date();
  const bot: Partial<ScenarioBot> = { traces: new WeakMap() };
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const brobygger = await createBrobygger(config, {
    backend: createMemoryBackend(),
    clock: () => now,
    ...(understanding ? { understanding } : {}),
    onTurnTrace: (_context, trace) => {
      bot.lastTrace = trace;
    },
  });
  return Object.assign(bot, {
    brobygger,
    setNow: (at: Date) => {
      now = at;
    },
    close: () => brobygger.close(),
  }) as ScenarioBot;
}

let counter = 0;

export async function runScenario(sb: ScenarioBot, scenario: Scenario): Promise<ScenarioResult> {
  const { brobygger } = sb;
  const id = `scenario-${++counter}-${scenario.lang}`;
  const adapter = new TestAdapter((context) => brobygger.bot.run(context));
  adapter.locale = '';
  Object.assign(adapter.conversation, {
    channelId: 'test',
    serviceUrl: 'http://localhost/test',
    conversation: { id } as Activity['conversation'],
    user: { id: `resident-${id}`, name: 'Resident' },
    bot: { id: 'brobygger', name: 'Brobygger' },
    locale: '',
  });
  adapter.onTurnError = brobygger.adapter.onTurnError;
  const [date, time] = scenario.at.split(' ');
  let at = fromCopenhagen(date, time ?? '15:00');
  const facts = factsFromCatalog(brobygger.catalog);
  const errorTexts = LANGUAGES.flatMap((l) => [brobygger.translator.fixed(l)('common:error'), brobygger.translator.fixed(l)('common:tryAgain')]);

  const result: ScenarioResult = { scenario, failures: [], checks: new Map(), transcript: [] };
  let language = scenario.lang;
  const filled = new Map<string, Set<string>>();
  // The service dialog under way after the previous turn: a dialog begun afresh owes nothing to an earlier one.
  let serviceBefore: string | undefined;
  for (const [i, turn] of scenario.turns.entries()) {
    sb.setNow(at);
    at = new Date(at.getTime() + MINUTES_BETWEEN_TURNS * 60_000);
    sb.lastTrace = undefined;
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity(turn.say);
    const replies = adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
    const trace: TurnTrace = sb.lastTrace ?? {};
    // What the resident reads: the texts, and the texts on cards (the club list).
    const text = replies.map((r) => [r.text ?? '', ...(r.attachments ?? []).map((a) => cardText(a.content))].join('\n').replace(/\u200F/g, '')).join('\n');
    const buttons = replies.flatMap((r) => r.suggestedActions?.actions.map((a) => String(a.title)) ?? []);
    result.transcript.push(`resident> ${turn.say}`, ...replies.map((r) => `bot[${r.locale}]> ${(r.text ?? '').replace(/\u200F/g, '')}${r.attachments?.length ? ' [card]' : ''}${r.suggestedActions ? ` {${r.suggestedActions.actions.map((a) => a.title).join(' | ')}}` : ''}`));

    const conversation = await conversationState(brobygger, id);
    const session = await brobygger.handoff.service.session(id);
    const activeHandoff = !!conversation.handoff && !!session && session.status !== 'ended';
    const route = activeHandoff ? 'counsellor' : (activeService(conversation) ?? trace.route ?? 'menu');
    const expect = turn.expect;
    const check = (kind: string, ok: boolean, detail: () => string) => {
      const c = result.checks.get(kind) ?? { n: 0, ok: 0 };
      c.n++;
      if (ok) c.ok++;
      else result.failures.push({ turn: i + 1, check: kind, detail: detail() });
      result.checks.set(kind, c);
    };

    if (isLang(expect.language)) language = expect.language;
    // Every turn: the resident's language, no error apology, nothing already said asked again.
    check('language', replies.length > 0 && replies.every((r) => r.locale === language), () => `replies in ${[...new Set(replies.map((r) => r.locale))].join(',') || 'none'}, not ${language}`);
    check('noError', !errorTexts.some((e) => e && text.includes(e)), () => 'an error apology');
    if (trace.route && serviceBefore !== trace.route) filled.delete(trace.route);
    serviceBefore = activeHandoff ? undefined : activeService(conversation);
    if (trace.asked && trace.route) {
      const before = filled.get(trace.route);
      check('notAskedTwice', !before?.has(trace.asked), () => `asked for ${trace.asked} again`);
    }
    if (trace.route && trace.slots) {
      const set = new Set<string>();
      for (const [k, v] of Object.entries(trace.slots)) if (v !== undefined && !(Array.isArray(v) && v.length === 0 && k !== 'interests')) set.add(k);
      // A corrected slot may be asked again; what is filled now is what counts from here on.
      filled.set(trace.route, set);
    }

    if (expect.route !== undefined) check('route', route === expect.route, () => `route ${route}, expected ${expect.route}`);
    if (expect.slots) {
      const slots = trace.slots ?? {};
      for (const [k, v] of Object.entries(expect.slots as Record<string, unknown>)) {
        check('slots', sameValue(slots[k], v, at), () => `slot ${k} = ${JSON.stringify(slots[k])}, expected ${JSON.stringify(v)}`);
      }
    }
    if (expect.asks !== undefined) check('asks', trace.asked === expect.asks, () => `asked ${trace.asked ?? 'nothing'}, expected ${expect.asks}`);
    if (expect.notAsks !== undefined) {
      const not = Array.isArray(expect.notAsks) ? expect.notAsks : [expect.notAsks];
      check('notAsks', !not.includes(trace.asked), () => `asked ${trace.asked}`);
    }
    const lower = fold(text);
    if (expect.says) for (const s of expect.says as string[]) check('says', lower.includes(fold(String(s))), () => `no "${s}" in: ${short(text)}`);
    if (expect.saysAny) check('says', (expect.saysAny as string[]).some((s) => lower.includes(fold(String(s)))), () => `none of ${JSON.stringify(expect.saysAny)} in: ${short(text)}`);
    if (expect.notSays) for (const s of expect.notSays as string[]) check('notSays', !lower.includes(fold(String(s))), () => `"${s}" said`);
    if (expect.buttons) for (const b of expect.buttons as string[]) check('buttons', buttons.includes(b), () => `no button "${b}" in ${JSON.stringify(buttons)}`);
    if (expect.handoff !== undefined) check('handoff', activeHandoff === expect.handoff, () => `handoff ${activeHandoff}`);
    if (expect.urgent !== undefined) {
      const urgent = activeHandoff && !!session?.urgent;
      check('urgent', urgent === expect.urgent, () => `urgent ${urgent}`);
    }
    if (isDangerKind(expect.danger)) check('danger', session?.dangerKind === expect.danger, () => `danger kind ${session?.dangerKind ?? 'none'}, expected ${expect.danger}`);
    if (isDangerKind(expect.helpline)) {
      const lines = facts.helplines(expect.helpline, language).map((l) => l.phone ?? l.website ?? '');
      check('helpline', text.includes('112') && lines.some((l) => l && text.includes(l)), () => `no 112 or ${expect.helpline} line (${lines.join(', ')}) in: ${short(text)}`);
    }
    if (expect.noHelpline) {
      const expected = isDangerKind(expect.helpline) ? facts.helplines(expect.helpline, language).map((l) => l.phone ?? l.website) : [];
      for (const kind of expect.noHelpline as DangerKind[]) {
        const wrong = facts.helplines(kind, language).map((l) => l.phone ?? l.website ?? '').filter((l) => l && !expected.includes(l));
        check('noHelpline', !wrong.some((l) => text.includes(l)), () => `a ${kind} line in: ${short(text)}`);
      }
    }
    if (expect.reference !== undefined) {
      const has = /BB-[2-9A-HJKMNP-Z]{6}/.test(text);
      check('reference', has === expect.reference, () => `reference ${has}`);
    }
    if (expect.openOn !== undefined) {
      const day = dayName(String(expect.openOn), at);
      const clubs = trace.clubs ?? [];
      const ok = (trace.openDay === day && clubs.length > 0 && clubs.every((c) => c.open)) || trace.noneOpen === day;
      check('openOn', ok, () => `clubs ${JSON.stringify(clubs)} open on ${trace.openDay ?? '-'} (none open: ${trace.noneOpen ?? '-'}), expected ${day}`);
    }
    if (expect.directory !== undefined) {
      const entries = trace.directory ?? [];
      check('directory', entries.some((e) => e.topic === expect.directory && e.reachable), () => `directory ${JSON.stringify(entries)}`);
    }
    if (expect.areaFacts !== undefined) check('areaFacts', trace.areaFacts === expect.areaFacts, () => `area facts ${trace.areaFacts ?? 'none'}`);
  }
  return result;
}

async function conversationState(b: Brobygger, conversationId: string): Promise<ConversationData> {
  const key = `test/brobygger/conversations/${conversationId}`;
  const items = await b.backend.storage.read([key]);
  return (items[key] ?? {}) as ConversationData;
}

interface StackEntry {
  id?: string;
  state?: { dialogs?: { dialogStack?: StackEntry[] } };
}

function activeService(conversation: ConversationData): string | undefined {
  const walk = (stack: StackEntry[] | undefined): string | undefined => {
    for (const e of stack ?? []) {
      if (e.id && isServiceRoute(e.id)) return e.id;
      const inner = walk(e.state?.dialogs?.dialogStack);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk((conversation.dialogState as { dialogStack?: StackEntry[] } | undefined)?.dialogStack);
}

/** A slot value as the trace has it against what the scenario expects (lists as sets; "today" as a weekday). */
function sameValue(actual: unknown, expected: unknown, at: Date): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e) => actual.includes(e));
  if (typeof expected === 'string' && ['today', 'tomorrow'].includes(expected) && typeof actual === 'string') return actual === dayName(expected, at) || actual === expected;
  return actual === expected || String(actual) === String(expected);
}

function dayName(day: string, at: Date): string {
  const today = copenhagenParts(at).date;
  if (day === 'today') return weekdayOfDate(today);
  if (day === 'tomorrow') return weekdayOfDate(addDays(today, 1));
  return day;
}

/** Every text of an Adaptive Card, in order. */
function cardText(content: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') out.push(`${o.title}: ${o.value}`);
      for (const [k, v] of Object.entries(o)) if (k !== 'text' && typeof v === 'object') walk(v);
    }
  };
  walk(content);
  return out.join('\n');
}

function fold(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase();
}

function short(s: string): string {
  return s.length > 220 ? `${s.slice(0, 220)}…` : s;
}
