import { captureLogger } from './helpers/captureLogger';
import * as http from 'node:http';
import { decodeLogEntry } from '../src/storage/logEntryCodec';
import { MemoryStorage } from 'botbuilder';
import Redis from 'ioredis';
import { InterpreterDialog } from '../dialogs/interpreter';
import { RequestStore } from '../src/requests/requestStore';
import { RedisKeys } from '../src/storage/keys';
import { dialogClient, testServices } from './helpers/dialogHarness';
import { ask, messageActivity, post, REDIS_URL, startBot, type RunningBot } from './helpers/testApp';

const STAFF_TOKEN = 'anna-0123456789abcdef';


/** A request from a given loopback address (the limits count per client address). */
function requestFrom(localAddress: string, url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', localAddress, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('rate limits (on Redis)', () => {
  let bot: RunningBot;
  let redis: Redis;
  const captured = captureLogger();
  beforeAll(async () => {
    bot = await startBot(
      {
        RESIDENT_MESSAGES_PER_WINDOW: '4',
        RESIDENT_MESSAGE_WINDOW_SECONDS: '60',
        DIRECTLINE_REQUESTS_PER_MINUTE: '3',
        STAFF_SIGNIN_FAILURES_PER_MINUTE: '3',
        STAFF_REQUESTS_PER_MINUTE: '5',
        STAFF_TOKENS: `anna:${STAFF_TOKEN}`,
        DIRECTLINE_SECRET: 'a-direct-line-secret-for-tests',
        LOG_LEVEL: 'info',
      },
      { name: 'limits', logger: captured.logger },
    );
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await bot.close();
    await redis.quit();
  });

  test('a resident writing too fast is told once, in their language, to wait; those messages are not handled', async () => {
    const conversationId = `conv-fast-${Date.now()}`;
    const texts = ['I need an interpreter', 'Arabic', 'for the doctor', 'tomorrow', 'by phone', 'hello?', 'hello??'];
    const answers: string[][] = [];
    for (const text of texts) answers.push((await ask(bot.baseUrl, text, { conversationId })).map((a) => a.text ?? ''));
    // The first four are handled as always.
    for (const a of answers.slice(0, 4)) expect(a.join(' ')).not.toMatch(/faster than I can read/);
    // The fifth gets the one notice, in English (the conversation's language); the rest get nothing.
    expect(answers[4]).toEqual(["You're writing faster than I can read. Please wait a moment, then send your last message again."]);
    expect(answers[5]).toEqual([]);
    expect(answers[6]).toEqual([]);
    // Only the handled messages are in the transcript.
    const log = await redis.lrange(new RedisKeys(bot.prefix).log(`test/${conversationId}`), 0, -1);
    const said = log.map((l) => decodeLogEntry<{ from: string; text: string }>(l)).filter((l) => l.from === 'resident').map((l) => l.text);
    expect(said).toEqual(texts.slice(0, 4));
    // Another resident is not slowed down.
    expect((await ask(bot.baseUrl, 'hej')).length).toBeGreaterThan(0);
    expect(await bot.brobygger.metrics.render()).toMatch(/^brobygger_rate_limited_total\{scope="resident"\} 3$/m);
  });

  test('the notice is in the resident\'s language: Arabic', async () => {
    const conversationId = `conv-fast-ar-${Date.now()}`;
    let last: string[] = [];
    for (let i = 0; i < 5; i++) last = (await ask(bot.baseUrl, 'أحتاج إلى مترجم من فضلك', { conversationId })).map((a) => a.text ?? '');
    expect(last).toHaveLength(1);
    expect(last[0]).toContain('أنت تكتب أسرع مما أستطيع القراءة');
  });

  test('Direct Line per client address: 429 with Retry-After beyond the limit, other addresses unaffected', async () => {
    const url = `${bot.baseUrl}/v3/directline/tokens/generate`;
    const headers = { authorization: 'Bearer a-direct-line-secret-for-tests', 'content-type': 'application/json' };
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof requestFrom>> | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await requestFrom('127.0.0.21', url, { method: 'POST', headers, body: '{}' });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    expect((await requestFrom('127.0.0.22', url, { method: 'POST', headers, body: '{}' })).status).toBe(200);
  });

  test('failed staff sign-ins: 429 after 3 from one address, also for a right token, one log line without the token', async () => {
    const url = `${bot.baseUrl}/api/staff/me`;
    const wrong = 'Bearer wrong-token-guess-0000000';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await requestFrom('127.0.0.31', url, { headers: { authorization: wrong } })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const right = await requestFrom('127.0.0.31', url, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // From elsewhere the right token works.
    expect((await requestFrom('127.0.0.32', url, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } })).status).toBe(200);
    const lines = captured.lines.filter((l) => l.includes('staff.signInLimited'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('127.0.0.31');
    expect(captured.lines.join('\n')).not.toContain('wrong-token-guess');
  });

  test('requests per staff token: 429 beyond the limit', async () => {
    const statuses: number[] = [];
    // One already made in the test before; the limit is 5 a minute.
    for (let i = 0; i < 5; i++) statuses.push((await requestFrom('127.0.0.33', `${bot.baseUrl}/api/staff/me`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  test('/api/messages with a malformed body is still 400, not counted as a resident message', async () => {
    const res = await post(`${bot.baseUrl}/api/messages`, { ...messageActivity('hej'), conversation: { id: 'x\n' } });
    expect(res.status).toBe(400);
  });
});

describe('open requests per resident and conversation', () => {
  test('a third interpreter request while two are open is refused politely and not saved; once one is done it works', async () => {
    const base = testServices();
    const storage = new MemoryStorage();
    let refusals = 0;
    const requests = new RequestStore(storage, base.clock, { max: 2, onRefused: () => refusals++ });
    const s = { ...base, requests };
    const walk = async () => {
      const { client } = await dialogClient(new InterpreterDialog(s), 'da', { text: 'jeg skal have en somali tolk til lægen i morgen' });
      await client.sendActivity('jeg skal have en somali tolk til lægen i morgen');
      await client.sendActivity('fremmøde');
      const replies = [await client.sendActivity('Ja, send den')];
      for (let r = client.getNextReply(); r; r = client.getNextReply()) replies.push(r);
      return replies.map((r) => r.text ?? '').join('\n');
    };
    expect(await walk()).toMatch(/Dit referencenummer er BB-/);
    expect(await walk()).toMatch(/Dit referencenummer er BB-/);
    const third = await walk();
    expect(third).toContain('Du har allerede 2 åbne henvendelser hos os');
    expect(third).not.toMatch(/BB-/);
    expect(await requests.list()).toHaveLength(2);
    expect(refusals).toBe(1);
    await requests.setStatus((await requests.list())[0].reference, 'done');
    expect(await walk()).toMatch(/Dit referencenummer er BB-/);
  });
});
