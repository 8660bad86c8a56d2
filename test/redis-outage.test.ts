import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { ask, startBot, type RunningBot } from './helpers/testApp';

/**
 * Redis goes away while the bot runs: the resident is asked to try again (no crash, no 500), /readyz says
 * 503, and when Redis is back everything works again without a restart.
 */
const port = 7400 + Math.floor(Math.random() * 400);
let redis: ChildProcess | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outage-redis-'));

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      await probe.connect();
      await probe.quit();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('temporary redis-server did not start');
}

async function stopRedis(): Promise<void> {
  if (!redis) return;
  const exited = new Promise((r) => redis!.once('exit', r));
  redis.kill('SIGKILL');
  await exited;
  redis = undefined;
}

const hasRedisServer = (() => {
  try {
    require('node:child_process').execSync('command -v redis-server', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(hasRedisServer ? describe : describe.skip)('Redis outage', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    await startRedis();
    bot = await startBot({ REDIS_URL: `redis://127.0.0.1:${port}` }, { name: 'outage' });
  });
  afterAll(async () => {
    // Also when start-up failed (a timeout on a busy machine): the redis-server must not outlive the test.
    await bot?.brobygger.close().catch(() => undefined);
    await stopRedis();
  });

  test('the resident gets a polite "try again", readiness drops, and both recover without a restart', async () => {
    const conversationId = 'conv-outage';
    expect((await ask(bot.baseUrl, 'Hej, jeg har brug for en tolk', { conversationId })).length).toBeGreaterThan(0);

    await stopRedis();
    const during = await ask(bot.baseUrl, 'Hallo? Er du der stadig?', { conversationId });
    expect(during).toHaveLength(1);
    expect(during[0].text).toBe('Jeg kan ikke nå mit system lige nu. Prøv igen om et øjeblik.');
    expect((await fetch(`${bot.baseUrl}/readyz`)).status).toBe(503);
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);

    await startRedis();
    let ready = 503;
    for (let i = 0; i < 60 && ready !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = (await fetch(`${bot.baseUrl}/readyz`)).status;
    }
    expect(ready).toBe(200);
    const after = await ask(bot.baseUrl, 'Hej igen, jeg vil gerne tale med en person', { conversationId: 'conv-after' });
    expect(after.map((a) => a.text).join(' ')).not.toMatch(/Prøv igen om et øjeblik/);
    const metrics = await (await fetch(`${bot.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^brobygger_turn_errors_total [1-9]/m);
  });
});
