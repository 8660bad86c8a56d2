/**
 * Plays every conversation scenario of `test/fixtures/conversations/` through the whole bot and prints pass
 * rates per language, per tag and per kind of check, and the failures. Prints figures; asserts nothing.
 *   npm run bench:conversations [-- --verbose] [-- --lang da] [-- --grep text]
 */
import { LANGUAGES } from '../src/language/languages';
import { createScenarioBot, readScenarios, runScenario, type ScenarioResult } from '../test/scenarios/runner';

const pct = (a: number, b: number) => (b === 0 ? '    - ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const pad = (s: string | number, n: number) => String(s).padEnd(n);

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  const onlyLang = arg('--lang');
  const grep = arg('--grep');
  const scenarios = readScenarios().filter((s) => (!onlyLang || s.lang === onlyLang) && (!grep || s.name.includes(grep)));
  const bot = await createScenarioBot();
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const s of scenarios) results.push(await runScenario(bot, s));
  const ms = performance.now() - started;
  await bot.close();

  const passed = (r: ScenarioResult) => r.failures.length === 0;
  console.log(`scenarios: ${results.length}, turns: ${results.reduce((n, r) => n + r.scenario.turns.length, 0)}, ${(ms / 1000).toFixed(1)} s`);
  console.log(`\nper language        scenarios passed`);
  for (const lang of LANGUAGES) {
    const mine = results.filter((r) => r.scenario.lang === lang);
    if (mine.length) console.log(`  ${pad(lang, 18)}${pct(mine.filter(passed).length, mine.length)}  (${mine.filter(passed).length}/${mine.length})`);
  }
  console.log(`  ${pad('all', 18)}${pct(results.filter(passed).length, results.length)}  (${results.filter(passed).length}/${results.length})`);

  const tags = [...new Set(results.flatMap((r) => r.scenario.tags))].sort();
  console.log('\nper tag');
  for (const tag of tags) {
    const mine = results.filter((r) => r.scenario.tags.includes(tag));
    console.log(`  ${pad(tag, 18)}${pct(mine.filter(passed).length, mine.length)}  (${mine.filter(passed).length}/${mine.length})`);
  }

  const checks = new Map<string, { n: number; ok: number }>();
  for (const r of results) for (const [k, c] of r.checks) {
    const all = checks.get(k) ?? { n: 0, ok: 0 };
    all.n += c.n;
    all.ok += c.ok;
    checks.set(k, all);
  }
  console.log('\nper kind of check     held');
  for (const [k, c] of [...checks].sort()) console.log(`  ${pad(k, 18)}${pct(c.ok, c.n)}  (${c.ok}/${c.n})`);

  const failed = results.filter((r) => !passed(r));
  if (failed.length) console.log('\nfailed scenarios:');
  for (const r of failed) {
    console.log(`\n  [${r.scenario.file}] ${r.scenario.name}`);
    for (const f of r.failures) console.log(`    turn ${f.turn} ${f.check}: ${f.detail}`);
    if (verbose) for (const line of r.transcript) console.log(`      ${line.replace(/\n/g, '\n        ')}`);
  }
}

void main();
