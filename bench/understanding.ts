/**
 * Accuracy of language detection, intent, topic and the safety policy on the held-out evaluation set
 * `test/fixtures/understanding/*.jsonl` (lines `{"text","lang","route","urgent"?,"danger"?,"topic"?,"lookalike"?}`),
 * which is never used for training; and every command phrase of `locales/<lng>/training/commands.json`, which
 * must never be urgent. Each message is judged as the first of a conversation (no dialog, no handoff), the way
 * the turn policy (src/understanding/policy.ts) would act on it. Prints figures; asserts nothing.
 * `npm run bench:understanding [-- --verbose]`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../src/catalog';
import { factsFromCatalog } from '../src/handoff/facts';
import { COMMANDS } from '../src/language/commands';
import { LanguageDetector } from '../src/language/detect';
import { LANGUAGES, isLang, type Lang } from '../src/language/languages';
import { DATA_DIR, LOCALES_DIR, PROJECT_ROOT } from '../src/paths';
import { CONFIDENCE_THRESHOLD, DANGER_KINDS, isDangerKind, isRoute, isTopic, normalizeText, ROUTES, Understanding, type DangerKind, type Route, type Topic } from '../src/understanding';
import { decideTurn, type Decision } from '../src/understanding/policy';
import { withSupportedRoute } from '../src/understanding/support';
import { EntityReader, withEntities } from '../src/understanding';
/** A Thursday afternoon, as the conversation scenarios assume. */
const EVAL_NOW = new Date('2026-12-03T14:00:00Z');

interface EvalItem {
  text: string;
  lang: Lang;
  route: Route;
  urgent: boolean;
  danger?: DangerKind;
  topic?: Topic;
  lookalike: boolean;
  file: string;
}

function readEval(dir: string): EvalItem[] {
  const items: EvalItem[] = [];
  if (!fs.existsSync(dir)) return items;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    fs.readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        let o: Record<string, unknown>;
        try {
          o = JSON.parse(line);
        } catch {
          console.log(`! ${file}:${i + 1}: not JSON, skipped`);
          return;
        }
        if (typeof o.text !== 'string' || !isLang(o.lang) || !isRoute(o.route)) {
          console.log(`! ${file}:${i + 1}: needs text, lang, route; skipped`);
          return;
        }
        const urgent = o.urgent === true;
        items.push({
          text: o.text,
          lang: o.lang,
          route: o.route,
          urgent,
          danger: urgent ? (isDangerKind(o.danger) ? o.danger : 'unknown') : undefined,
          topic: isTopic(o.topic) ? o.topic : undefined,
          lookalike: o.lookalike === true,
          file,
        });
      });
  }
  return items;
}

const pct = (a: number, b: number) => (b === 0 ? '    - ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

function main(): void {
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  const items = readEval(path.join(PROJECT_ROOT, 'test', 'fixtures', 'understanding'));

  let t0 = performance.now();
  const understanding = Understanding.createSync(LOCALES_DIR);
  const trainMs = performance.now() - t0;
  const detector = LanguageDetector.create(LOCALES_DIR);
  const catalog = loadCatalog(DATA_DIR);
  const facts = factsFromCatalog(catalog);
  const entities = EntityReader.load(LOCALES_DIR, catalog);
  // The reply's helplines for a kind, as the resident would read them (names and numbers, Danish wording).
  const linesOf = (kind: DangerKind | undefined) => facts.helplines(kind, 'da').map((l) => `${l.name}|${l.phone ?? l.website}`).join(',');

  const perLang = new Map<Lang, number>();
  for (const p of understanding.trainingPhrases) perLang.set(p.lang, (perLang.get(p.lang) ?? 0) + 1);
  console.log(`training phrases: ${understanding.trainingPhrases.length} (${LANGUAGES.map((l) => `${l} ${perLang.get(l) ?? 0}`).join(', ')}); trained in ${trainMs.toFixed(0)} ms`);
  console.log(`evaluation messages: ${items.length}`);
  const trained = new Set(understanding.trainingPhrases.map((p) => normalizeText(p.text)));
  const overlaps = items.filter((it) => trained.has(normalizeText(it.text)));
  console.log(`overlap evaluation/training (after normalisation): ${overlaps.length}`);
  for (const o of overlaps.slice(0, 10)) console.log(`  ${o.file}: ${JSON.stringify(o.text)}`);
  if (items.length === 0) return;

  t0 = performance.now();
  const judged = items.map((it) => {
    const guess = detector.detect(it.text);
    // The bot uses a confident detection, else the conversation's language: here the labelled one.
    const lang = guess && guess.confidence >= 0.5 ? guess.lang : it.lang;
    // As the pipeline reads a message: the route, the entities, and the route the entities support.
    const reading = withEntities(understanding.read(it.text, lang), entities, EVAL_NOW);
    withSupportedRoute(reading);
    const decision = decideTurn(reading, { pressedButton: false });
    const route: Route = decision.action === 'urgent' ? 'counsellor' : decision.action === 'command' && decision.command === 'human' ? 'counsellor' : reading.intent.route;
    return { it, detected: guess?.lang, reading, decision, route };
  });
  const perMessageMs = (performance.now() - t0) / items.length;

  // --- intent -------------------------------------------------------------------------------------
  const byLang = new Map<Lang, { n: number; ok: number; langOk: number }>();
  const byRoute = new Map<Route, { n: number; ok: number }>();
  const confusion = new Map<string, number>();
  const misses: string[] = [];
  let ok = 0;
  let topicN = 0;
  let topicOk = 0;
  let belowRight = 0;
  let belowWrong = 0;
  for (const { it, detected, reading, decision, route } of judged) {
    const l = byLang.get(it.lang) ?? { n: 0, ok: 0, langOk: 0 };
    const r = byRoute.get(it.route) ?? { n: 0, ok: 0 };
    l.n++;
    r.n++;
    if (detected === it.lang) l.langOk++;
    const right = route === it.route;
    if (right) {
      ok++;
      l.ok++;
      r.ok++;
    } else misses.push(`  [${it.lang}] ${it.route} -> ${route} (${reading.intent.confidence}) ${JSON.stringify(it.text)}`);
    if (decision.action !== 'urgent' && reading.intent.confidence < CONFIDENCE_THRESHOLD) right ? belowRight++ : belowWrong++;
    if (it.route === 'information' && it.topic) {
      topicN++;
      if (route === 'information' && reading.intent.topic === it.topic) topicOk++;
      else if (verbose) misses.push(`  [${it.lang}] topic ${it.topic} -> ${route}/${reading.intent.topic ?? '-'} ${JSON.stringify(it.text)}`);
    }
    byLang.set(it.lang, l);
    byRoute.set(it.route, r);
    confusion.set(`${it.route}|${route}`, (confusion.get(`${it.route}|${route}`) ?? 0) + 1);
  }
  console.log('\nper language            intent acc   lang-detect acc   n');
  for (const lang of LANGUAGES) {
    const l = byLang.get(lang);
    if (l) console.log(`  ${pad(lang, 22)}${pct(l.ok, l.n)}        ${pct(l.langOk, l.n)}        ${l.n}`);
  }
  const langOkAll = [...byLang.values()].reduce((s, l) => s + l.langOk, 0);
  console.log(`  ${pad('overall', 22)}${pct(ok, items.length)}        ${pct(langOkAll, items.length)}        ${items.length}`);
  console.log('\nper route (recall)');
  for (const route of ROUTES) {
    const r = byRoute.get(route);
    if (r) console.log(`  ${pad(route, 16)}${pct(r.ok, r.n)}  ${r.n}`);
  }
  console.log(`  topic of information messages: ${pct(topicOk, topicN)} (${topicOk}/${topicN})`);
  console.log('\nconfusion (rows: labelled, columns: what the bot does)');
  console.log(`  ${pad('', 16)}${ROUTES.map((r) => lpad(r.slice(0, 8), 9)).join('')}`);
  for (const a of ROUTES) if (byRoute.has(a)) console.log(`  ${pad(a, 16)}${ROUTES.map((b) => lpad(confusion.get(`${a}|${b}`) ?? 0, 9)).join('')}`);

  // --- safety -------------------------------------------------------------------------------------
  const kinds = new Map<DangerKind, { n: number; urgent: number; asked: number; byWord: number; rightLine: number }>();
  const urgentMisses: string[] = [];
  const wrongLines: string[] = [];
  const falseUrgent: string[] = [];
  let notes = 0;
  let asks = 0;
  let lookalikes = 0;
  let lookalikesUrgent = 0;
  let others = 0;
  let othersUrgent = 0;
  for (const { it, decision } of judged) {
    const urgent = decision.action === 'urgent';
    if (it.urgent) {
      const k = kinds.get(it.danger!) ?? { n: 0, urgent: 0, asked: 0, byWord: 0, rightLine: 0 };
      k.n++;
      // Asked "are you safe right now?" (or told in a line before the request) with 112 and the kind's helpline.
      const note = (decision.action === 'start' || decision.action === 'continue') && decision.safetyNote;
      if (note && linesOf(note.kind) === linesOf(it.danger)) k.rightLine++;
      if (note) k.asked++;
      if (decision.action === 'askSafe') {
        k.asked++;
        if (linesOf(decision.danger.kind) === linesOf(it.danger)) k.rightLine++;
      }
      if (urgent) {
        k.urgent++;
        if (decision.danger.by === 'word') k.byWord++;
        if (linesOf(decision.danger.kind) === linesOf(it.danger)) k.rightLine++;
        else wrongLines.push(`  [${it.lang}] ${it.danger} -> ${decision.danger.kind} (${decision.danger.by}${decision.danger.term ? `: ${decision.danger.term}` : ''}) ${JSON.stringify(it.text)}`);
      } else if (decision.action !== 'askSafe' && !note) urgentMisses.push(`  [${it.lang}] ${it.danger} -> ${describe(decision)} ${JSON.stringify(it.text)}`);
      kinds.set(it.danger!, k);
    } else {
      if (it.lookalike) lookalikes++;
      else others++;
      if ((decision.action === 'start' || decision.action === 'continue') && decision.safetyNote) notes++;
      if (decision.action === 'askSafe') asks++;
      if (urgent) {
        if (it.lookalike) lookalikesUrgent++;
        else othersUrgent++;
        falseUrgent.push(`  [${it.lang}] ${it.route}${it.lookalike ? ' (look-alike)' : ''} -> ${decision.danger.kind} (${decision.danger.by}${decision.danger.term ? `: ${decision.danger.term}` : ''}) ${JSON.stringify(it.text)}`);
      }
    }
  }
  console.log('\n(urgent: handed to a person at once, with 112 and the helpline; asked: "are you safe right now?", or a line before the request, with 112 and the helpline)');
  console.log('danger kind          n   urgent   urgent or asked   by a word   right helpline');
  let allN = 0;
  let allUrgent = 0;
  let allAsked = 0;
  let allRight = 0;
  for (const kind of DANGER_KINDS) {
    const k = kinds.get(kind);
    if (!k) continue;
    allN += k.n;
    allUrgent += k.urgent;
    allAsked += k.asked;
    allRight += k.rightLine;
    console.log(`  ${pad(kind, 18)}${lpad(k.n, 3)}   ${pct(k.urgent, k.n)}   ${pct(k.urgent + k.asked, k.n)}           ${pct(k.byWord, k.n)}      ${pct(k.rightLine, k.urgent + k.asked)}`);
  }
  console.log(`  ${pad('all', 18)}${lpad(allN, 3)}   ${pct(allUrgent, allN)}   ${pct(allUrgent + allAsked, allN)}                         ${pct(allRight, allUrgent + allAsked)}`);
  console.log(`on messages without a crisis: a safety line before the request ${notes}, "are you safe?" ${asks} of ${lookalikes + others}`);
  console.log(`false urgent: look-alikes ${lookalikesUrgent}/${lookalikes} (${pct(lookalikesUrgent, lookalikes).trim()}), other messages ${othersUrgent}/${others} (${pct(othersUrgent, others).trim()})`);

  // --- commands -----------------------------------------------------------------------------------
  let commandPhrases = 0;
  const commandUrgent: string[] = [];
  const commandMissed: string[] = [];
  for (const lang of LANGUAGES) {
    const file = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lang, 'training', 'commands.json'), 'utf8')) as Record<string, string[]>;
    for (const command of COMMANDS) {
      for (const phrase of file[command] ?? []) {
        for (const inDialog of [false, true]) {
          commandPhrases++;
          const decision = decideTurn(understanding.read(phrase, lang), { pressedButton: false, activeService: inDialog ? 'clubs' : undefined });
          const answerWord = inDialog && ['yes', 'no', 'greeting', 'thanks'].includes(command);
          if (decision.action === 'urgent') commandUrgent.push(`  [${lang}] ${command}${inDialog ? ' (in a dialog)' : ''}: ${JSON.stringify(phrase)} -> ${decision.danger.kind}`);
          else if (!answerWord && !(decision.action === 'command' && decision.command === command)) commandMissed.push(`  [${lang}] ${command}${inDialog ? ' (in a dialog)' : ''}: ${JSON.stringify(phrase)} -> ${describe(decision)}`);
        }
      }
    }
  }
  console.log(`command phrases (every language, outside and inside a dialog): ${commandPhrases}; urgent: ${commandUrgent.length}; not taken as their command: ${commandMissed.length}`);

  console.log(`\nconfidence threshold ${CONFIDENCE_THRESHOLD}: asks back on ${belowRight + belowWrong} messages (${belowWrong} wrong, ${belowRight} right)`);
  console.log(`timing: training ${trainMs.toFixed(0)} ms, ${perMessageMs.toFixed(3)} ms per message (detect + read + decide)`);

  const section = (title: string, lines: string[], always = false) => {
    if (lines.length && (always || verbose)) console.log(`\n${title}:\n${lines.join('\n')}`);
  };
  section('crisis messages given no help (neither urgent nor asked)', urgentMisses, true);
  section('urgent with another kind\'s helpline', wrongLines, true);
  section('false urgent', falseUrgent, true);
  section('command phrases urgent', commandUrgent, true);
  section('command phrases not taken as their command', commandMissed, true);
  section('intent misses', misses);
  if (!verbose) console.log('\n(--verbose lists every intent miss)');
}

function describe(d: Decision): string {
  switch (d.action) {
    case 'urgent':
    case 'askSafe':
      return `${d.action} ${d.danger.kind}`;
    case 'command':
      return `command ${d.command}`;
    case 'start':
      return `start ${d.route}`;
    case 'switch':
      return `switch ${d.route}`;
    default:
      return d.action;
  }
}

main();
