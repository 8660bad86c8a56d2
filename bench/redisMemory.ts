import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { createBrobygger } from '../src/compose';
import { loadConfig } from '../src/config';
import { RedisKeys } from '../src/storage/keys';

/**
 * `npm run bench:redis-memory [-- --conversations 50]`
 *
 * What an idle conversation costs in Redis: the bot (in this process, on REDIS_URL or 127.0.0.1:6379) holds
 * a number of typical conversations over HTTP (greeting, a question, an interpreter request half-way, so a
 * dialog stack is stored), then every key of each conversation is measured with MEMORY USAGE: its state
 * document, transcript and its resident's user state. Prints bytes per conversation by kind of key.
 */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const CONVERSATIONS = arg('conversations', 50);
const MESSAGES = ['Hej', 'Jeg har brug for en tolk til lægen', 'arabisk'];

async function main(): Promise<void> {
  const base = loadConfig();
  const prefix = `bench:memory:${Date.now()}:`;
  const config = loadConfig({ ...process.env, REDIS_URL: base.redisUrl ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' });
  const bot = await createBrobygger(config);
  await new Promise<void>((resolve) => bot.http.server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(bot.http.server.address() as AddressInfo).port}/api/messages`;
  const redis = new Redis(config.redisUrl!);
  const keys = new RedisKeys(prefix);
  try {
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.text());
    const activity = (conversationId: string, extra: Record<string, unknown>) => ({
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:9/unused',
      conversation: { id: conversationId },
      from: { id: `user-${conversationId}`, name: 'Resident' },
      recipient: { id: 'brobygger', name: 'Brobygger' },
      deliveryMode: 'expectReplies',
      ...extra,
    });
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `bench-${i}-${Math.random().toString(36).slice(2, 14)}`);
    await Promise.all(
      ids.map(async (id) => {
        await post(activity(id, { type: 'conversationUpdate', membersAdded: [{ id: `user-${id}` }] }));
        for (const text of MESSAGES) await post(activity(id, { type: 'message', text }));
      }),
    );

    const kinds: Record<string, number[]> = { state: [], transcript: [], user: [], total: [] };
    for (const id of ids) {
      const measured = {
        state: await redis.memory('USAGE', keys.document(`webchat/brobygger/conversations/${id}`)),
        transcript: await redis.memory('USAGE', keys.log(`webchat/${id}`)),
        user: await redis.memory('USAGE', keys.document(`webchat/brobygger/users/user-${id}`)),
      };
      let total = 0;
      for (const [kind, bytes] of Object.entries(measured)) {
        kinds[kind].push(Number(bytes ?? 0));
        total += Number(bytes ?? 0);
      }
      kinds.total.push(total);
    }
    const stats = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const avg = xs.reduce((a, b) => a + b, 0) / xs.length;
      return `${sorted[0]}`.padStart(7) + `${Math.round(avg)}`.padStart(9) + `${sorted.at(-1)}`.padStart(8);
    };
    console.log(`bench:redis-memory — ${CONVERSATIONS} idle conversations (greeting + ${MESSAGES.length} messages, an interpreter request half-way), bytes (MEMORY USAGE)`);
    console.log('');
    console.log('key            min      avg     max');
    for (const [kind, xs] of Object.entries(kinds)) console.log(`${kind.padEnd(10)} ${stats(xs)}`);
    console.log(`\nper idle conversation: ${Math.round(kinds.total.reduce((a, b) => a + b, 0) / ids.length)} bytes on average (target ≤ 2,048)`);
  } finally {
    const found = await redis.keys(`${prefix}*`);
    if (found.length) await Promise.all(found.map((k) => redis.del(k)));
    await redis.quit();
    await bot.close();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
