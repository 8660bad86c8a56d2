import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import Redis from 'ioredis';
import WebSocket from 'ws';
import { childProcessEnv, loadConfig } from '../src/config';

/**
 * `npm run bench:directline [-- --connections 20 --seconds 10]`
 *
 * The resident's web chat path against the same bot process: conversations on our Direct Line endpoint, each
 * with its WebSocket open, one message in flight each (POST activity, then wait until the bot's reply to it
 * arrives on the socket), and, in the same run, the same messages on POST /api/messages with expectReplies.
 * Prints turns/s, p50 and p99 of the reply on the socket (Direct Line) or in the HTTP body (/api/messages).
 */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const CONNECTIONS = arg('connections', 20);
const SECONDS = arg('seconds', 10);
const SECRET = 'bench-directline-secret-0123456789';
const MESSAGES = ['Hej, hvad kan du hjælpe med?', 'Jeg har brug for en tolk til lægen', 'Is there a youth club open tonight?', 'hej'];

interface Result {
  name: string;
  turns: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
}

async function redisUrlIfReachable(): Promise<string | undefined> {
  const url = loadConfig().redisUrl ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.quit();
    return url;
  } catch {
    redis.disconnect();
    return undefined;
  }
}

function startBot(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, '..', 'src', 'index.js'), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('exit', (code) => reject(new Error(`the bot exited with ${code}`)));
    const deadline = Date.now() + 30000;
    const poll = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
        res.resume();
        resolve(child);
      });
      req.on('error', () => (Date.now() > deadline ? reject(new Error('did not start')) : setTimeout(poll, 100)));
    };
    poll();
  });
}

async function json(url: string, init: RequestInit & { auth?: string; json?: unknown }): Promise<any> {
  const res = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${init.auth}`, 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

function summarise(name: string, latencies: number[], errors: number, seconds: number): Result {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { name, turns: latencies.length, errors, seconds, p50: pct(0.5), p99: pct(0.99) };
}

async function driveDirectLine(base: string): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  const conversation = async () => {
    const generated = await json(`${base}/v3/directline/tokens/generate`, { method: 'POST', auth: SECRET });
    const startedConversation = await json(`${base}/v3/directline/conversations`, { method: 'POST', auth: generated.token, json: { locale: 'da-DK' } });
    const socket = new WebSocket(startedConversation.streamUrl);
    // The POST returns once the turn is done, so its reply may already have come over the socket.
    const answered = new Set<string>();
    const waiting = new Map<string, () => void>();
    socket.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      for (const activity of JSON.parse(text).activities) {
        if (!activity.replyToId) continue;
        answered.add(activity.replyToId);
        waiting.get(activity.replyToId)?.();
      }
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    let n = 0;
    while (Date.now() < until) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}/v3/directline/conversations/${startedConversation.conversationId}/activities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${generated.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: MESSAGES[n++ % MESSAGES.length], locale: 'da-DK' }),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const { id } = (await res.json()) as { id: string };
        if (!answered.has(id)) await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no reply on the socket')), 10000);
          waiting.set(id, () => {
            clearTimeout(timer);
            waiting.delete(id);
            resolve();
          });
        });
        answered.delete(id);
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
    socket.close();
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, () => conversation()));
  return summarise('directline', latencies, errors, (performance.now() - started) / 1000);
}

async function driveMessages(base: string): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  const conversation = async (c: number) => {
    let n = 0;
    while (Date.now() < until) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `m${c}-${n}`,
          channelId: 'bench',
          serviceUrl: 'http://127.0.0.1:9/unused',
          conversation: { id: `bench-messages-${c}` },
          from: { id: `resident-${c}` },
          recipient: { id: 'bot' },
          text: MESSAGES[n++ % MESSAGES.length],
          deliveryMode: 'expectReplies',
        }),
      }).catch(() => undefined);
      await res?.arrayBuffer();
      if (res?.status === 200) latencies.push(performance.now() - t0);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, c) => conversation(c)));
  return summarise('api/messages', latencies, errors, (performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const redisUrl = await redisUrlIfReachable();
  const prefix = `bench-directline:${Date.now()}:`;
  const port = 4600 + Math.floor(Math.random() * 400);
  const bot = await startBot(
    // Every simulated resident comes from 127.0.0.1 and sends back to back: lift the per-address and per-resident limits.
    childProcessEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, DIRECTLINE_SECRET: SECRET, DIRECTLINE_REQUESTS_PER_MINUTE: '1000000', RESIDENT_MESSAGES_PER_WINDOW: '10000', RESIDENT_MESSAGE_WINDOW_SECONDS: '1', WEBCHAT_TOKENS_PER_MINUTE: '10000' }),
    port,
  );
  const base = `http://127.0.0.1:${port}`;
  console.log(`bench:directline — ${CONNECTIONS} concurrent conversations, ${SECONDS} s each; state: ${redisUrl ? 'Redis' : 'in memory (no Redis reachable)'}`);
  try {
    const results = [await driveDirectLine(base), await driveMessages(base)];
    console.log('');
    console.log('path            turns/s   p50 ms   p99 ms   errors');
    for (const r of results) {
      console.log(`${r.name.padEnd(14)} ${(r.turns / r.seconds).toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(8)}`);
    }
  } finally {
    bot.removeAllListeners('exit');
    bot.kill('SIGTERM');
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
