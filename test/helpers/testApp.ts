import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { createBrobygger, type Brobygger, type ComposeOptions } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { deleteKeys, REDIS_URL, uniquePrefix } from './redis';
import { sharedDetector, sharedUnderstanding } from './sharedModel';

export { deleteKeys, REDIS_URL, uniquePrefix };

export interface RunningBot {
  brobygger: Brobygger;
  baseUrl: string;
  prefix: string;
  close(): Promise<void>;
}

/** A real Brobygger on a real port, with Redis (default) or in-memory state. */
export async function startBot(
  env: Record<string, string | undefined> = {},
  options: ComposeOptions & { memory?: boolean; name?: string } = {},
): Promise<RunningBot> {
  const prefix = env.REDIS_KEY_PREFIX ?? uniquePrefix(options.name ?? 'bot');
  const config = loadConfig({
    REDIS_URL: options.memory ? undefined : REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const brobygger = await createBrobygger(config, { understanding: await sharedUnderstanding(), detector: sharedDetector(), ...options });
  await new Promise<void>((resolve) => brobygger.http.server.listen(0, '127.0.0.1', () => resolve()));
  const port = (brobygger.http.server.address() as AddressInfo).port;
  return {
    brobygger,
    baseUrl: `http://127.0.0.1:${port}`,
    prefix,
    async close() {
      await brobygger.close();
      // A cluster or Sentinel set of a test's own is thrown away whole; the shared test Redis is cleaned.
      if (!options.memory && config.redis?.mode === 'single' && config.redis.url === REDIS_URL) await deleteKeys(prefix);
    },
  };
}

/** A channel's side of the Bot Framework protocol: receives the bot's replies at its serviceUrl. */
export interface FakeChannel {
  serviceUrl: string;
  received: { path: string; activity: Partial<Activity> }[];
  /** Resolves when `count` activities have arrived in a conversation. */
  waitFor(conversationId: string, count: number, timeoutMs?: number): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export async function startFakeChannel(): Promise<FakeChannel> {
  const received: FakeChannel['received'] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        received.push({ path: req.url ?? '', activity: JSON.parse(body || '{}') });
      } catch {
        received.push({ path: req.url ?? '', activity: {} });
      }
      waiters.splice(0).forEach((w) => w());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `act-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const inConversation = (id: string) => received.filter((r) => r.path.includes(`/v3/conversations/${encodeURIComponent(id)}/`)).map((r) => r.activity);
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    received,
    async waitFor(conversationId, count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (inConversation(conversationId).length < count) {
        if (Date.now() > deadline) throw new Error(`channel got ${inConversation(conversationId).length} of ${count} activities`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return inConversation(conversationId);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let counter = 0;
/** A message activity as a channel would post it. */
export function messageActivity(text: string, overrides: Partial<Activity> & { conversationId?: string } = {}): Partial<Activity> {
  const { conversationId, ...rest } = overrides;
  const conversation = conversationId ?? `conv-${randomBytes(4).toString('hex')}`;
  return {
    type: 'message',
    id: `msg-${++counter}`,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/unused',
    conversation: { id: conversation } as Activity['conversation'],
    // One resident per conversation unless a test says otherwise (user state follows the resident).
    from: { id: `resident-of-${conversation}`, name: 'Resident' },
    recipient: { id: 'brobygger', name: 'Brobygger' },
    text,
    ...rest,
  };
}

export interface PostResult {
  status: number;
  body: any;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

/** Sends one message with deliveryMode expectReplies and returns the bot's replies from the HTTP body. */
export async function ask(baseUrl: string, text: string, overrides: Partial<Activity> & { conversationId?: string } = {}): Promise<Partial<Activity>[]> {
  const res = await post(`${baseUrl}/api/messages`, messageActivity(text, { deliveryMode: 'expectReplies', ...overrides }));
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body?.activities ?? []) as Partial<Activity>[];
}
