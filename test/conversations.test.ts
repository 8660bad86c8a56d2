import { sharedUnderstanding } from './helpers/sharedModel';
import { createScenarioBot, readScenarios, runScenario } from './scenarios/runner';

/**
 * The core conversation scenarios (test/fixtures/conversations/, `core: true`), played through the whole bot
 * in every language: what the resident would notice after each turn. All of them: `npm run bench:conversations`.
 */
const core = readScenarios().filter((s) => s.core);

describe('conversations residents have with Brobygger (core scenarios)', () => {
  let bot: Awaited<ReturnType<typeof createScenarioBot>>;
  beforeAll(async () => {
    bot = await createScenarioBot(await sharedUnderstanding());
  });
  afterAll(() => bot.close());

  test('there are core scenarios in all nine languages', () => {
    expect(new Set(core.map((s) => s.lang)).size).toBe(9);
  });

  test.each(core.map((s) => [`[${s.file}] ${s.name}`, s] as const))('%s', async (_name, scenario) => {
    const result = await runScenario(bot, scenario);
    // On failure, the whole conversation is shown next to what did not hold.
    expect({ failures: result.failures, transcript: result.failures.length ? result.transcript : [] }).toEqual({ failures: [], transcript: [] });
  });
});
