import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './helpers/redisTopology';
import { call, textsOf } from './helpers/directLine';
import { messageActivity, post, startBot, type RunningBot } from './helpers/testApp';

const FAILED = /gik noget galt|went wrong|prøv igen om et øjeblik/i;

/** Malformed activities are cleaned or refused before the bot sees them; a resident never gets a failed turn. */
describe('malformed activities', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({}, { name: 'malformed' });
  });
  afterAll(async () => {
    await bot.close();
  });

  test('entities that are null, without a type or mentions without `mentioned` are dropped: the turn is answered', async () => {
    const res = await post(`${bot.baseUrl}/api/messages`, {
      ...messageActivity('Jeg har brug for en tolk', { deliveryMode: 'expectReplies' }),
      entities: [null, {}, { type: 7 }, { type: 'mention' }, { type: 'mention', mentioned: null, text: '<at>x</at>' }, { type: 'clientInfo', locale: 'da-DK' }],
    });
    expect(res.status).toBe(200);
    const text = res.body.activities.map((a: { text?: string }) => a.text ?? '').join('\n');
    expect(text).toMatch(/tolk/i);
    expect(text).not.toMatch(FAILED);
    expect(await bot.brobygger.metrics.render()).toMatch(/^brobygger_turn_errors_total 0$/m);
  });

  test.each([
    ['a CR/LF in the conversation id', { conversation: { id: 'conv\r\nX-Injected: 1' } }, /conversation\.id: .*line breaks/],
    ['a lone surrogate in the conversation id', { conversation: { id: 'conv-\uD800-x' } }, /conversation\.id: .*surrogate/],
    ['a 100 kB conversation id', { conversation: { id: 'c'.repeat(100_000) } }, /conversation\.id: .*at most 256/],
    ['a control character in the user id', { from: { id: 'user\u0007' } }, /from\.id: .*control/],
    ['a 300-character user id', { from: { id: 'u'.repeat(300) } }, /from\.id: .*at most 256/],
  ])('%s is refused with 400 and a short reason', async (_name, override, reason) => {
    const res = await post(`${bot.baseUrl}/api/messages`, { ...messageActivity('hej'), ...override });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(reason);
    expect(JSON.stringify(res.body).length).toBeLessThan(200);
  });

  test('a 256-character id with letters from any script is fine', async () => {
    const id = 'å😀'.repeat(64) + 'x'.repeat(64);
    expect(id.length).toBe(256);
    const res = await post(`${bot.baseUrl}/api/messages`, { ...messageActivity('hej', { conversationId: id }), deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
  });
});

/** A local OpenID metadata document and key set that does not hold the key the forged tokens are signed with. */
async function startFakeOpenId(): Promise<{ url: string; close(): Promise<void> }> {
  const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/openid')) res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys` }));
    else res.end(JSON.stringify({ keys: [{ ...stranger, kid: 'forged', use: 'sig', endorsements: ['test', 'msteams'] }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`, close: () => new Promise((r) => server.close(() => r())) };
}

const APP_ID = '0b6c0f33-5e2a-4c1e-9e1f-6f4c1f6b7a10';
function forgedToken(issuer: string): string {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = enc({ alg: 'RS256', typ: 'JWT', kid: 'forged' });
  const body = enc({ iss: issuer, aud: APP_ID, appid: APP_ID, ver: '1.0', serviceurl: 'http://127.0.0.1:9/unused', nbf: now - 60, exp: now + 600 });
  return `${head}.${body}.${crypto.sign('RSA-SHA256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
}

describe('Bot Framework tokens with MicrosoftAppId set', () => {
  let openId: { url: string; close(): Promise<void> };
  let bot: RunningBot;
  let unreachable: RunningBot;
  beforeAll(async () => {
    openId = await startFakeOpenId();
    const app = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password' };
    [bot, unreachable] = await Promise.all([
      startBot({ ...app, BOT_OPENID_METADATA_URL: openId.url }, { name: 'jwt' }),
      // A port nothing listens on: the signing keys cannot be fetched.
      startBot({ ...app, BOT_OPENID_METADATA_URL: `http://127.0.0.1:${await freePort()}/openid` }, { name: 'jwt-down' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([bot?.close(), unreachable?.close(), openId?.close()]);
  });

  const send = (target: RunningBot, authorization?: string) =>
    post(`${target.baseUrl}/api/messages`, messageActivity('hej', { deliveryMode: 'expectReplies' }), authorization ? { authorization } : {});

  test.each([
    ['no token', undefined, /token .*required/],
    ['a token that is not a JWT', 'Bearer abc.def.ghi', /could not be verified|not valid/],
    ['a self-signed token claiming to be the Bot Framework', `Bearer ${forgedToken('https://api.botframework.com')}`, /could not be verified/],
    ['a self-signed token claiming to be from Azure AD', `Bearer ${forgedToken('https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/')}`, /could not be verified/],
  ])('%s: 401 with a short reason', async (_name, authorization, reason) => {
    const res = await send(bot, authorization);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(reason);
    expect(JSON.stringify(res.body)).not.toMatch(/https?:|127\.0\.0\.1|Error|at /);
  });

  test('signing keys that cannot be fetched: 503 "try again" with Retry-After, never 500 and no internal message', async () => {
    const res = await fetch(`${unreachable.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${forgedToken('https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/')}` },
      body: JSON.stringify(messageActivity('hej')),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = await res.text();
    expect(JSON.parse(body).error).toMatch(/try again/);
    expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|request to|https?:/);
  });
});

describe('malformed entities on our Direct Line endpoint', () => {
  const SECRET = 'directline-secret-0123456789abcdef';
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ DIRECTLINE_SECRET: SECRET }, { name: 'malformed-dl' });
  });
  afterAll(async () => {
    await bot.close();
  });

  test('a mention without `mentioned` and a null entity are dropped: the resident is answered, not apologised to', async () => {
    const dl = `${bot.baseUrl}/v3/directline`;
    const started = await call(`${dl}/conversations`, { method: 'POST', auth: SECRET });
    const { conversationId, token } = started.body;
    const sent = await call(`${dl}/conversations/${conversationId}/activities`, {
      method: 'POST',
      auth: token,
      body: { type: 'message', text: 'Jeg har brug for en tolk', entities: [{ type: 'mention' }, null, { type: 'clientInfo', locale: 'da-DK' }] },
    });
    expect(sent.status).toBe(200);
    // The greeting comes first; wait for the answer to the message (or the apology).
    const answered = (texts: string[]) => texts.some((t) => /tolk/i.test(t) || FAILED.test(t));
    let texts: string[] = [];
    for (let i = 0; i < 150 && !answered(texts); i++) {
      const page = await call(`${dl}/conversations/${conversationId}/activities`, { auth: token });
      texts = textsOf(page.body.activities.filter((a: { from?: { role?: string } }) => a.from?.role !== 'user'));
      if (!answered(texts)) await new Promise((r) => setTimeout(r, 20));
    }
    expect(texts.join('\n')).toMatch(/tolk/i);
    expect(texts.join('\n')).not.toMatch(FAILED);
  });
});
