/**
 * Cost of the offline language engine: start-up (training) time, live heap it keeps after start-up, and time
 * and garbage-collection per message for `LanguageDetector.detect` and `Understanding.read`, on the
 * evaluation messages of `test/fixtures/understanding/`. Also prints a digest of every answer, so a change
 * meant to be "faster, same answers" can be checked: the digest must not move.
 * Prints figures; asserts nothing.
 *
 *   npm run build && node --expose-gc dist/bench/engine.js [--rounds 30] [--dump answers.jsonl]
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { LanguageDetector } from '../src/language/detect';
import { isLang, type Lang } from '../src/language/languages';
import { LOCALES_DIR, PROJECT_ROOT } from '../src/paths';
import { Understanding } from '../src/understanding';

const gc = (globalThis as { gc?: () => void }).gc;

/** JS heap plus typed-array backing stores (which live outside the JS heap), after a full collection. */
function liveHeapMb(): number {
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1048576;
}

function readTexts(): { text: string; lang: Lang }[] {
  const dir = path.join(PROJECT_ROOT, 'test', 'fixtures', 'understanding');
  const out: { text: string; lang: Lang }[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as { text?: unknown; lang?: unknown };
      if (typeof o.text === 'string' && isLang(o.lang)) out.push({ text: o.text, lang: o.lang });
    }
  }
  return out;
}

/** Time per call and GC pauses while running `fn` over every message `rounds` times (after a warm-up). */
async function measure(rounds: number, items: unknown[], fn: (i: number) => unknown): Promise<{ us: number; gcMs: number; gcCount: number }> {
  for (let r = 0; r < 3; r++) for (let i = 0; i < items.length; i++) fn(i);
  liveHeapMb();
  let gcMs = 0;
  let gcCount = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (let i = 0; i < items.length; i++) fn(i);
  const ms = performance.now() - t0;
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  obs.disconnect();
  return { us: (ms * 1000) / (rounds * items.length), gcMs, gcCount };
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const rounds = Number(arg('--rounds') ?? 30);
  const dump = arg('--dump');
  if (!gc) console.log('(run with node --expose-gc for live-heap figures)');

  const items = readTexts();
  const heap0 = liveHeapMb();
  let t0 = performance.now();
  const understanding = Understanding.createSync(LOCALES_DIR);
  const trainMs = performance.now() - t0;
  const heap1 = liveHeapMb();
  t0 = performance.now();
  const detector = LanguageDetector.create(LOCALES_DIR);
  const detectorMs = performance.now() - t0;
  const heap2 = liveHeapMb();

  console.log(`start-up: route model ${trainMs.toFixed(0)} ms, language profiles ${detectorMs.toFixed(0)} ms`);
  console.log(
    `live heap (JS heap + typed arrays): ${heap0.toFixed(1)} MB before, +${(heap1 - heap0).toFixed(1)} MB route model, +${(heap2 - heap1).toFixed(1)} MB language profiles = ${heap2.toFixed(1)} MB (rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB)`,
  );

  const answers = items.map((it) => {
    const guess = detector.detect(it.text);
    const lang = guess && guess.confidence >= 0.5 ? guess.lang : it.lang;
    return { guess, lang, understood: understanding.read(it.text, lang) };
  });
  const lines = answers.map((a) => JSON.stringify(a));
  console.log(`answers digest (${items.length} messages): ${crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`);
  if (dump) fs.writeFileSync(dump, lines.join('\n') + '\n');

  const d = await measure(rounds, items, (i) => detector.detect(items[i].text));
  const u = await measure(rounds, items, (i) => understanding.read(items[i].text, answers[i].lang));
  const n = rounds * items.length;
  console.log(`detect:     ${d.us.toFixed(1)} µs/message, GC ${d.gcCount} pauses ${d.gcMs.toFixed(0)} ms over ${n} messages`);
  console.log(`understand: ${u.us.toFixed(1)} µs/message, GC ${u.gcCount} pauses ${u.gcMs.toFixed(0)} ms over ${n} messages`);
  console.log(`live heap after the runs: ${liveHeapMb().toFixed(1)} MB`);
}

void main();
