import * as http from 'node:http';
import { startBot, type RunningBot } from './helpers/testApp';
import { call, chatToken, connectClient, openStream, textsOf } from './helpers/directLine';

/**
 * Our Direct Line 3.0 endpoint over real HTTP and WebSockets, with Redis: the token rules, the official
 * client (botframework-directlinejs) polling and on a WebSocket, and two bot instances sharing one Redis.
 */
const SECRET = 'directline-secret-0123456789abcdef';
const AMIRA = 'amira-token-0123456789abcdef';
// Tuesday 11:00 in Copenhagen, running on from there (counsellors on shift); `skew` moves it on for expiry.
const START = Date.parse('2026-11-24T10:00:00Z');
const opened = Date.now();
let skewMs = 0;
const clock = () => new Date(START + (Date.now() - opened) + skewMs);

const jwtClaims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('Direct Line endpoint', () => {
  let a: RunningBot;
  let b: RunningBot;
  beforeAll(async () => {
    const env = { DIRECTLINE_SECRET: SECRET, STAFF_TOKENS: `amira:${AMIRA}`, HANDOFF_UNCLAIMED_MINUTES: '60' };
    a = await startBot(env, { name: 'directline', clock });
    // A second instance on the same Redis (same key prefix, same secret): one service to the resident.
    b = await startBot({ ...env, REDIS_KEY_PREFIX: a.prefix, WEBCHAT_TOKENS_PER_MINUTE: '3' }, { clock });
    // Two bots train and load in here: on a busy 2-core box that can take longer than a test's 20 s.
  }, 60_000);
  afterAll(async () => {
    await b?.brobygger.close();
    await a?.close();
  });
  afterEach(() => {
    skewMs = 0;
  });

  const dl = (bot: RunningBot) => `${bot.baseUrl}/v3/directline`;

  test('the secret generates tokens; a token reads and writes only its own conversation', async () => {
    expect((await call(`${dl(a)}/tokens/generate`, { method: 'POST' })).status).toBe(401);
    const wrong = await call(`${dl(a)}/tokens/generate`, { method: 'POST', auth: 'not-the-secret-0123456789' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('BadArgument');

    const generated = await call(`${dl(a)}/tokens/generate`, { method: 'POST', auth: SECRET });
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    const claims = jwtClaims(generated.body.token);
    // Web Chat reads the user from the token, as from Azure's.
    expect(claims).toMatchObject({ conv: generated.body.conversationId, user: expect.stringMatching(/^dl_/) });
    const { token, conversationId } = generated.body;
    expect((await call(`${dl(a)}/tokens/generate`, { method: 'POST', auth: token })).status).toBe(403);

    const started = await call(`${dl(a)}/conversations`, { method: 'POST', auth: token, body: { locale: 'en-GB' } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId, token: expect.any(String), expires_in: 1800 });
    expect(started.body.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversationId}/stream\\?t=`));
    const again = await call(`${dl(a)}/conversations`, { method: 'POST', auth: token, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(conversationId);

    const greeting = await call(`${dl(a)}/conversations/${conversationId}/activities`, { auth: token });
    expect(greeting.status).toBe(200);
    expect(textsOf(greeting.body.activities)[0]).toMatch(/^Hi, I'm Brobygger/);
    expect(greeting.body.watermark).toBe(String(greeting.body.activities.length));

    const other = await chatToken(a.baseUrl);
    const asOther = await call(`${dl(a)}/conversations/${conversationId}/activities`, { auth: other.token });
    expect(asOther.status).toBe(403);
    expect((await call(`${dl(a)}/conversations/${conversationId}/activities`, { method: 'POST', auth: other.token, body: { type: 'message', text: 'hi' } })).status).toBe(403);
    expect((await call(`${dl(a)}/conversations/${conversationId}`, { auth: other.token })).status).toBe(403);
    expect((await call(`${dl(a)}/conversations/${conversationId}/activities`)).status).toBe(401);
    expect((await call(`${dl(a)}/conversations/${conversationId}/activities`, { auth: `${token.slice(0, -4)}AAAA` })).status).toBe(401);

    // Malformed activities get a reason; the sender is the token's user whatever the client claims.
    const bad = await call(`${dl(a)}/conversations/${conversationId}/activities`, { method: 'POST', auth: token, body: { type: 'conversationUpdate' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/"type" must be one of/);
    expect((await call(`${dl(a)}/conversations/${conversationId}/activities`, { method: 'POST', auth: token, body: '{"type":' })).status).toBe(400);
    const posted = await call(`${dl(a)}/conversations/${conversationId}/activities`, {
      method: 'POST',
      auth: token,
      body: { type: 'message', text: 'I need an interpreter', from: { id: 'someone-else' }, serviceUrl: 'http://evil.example', channelData: { clientActivityID: 'c1' } },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toBe(`${conversationId}|${String(Number(greeting.body.watermark) + 1).padStart(7, '0')}`);
    const after = await call(`${dl(a)}/conversations/${conversationId}/activities?watermark=${greeting.body.watermark}`, { auth: token });
    const [echo, ...replies] = after.body.activities;
    expect(echo).toMatchObject({ id: posted.body.id, from: { id: claims.user, role: 'user' }, text: 'I need an interpreter', channelData: { clientActivityID: 'c1' } });
    expect(echo.serviceUrl).toBeUndefined();
    expect(replies[0]).toMatchObject({ from: { role: 'bot' }, replyToId: posted.body.id, locale: 'en', text: 'Which language do you need an interpreter for?' });
  });

  test('tokens expire after 30 minutes, refreshed before that they go on; a stream URL is good for a minute', async () => {
    const { token, conversationId } = await chatToken(a.baseUrl);
    const started = await call(`${dl(a)}/conversations`, { method: 'POST', auth: token, body: {} });
    expect(started.status).toBe(201);

    skewMs = 20 * 60_000;
    const refreshed = await call(`${dl(a)}/tokens/refresh`, { method: 'POST', auth: token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ conversationId, expires_in: 1800 });
    expect((await call(`${dl(a)}/tokens/refresh`, { method: 'POST', auth: SECRET })).status).toBe(400);

    skewMs = 35 * 60_000;
    const expired = await call(`${dl(a)}/conversations/${conversationId}/activities`, { auth: token });
    expect(expired.status).toBe(403);
    expect(expired.body.error.code).toBe('TokenExpired');
    expect((await call(`${dl(a)}/tokens/refresh`, { method: 'POST', auth: token })).status).toBe(403);
    const fresh = await call(`${dl(a)}/conversations/${conversationId}/activities`, { auth: refreshed.body.token });
    expect(fresh.status).toBe(200);
    expect(fresh.body.activities.length).toBeGreaterThan(0);

    // The stream URL from a minute ago no longer opens; a reconnect gives a new one that does.
    await expect(openStream(started.body.streamUrl)).rejects.toThrow('HTTP 403');
    const reconnect = await call(`${dl(a)}/conversations/${conversationId}?watermark=1`, { auth: refreshed.body.token });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body.streamUrl).toContain('watermark=1');
    const stream = await openStream(reconnect.body.streamUrl);
    const sets = await stream.waitFor((s) => s.length > 0);
    // Only what came after watermark 1.
    expect(sets[0].activities[0].id).toBe(`${conversationId}|0000002`);
    stream.socket.close();

    const other = await chatToken(a.baseUrl);
    const otherStart = await call(`${dl(a)}/conversations`, { method: 'POST', auth: other.token, body: {} });
    await expect(openStream(otherStart.body.streamUrl.replace(other.conversationId, conversationId))).rejects.toThrow('HTTP 403');
    await expect(openStream(otherStart.body.streamUrl.replace(/t=[^&]+/, 't=nonsense'))).rejects.toThrow('HTTP 401');
  });

  test.each([
    ['polling', false],
    ['WebSocket', true],
  ])('the official DirectLineJS client (%s): greeting in the chosen language, a reply, and a resumed session sees it all', async (_mode, webSocket) => {
    const { token, conversationId } = await chatToken(a.baseUrl);
    const client = connectClient(a.baseUrl, { token, webSocket, locale: 'pl-PL' });
    try {
      await client.waitFor((acts) => textsOf(acts).length >= 2);
      expect(textsOf(client.activities)[0]).toMatch(/Brobygger/);
      expect((client.activities[0] as { locale?: string }).locale).toBe('pl');
      const id = await client.say('Potrzebuję tłumacza do lekarza', 'pl-PL');
      expect(id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
      await client.waitFor((acts) => acts.some((x) => x.from.role === 'bot' && (x as { replyToId?: string }).replyToId === id));
      expect(client.activities.find((x) => x.id === id)).toMatchObject({ from: { role: 'user' }, text: 'Potrzebuję tłumacza do lekarza' });
    } finally {
      client.end();
    }

    // As a reloaded page does: the same token and conversation id reconnect and get the history.
    const resumed = connectClient(a.baseUrl, { token, conversationId, webSocket });
    try {
      await resumed.waitFor((acts) => acts.length >= client.activities.length);
      expect(resumed.activities.map((x) => x.id)).toEqual(client.activities.map((x) => x.id));
    } finally {
      resumed.end();
    }
  });

  test("across instances: the resident's socket on B gets what was posted on A, and a counsellor's reply from either, at once", async () => {
    const { token, conversationId } = await chatToken(a.baseUrl);
    const startedOnB = await call(`${dl(b)}/conversations`, { method: 'POST', auth: token, body: { locale: 'en-GB' } });
    expect(startedOnB.status).toBe(201);
    const stream = await openStream(startedOnB.body.streamUrl);
    const all = () => stream.sets.flatMap((s) => s.activities);
    await stream.waitFor(() => textsOf(all()).length >= 2);

    const posted = await call(`${dl(a)}/conversations/${conversationId}/activities`, { method: 'POST', auth: token, body: { type: 'message', text: 'Talk to a person', locale: 'en-GB' } });
    expect(posted.status).toBe(200);
    await stream.waitFor(() => textsOf(all()).some((t) => /number 1 in the queue/.test(t)));
    expect(all().find((x: { id: string }) => x.id === posted.body.id)).toMatchObject({ from: { role: 'user' }, text: 'Talk to a person' });
    // Every set names the watermark it ends at, as Azure's do.
    expect(stream.sets.at(-1).watermark).toBe(all().at(-1).id.split('|')[1].replace(/^0+/, ''));

    const queue = await call(`${b.baseUrl}/api/staff/queue`, { auth: AMIRA });
    const item = queue.body.items.find((i: { conversationId: string }) => i.conversationId.endsWith(conversationId));
    expect(item).toBeDefined();
    const claimId = encodeURIComponent(item.conversationId);
    expect((await call(`${b.baseUrl}/api/staff/conversations/${claimId}/claim`, { method: 'POST', auth: AMIRA, body: {} })).status).toBe(200);
    await stream.waitFor(() => textsOf(all()).some((t) => /You are now talking to Amira/.test(t)));
    expect((await call(`${a.baseUrl}/api/staff/conversations/${claimId}/messages`, { method: 'POST', auth: AMIRA, body: { text: 'Hello, I can help.' } })).status).toBe(200);
    await stream.waitFor(() => textsOf(all()).includes('Amira: Hello, I can help.'));
    const fromAmira = all().filter((x: { text?: string }) => /Amira/.test(x.text ?? ''));
    // Proactive messages are not replies: Web Chat would hold one whose replyToId it has not seen for 5 s.
    for (const message of fromAmira) expect(message.replyToId).toBeUndefined();
    stream.socket.close();
  });

  test('POST /api/webchat/token: a token for a new conversation, limited per client address across instances', async () => {
    // Each test run gets client addresses of its own (all of 127/8 is this machine), so the counts start at 0.
    const first = `127.${1 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.7`;
    const second = first.replace(/\.7$/, '.8');
    const tokens = [];
    // B allows 3 a minute per address; the count is kept in Redis, so what A handed out counts too.
    tokens.push(await postFrom(first, `${a.baseUrl}/api/webchat/token`));
    for (let i = 0; i < 2; i++) tokens.push(await postFrom(first, `${b.baseUrl}/api/webchat/token`));
    expect(tokens.map((t) => t.status)).toEqual([200, 200, 200]);
    expect(new Set(tokens.map((t) => JSON.parse(t.body).conversationId)).size).toBe(3);
    // The secret never reaches the page.
    expect(JSON.stringify(tokens)).not.toContain(SECRET);
    const refused = await postFrom(first, `${b.baseUrl}/api/webchat/token`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await postFrom(second, `${b.baseUrl}/api/webchat/token`)).status).toBe(200);
  });

  test("DIRECTLINE_DOMAIN: the page's token comes from that Direct Line service through our server, with the secret kept here", async () => {
    // Instance A's endpoint plays Azure's Direct Line for a bot configured to use it.
    const viaAzure = await startBot({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_DOMAIN: dl(a) }, { name: 'directline-domain', memory: true, clock });
    try {
      const page = await call(`${viaAzure.baseUrl}/api/webchat/token`, { method: 'POST', body: {} });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ domain: dl(a), conversationId: expect.any(String), token: expect.any(String) });
      expect(JSON.stringify(page.body)).not.toContain(SECRET);
      // This bot serves no Direct Line of its own then; its page may talk to the configured one.
      expect((await call(`${dl(viaAzure)}/tokens/generate`, { method: 'POST', auth: SECRET })).status).toBe(404);
      const csp = (await fetch(`${viaAzure.baseUrl}/`)).headers.get('content-security-policy');
      expect(csp).toMatch(new RegExp(`connect-src 'self' ${a.baseUrl} ws://127\\.0\\.0\\.1:\\d+`));
      const client = connectClient(a.baseUrl, { token: page.body.token, webSocket: true, locale: 'tr-TR' });
      try {
        await client.waitFor((acts) => textsOf(acts).length >= 2);
        expect((client.activities[0] as { locale?: string }).locale).toBe('tr');
      } finally {
        client.end();
      }
    } finally {
      await viaAzure.close();
    }
  });
});

/** A POST from a given loopback address (the limiter counts per client address). */
function postFrom(localAddress: string, url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}
