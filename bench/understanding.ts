/**
 * Accuracy of language detection, route recognition and the safety screen on the held-out evaluation set
 * `test/fixtures/understanding/<lng>.jsonl` (lines `{"text","lang","route","urgent"?}`), which is never used for
 * training. Prints figures; asserts nothing. `npm run bench:understanding`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageDetector } from '../src/language/detect';
import { LANGUAGES, isLang, type Lang } from '../src/language/languages';
import { PROJECT_ROOT, LOCALES_DIR } from '../src/paths';
import { CONFIDENCE_THRESHOLD, isRoute, normalizeText, ROUTES, Understanding, type Route } from '../src/understanding';

interface EvalItem {
  text: string;
  lang: Lang;
  route: Route;
  urgent: boolean;
  file: string;
}

function readEval(dir: string): EvalItem[] {
  const items: EvalItem[] = [];
  if (!fs.existsSync(dir)) return items;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let o: { text?: unknown; lang?: unknown; route?: unknown; urgent?: unknown };
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
      items.push({ text: o.text, lang: o.lang, route: o.route, urgent: o.urgent === true, file });
    });
  }
  return items;
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

function main(): void {
  const evalDir = path.join(PROJECT_ROOT, 'test', 'fixtures', 'understanding');
  const items = readEval(evalDir);

  let t0 = performance.now();
  const understanding = Understanding.createSync(LOCALES_DIR);
  const trainMs = performance.now() - t0;
  t0 = performance.now();
  const detector = LanguageDetector.create(LOCALES_DIR);
  const detectorMs = performance.now() - t0;

  const phrasesPerLang = new Map<Lang, number>();
  for (const p of understanding.trainingPhrases) phrasesPerLang.set(p.lang, (phrasesPerLang.get(p.lang) ?? 0) + 1);
  console.log(`training phrases: ${understanding.trainingPhrases.length} (${LANGUAGES.map((l) => `${l} ${phrasesPerLang.get(l) ?? 0}`).join(', ')})`);
  console.log(`evaluation messages: ${items.length} from ${evalDir}`);

  // The evaluation must be on messages never seen in training.
  const trained = new Set(understanding.trainingPhrases.map((p) => normalizeText(p.text)));
  const overlaps = items.filter((it) => trained.has(normalizeText(it.text)));
  console.log(`overlap eval/training (after normalisation): ${overlaps.length}`);
  for (const o of overlaps.slice(0, 20)) console.log(`  ${o.file}: ${JSON.stringify(o.text)}`);
  if (items.length === 0) return;

  const byLang = new Map<Lang, { n: number; ok: number; langOk: number }>();
  const byRoute = new Map<Route, { n: number; ok: number }>();
  const confusion = new Map<string, number>();
  let ok = 0;
  let counsellorN = 0;
  let counsellorOk = 0;
  let urgentN = 0;
  let urgentFlagged = 0;
  let urgentRouted = 0;
  let falseUrgent = 0;
  let nonUrgent = 0;
  let belowRight = 0;
  let belowWrong = 0;
  let wrongTotal = 0;
  const misses: string[] = [];
  const langMisses: string[] = [];
  const urgentMisses: string[] = [];
  const falseUrgentList: string[] = [];
  const langConfusion = new Map<string, number>();

  t0 = performance.now();
  const answers = items.map((it) => {
    const guess = detector.detect(it.text);
    // The bot passes the message's language when detection is confident, else the conversation's: here the
    // conversation is the one the message is labelled with, as it would be after the first turn.
    const lang = guess && guess.confidence >= 0.5 ? guess.lang : it.lang;
    return { guess, understood: understanding.understand(it.text, lang) };
  });
  const perMessageMs = (performance.now() - t0) / items.length;

  items.forEach((it, i) => {
    const { guess, understood } = answers[i];
    const l = byLang.get(it.lang) ?? { n: 0, ok: 0, langOk: 0 };
    const r = byRoute.get(it.route) ?? { n: 0, ok: 0 };
    l.n++;
    r.n++;
    const right = understood.route === it.route;
    if (right) {
      ok++;
      l.ok++;
      r.ok++;
    } else {
      wrongTotal++;
      misses.push(`  [${it.lang}] ${it.route} -> ${understood.route} (${understood.confidence}) ${JSON.stringify(it.text)}`);
    }
    if (understood.confidence < CONFIDENCE_THRESHOLD && !understood.urgent) right ? belowRight++ : belowWrong++;
    const detected = guess?.lang;
    if (detected === it.lang) l.langOk++;
    else {
      langMisses.push(`  [${it.lang}] -> ${detected ?? 'none'} (${guess?.confidence ?? '-'}) ${JSON.stringify(it.text)}`);
      const key = `${it.lang}->${detected ?? 'none'}`;
      langConfusion.set(key, (langConfusion.get(key) ?? 0) + 1);
    }
    byLang.set(it.lang, l);
    byRoute.set(it.route, r);
    const key = `${it.route}|${understood.route}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    if (it.route === 'counsellor') {
      counsellorN++;
      if (understood.route === 'counsellor') counsellorOk++;
    }
    if (it.urgent) {
      urgentN++;
      if (understood.urgent) urgentFlagged++;
      else urgentMisses.push(`  [${it.lang}] -> ${understood.route} (${understood.confidence}) ${JSON.stringify(it.text)}`);
      if (understood.route === 'counsellor') urgentRouted++;
    } else {
      nonUrgent++;
      if (understood.urgent) {
        falseUrgent++;
        falseUrgentList.push(`  [${it.lang}] ${it.route} -> ${understood.route} (${understood.confidence}) ${JSON.stringify(it.text)}`);
      }
    }
  });

  console.log('\nper language            route acc   lang-detect acc   n');
  for (const lang of LANGUAGES) {
    const l = byLang.get(lang);
    if (!l) continue;
    console.log(`  ${pad(lang, 22)}${pct(l.ok, l.n)}        ${pct(l.langOk, l.n)}        ${l.n}`);
  }
  const langOkAll = [...byLang.values()].reduce((s, l) => s + l.langOk, 0);
  console.log(`  ${pad('overall', 22)}${pct(ok, items.length)}        ${pct(langOkAll, items.length)}        ${items.length}`);

  console.log('\nper route (recall)');
  for (const route of ROUTES) {
    const r = byRoute.get(route);
    if (r) console.log(`  ${pad(route, 16)}${pct(r.ok, r.n)}  ${r.n}`);
  }

  console.log('\nconfusion (rows: labelled route, columns: predicted)');
  const w = 9;
  console.log(`  ${pad('', 16)}${ROUTES.map((r) => lpad(r.slice(0, 8), w)).join('')}`);
  for (const a of ROUTES) {
    if (!byRoute.has(a)) continue;
    console.log(`  ${pad(a, 16)}${ROUTES.map((b) => lpad(confusion.get(`${a}|${b}`) ?? 0, w)).join('')}`);
  }

  console.log(`\ncounsellor recall (route): ${pct(counsellorOk, counsellorN)} (${counsellorOk}/${counsellorN})`);
  console.log(`urgent recall (flagged urgent): ${pct(urgentFlagged, urgentN)} (${urgentFlagged}/${urgentN}); routed to counsellor: ${urgentRouted}/${urgentN}`);
  console.log(`false urgent on non-urgent messages: ${falseUrgent}/${nonUrgent}`);
  console.log(
    `confidence threshold ${CONFIDENCE_THRESHOLD}: asks back on ${belowRight + belowWrong} messages (${belowWrong} of the ${wrongTotal} wrong ones, ${belowRight} right ones)`,
  );
  console.log(`\ntiming: route model training ${trainMs.toFixed(0)} ms, language profiles ${detectorMs.toFixed(0)} ms, ${perMessageMs.toFixed(3)} ms per message (detect + understand)`);
  console.log(`language confusions: ${[...langConfusion].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);

  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  if (urgentMisses.length) console.log(`\nurgent messages not flagged:\n${urgentMisses.join('\n')}`);
  if (verbose) {
    console.log(`\nroute misses:\n${misses.join('\n')}`);
    console.log(`\nurgent but labelled not urgent:\n${falseUrgentList.join('\n')}`);
    console.log(`\nlanguage misses:\n${langMisses.join('\n')}`);
  } else {
    console.log('\n(--verbose lists every route and language miss)');
  }
}

main();
