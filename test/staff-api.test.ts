import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as restify from 'restify';
import { createHandoff, type Handoff, type HandoffFacts } from '../src/handoff';
import { StaffDirectory } from '../src/handoff/staffDirectory';
import { conversationHash } from '../src/audit';
import { createLogger } from '../src/log';
import { createTranslator } from '../src/language/i18n';
import type { Lang } from '../src/language/languages';
import { RequestStore } from '../src/requests/requestStore';
import { createRedisBackend, type StateBackend } from '../src/storage/backend';
import { createStaffDeps, registerStaffRoutes, type StaffRoutes } from '../src/staff/routes';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';
import { listenToStaffEvents } from './helpers/staffClient';

/**
 * The staff API contract against a restify server of its own (the handoff service on Redis, a recorded
 * channel): status codes, shapes, and that nothing leaks without a valid token.
 */
const AMIRA = 'amira-token-0123456789abcdef';
const HODAN = 'hodan-token-0123456789abcdef';
/** Mette is a `lead` in data/staff.json: she reads every transcript. */
const METTE = 'mette-token-0123456789abcdef';
const STAFF_TOKENS = [{ staffId: 'amira', token: AMIRA }, { staffId: 'hodan', token: HODAN }, { staffId: 'mette', token: METTE }];
const ROOT = path.join(__dirname, '..');
const alwaysOpen: HandoffFacts = { isOpen: () => true, nextOpening: (_t, at) => at, helpline: () => undefined, helplines: () => [] };

let backend: StateBackend;
let handoff: Handoff;
let server: restify.Server;
let routes: StaffRoutes;
let baseUrl: string;
let requests: RequestStore;
const prefix = uniquePrefix('staff-api');
const REFUSING_CHANNEL = 'http://refusing-channel.invalid';
/** Every log line the handoff and the staff API wrote (the audit lines among them). */
const logged: string[] = [];
const logger = createLogger('info', { write: (line: string) => void logged.push(line) });
const delivered: { address: Record<string, unknown>; text: string; locale?: string }[] = [];

beforeAll(async () => {
  backend = await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix: prefix, ttlSeconds: 600, lockTimeoutMs: 2000 });
  const translator = await createTranslator(path.join(ROOT, 'locales'));
  // A second apart, so a page that goes on after a deleted request (by its time) is exact.
  let tick = Date.parse('2026-12-01T08:00:00Z');
  requests = new RequestStore(backend.storage, () => new Date((tick += 1000)));
  handoff = createHandoff({
    config: { staffTokens: STAFF_TOKENS, handoffUnclaimedMs: 3600_000, maxMessageLength: 2000, dataDir: path.join(ROOT, 'data') },
    backend,
    translator,
    facts: alwaysOpen,
    sendToResident: async (reference, activities) => {
      if (reference.serviceUrl === REFUSING_CHANNEL) throw new Error('channel said 503');
      for (const a of activities) delivered.push({ address: reference as Record<string, unknown>, text: a.text ?? '', locale: a.locale });
    },
    sweepEveryMs: 0,
    logger,
  });
  server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  routes = registerStaffRoutes(server, createStaffDeps(handoff, { staffTokens: STAFF_TOKENS, requests, logger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  routes.closeStreams();
  handoff.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await backend.close();
  await deleteKeys(prefix);
});

async function call(method: string, url: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

const conv = (id: string) => `/api/staff/conversations/${encodeURIComponent(id)}`;

async function queueResident(conversationId: string, options: { language?: Lang; topic?: 'counsellor' | 'clubs' | 'mediation'; urgent?: boolean; said?: string; serviceUrl?: string } = {}) {
  const { session } = await handoff.service.escalate({
    conversationId,
    address: { conversation: { id: conversationId }, serviceUrl: options.serviceUrl ?? 'http://channel.invalid' },
    language: options.language ?? 'en',
    topic: options.topic ?? 'counsellor',
    reason: 'asked',
    urgent: !!options.urgent,
    transcript: [{ from: 'resident', text: options.said ?? 'My neighbour keeps shouting at my children', timestamp: new Date().toISOString() }],
  });
  return session;
}

describe('staff API', () => {
  test('every staff endpoint answers 401 without a valid token, and says nothing about conversations', async () => {
    await queueResident('conv-secret', { said: 'secret words about my family' });
    const endpoints: [string, string, unknown?][] = [
      ['GET', '/api/staff/me'],
      ['GET', '/api/staff/queue'],
      ['GET', '/api/staff/canned'],
      ['GET', '/api/staff/requests'],
      ['GET', '/api/staff/events'],
      ['POST', `${conv('conv-secret')}/claim`],
      ['GET', `${conv('conv-secret')}/transcript`],
      ['POST', `${conv('conv-secret')}/messages`, { text: 'hello' }],
      ['POST', `${conv('conv-secret')}/release`],
      ['POST', `${conv('conv-secret')}/close`, { note: 'done' }],
    ];
    for (const [method, url, body] of endpoints) {
      for (const token of [undefined, 'wrong-token-0123456789abcdef', `${AMIRA}x`, AMIRA.slice(0, -1)]) {
        const res = await call(method, url, token, body);
        expect([method, url, token, res.status]).toEqual([method, url, token, 401]);
        expect(res.text).not.toMatch(/secret|conv-secret|amira/i);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
    // Nothing changed hands.
    expect((await call('GET', '/api/staff/queue', AMIRA)).body.items.find((i: any) => i.conversationId === 'conv-secret').claimedBy).toBeNull();
    expect(delivered.filter((d) => (d.address.conversation as { id: string }).id === 'conv-secret').map((d) => d.text).join()).not.toMatch(/hello|Amira/);
    await call('POST', `${conv('conv-secret')}/close`, AMIRA, { note: 'test' });
  });

  test('the queue has the published shape, urgent first then first come first served, with what I can take marked', async () => {
    await queueResident('conv-q1', { language: 'so', topic: 'clubs' });
    await queueResident('conv-q2', { language: 'en', topic: 'mediation' });
    await queueResident('conv-q3', { language: 'da', topic: 'counsellor', urgent: true });
    const res = await call('GET', '/api/staff/queue', HODAN);
    expect(res.status).toBe(200);
    const items = res.body.items.filter((i: any) => i.conversationId.startsWith('conv-q'));
    expect(items.map((i: any) => i.conversationId)).toEqual(['conv-q3', 'conv-q1', 'conv-q2']);
    for (const item of items) {
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['conversationId', 'language', 'topic', 'urgent', 'waitingSince', 'summary', 'claimedBy']));
      expect(Number.isNaN(Date.parse(item.waitingSince))).toBe(false);
    }
    expect(items[1]).toMatchObject({ language: 'so', topic: 'clubs', urgent: false, claimedBy: null, summary: 'My neighbour keeps shouting at my children' });
    // Hodan (da, so, en; clubs/counsellor/none) can take the Somali clubs chat and the urgent Danish one, not mediation.
    expect(items.map((i: any) => i.matchesMe)).toEqual([true, true, false]);
    // Nobody signed in speaks Turkish: such a chat is shown to everyone as one they can take.
    await queueResident('conv-q4', { language: 'tr', topic: 'counsellor' });
    const turkish = (await call('GET', '/api/staff/queue', HODAN)).body.items.find((i: any) => i.conversationId === 'conv-q4');
    expect(turkish).toMatchObject({ language: 'tr', matchesMe: true });
    expect((await call('GET', '/api/staff/queue', AMIRA)).body.items.find((i: any) => i.conversationId === 'conv-q4').matchesMe).toBe(true);
    for (const id of ['conv-q1', 'conv-q2', 'conv-q3', 'conv-q4']) await call('POST', `${conv(id)}/close`, AMIRA, { note: 'test done' });
  });

  test('claim, write, release and close answer 200/400/404/409 as the contract says', async () => {
    const id = 'teams:19:abc|thread/1?x=1';
    await queueResident(id, { language: 'so' });
    expect((await call('POST', `${conv('conv-unknown')}/claim`, AMIRA)).status).toBe(404);
    expect((await call('GET', `${conv('conv-unknown')}/transcript`, AMIRA)).status).toBe(404);
    expect((await call('POST', `${conv('conv-unknown')}/messages`, AMIRA, { text: 'hi' })).status).toBe(404);
    expect((await call('POST', `${conv(id)}/messages`, AMIRA, { text: 'before claiming' })).status).toBe(409);
    expect((await call('POST', `${conv(id)}/release`, AMIRA)).status).toBe(409);

    expect((await call('POST', `${conv(id)}/claim`, AMIRA)).status).toBe(200);
    expect((await call('POST', `${conv(id)}/claim`, AMIRA)).status).toBe(200);
    const taken = await call('POST', `${conv(id)}/claim`, HODAN);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatch(/another staff member/);
    expect(delivered.at(-1)).toMatchObject({ text: 'Hadda waxaad la hadlaysaa Amira (la-taliye). Wixii aad hore u qortay waa la arki karaa.', locale: 'so' });

    expect((await call('POST', `${conv(id)}/messages`, AMIRA, { text: '   ' })).status).toBe(400);
    expect((await call('POST', `${conv(id)}/messages`, AMIRA, {})).status).toBe(400);
    const tooLong = await call('POST', `${conv(id)}/messages`, AMIRA, { text: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatch(/longer than 2000/);
    expect((await call('POST', `${conv(id)}/messages`, HODAN, { text: 'hi' })).status).toBe(409);

    const canned = (await call('GET', '/api/staff/canned', AMIRA)).body.languages;
    const sent = await call('POST', `${conv(id)}/messages`, AMIRA, { text: canned.so.areYouSafe, locale: 'so' });
    expect(sent.status).toBe(200);
    expect(delivered.at(-1)).toMatchObject({ text: 'Amira: Hadda ma ku jirtaa meel ammaan ah?', locale: 'so' });
    expect(delivered.at(-1)!.address).toMatchObject({ conversation: { id } });

    const transcript = await call('GET', `${conv(id)}/transcript`, AMIRA);
    expect(transcript.status).toBe(200);
    expect(transcript.body.items[0]).toMatchObject({ from: 'resident', text: 'My neighbour keeps shouting at my children' });
    expect(transcript.body.items.at(-1)).toMatchObject({ from: 'staff', text: 'Hadda ma ku jirtaa meel ammaan ah?' });

    expect((await call('POST', `${conv(id)}/release`, HODAN)).status).toBe(409);
    expect((await call('POST', `${conv(id)}/close`, HODAN, { note: 'not mine' })).status).toBe(409);
    expect((await call('POST', `${conv(id)}/close`, AMIRA, { note: '' })).status).toBe(400);
    expect((await call('POST', `${conv(id)}/close`, AMIRA, { note: 'Talked it through; will call Friday.' })).status).toBe(200);
    expect(delivered.at(-1)!.text).toMatch(/^Wada-hadalkii Amira waa la xiray/);
    expect((await call('POST', `${conv(id)}/close`, AMIRA, { note: 'again' })).status).toBe(404);
    expect((await call('POST', `${conv(id)}/messages`, AMIRA, { text: 'after closing' })).status).toBe(404);
    expect((await call('GET', '/api/staff/queue', AMIRA)).body.items.some((i: any) => i.conversationId === id)).toBe(false);
  });

  test('a counsellor reads the queue’s transcripts and their own chats, not a colleague’s; a lead reads all', async () => {
    const id = 'conv-access';
    await queueResident(id, { said: 'My landlord threatens me' });
    const read = async (token: string) => {
      const res = await call('GET', `${conv(id)}/transcript`, token);
      return res.status === 200 ? 200 : `${res.status} ${res.body.error}`;
    };
    // Waiting in the queue: anyone may look before taking it.
    expect([await read(AMIRA), await read(HODAN), await read(METTE)]).toEqual([200, 200, 200]);

    expect((await call('POST', `${conv(id)}/claim`, AMIRA)).status).toBe(200);
    const refused = await call('GET', `${conv(id)}/transcript`, HODAN);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/another staff member has this conversation/);
    expect(refused.text).not.toMatch(/landlord/);
    expect([await read(AMIRA), await read(METTE)]).toEqual([200, 200]);

    // Closed by Amira: hers to read again, and the lead's; not Hodan's.
    expect((await call('POST', `${conv(id)}/close`, AMIRA, { note: 'done' })).status).toBe(200);
    expect([await read(AMIRA), await read(METTE)]).toEqual([200, 200]);
    expect(await read(HODAN)).toMatch(/^403 .*only a lead/);

    // A chat Hodan held and released is his to read, not Amira's.
    await queueResident('conv-access-2');
    expect((await call('POST', `${conv('conv-access-2')}/claim`, HODAN)).status).toBe(200);
    expect((await call('POST', `${conv('conv-access-2')}/release`, HODAN)).status).toBe(200);
    expect(await read(HODAN)).toMatch(/^403/);
    expect((await call('GET', `${conv('conv-access-2')}/transcript`, HODAN)).status).toBe(200);
    expect((await call('GET', `${conv('conv-access-2')}/transcript`, AMIRA)).status).toBe(403);
    expect((await call('GET', `${conv('conv-access-2')}/transcript`, METTE)).status).toBe(200);
  });

  test('every claim, reply, release, close, transcript read, request read and failed sign-in leaves one audit line, without what anyone wrote', async () => {
    const id = 'teams:19:0123456789|audit/1';
    const other = 'conv-audit-2';
    await queueResident(id, { said: 'My husband hits me, call 12345678' });
    await queueResident(other);
    logged.length = 0;

    await call('POST', `${conv(id)}/claim`, 'wrong-token-0123456789abcdef');
    await call('POST', `${conv(id)}/claim`, AMIRA);
    await call('POST', `${conv(id)}/claim`, HODAN);
    await call('POST', `${conv(id)}/messages`, AMIRA, { text: 'I am here with you. Are you safe now?' });
    await call('GET', `${conv(id)}/transcript`, HODAN);
    await call('GET', `${conv(id)}/transcript`, AMIRA);
    await call('POST', `${conv(id)}/release`, AMIRA);
    await call('POST', `${conv(other)}/close`, HODAN, { note: 'Resident will call back tomorrow' });
    await call('GET', '/api/staff/requests', METTE);
    await call('GET', '/api/staff/queue', AMIRA);

    const audit = logged.map((l) => JSON.parse(l)).filter((l) => l.audit === true);
    const h = conversationHash(id);
    expect(audit.map((l) => [l.action, l.outcome, l.staffId, l.conversationHash])).toEqual([
      ['signIn', 'failed', undefined, undefined],
      ['claim', 'ok', 'amira', h],
      ['claim', 'conflict', 'hodan', h],
      ['reply', 'ok', 'amira', h],
      ['transcript.read', 'forbidden', 'hodan', h],
      ['transcript.read', 'ok', 'amira', h],
      ['release', 'ok', 'amira', h],
      ['close', 'ok', 'hodan', conversationHash(other)],
      ['requests.read', 'ok', 'mette', undefined],
    ]);
    // The failed sign-in says where, not with what.
    expect(audit[0]).toMatchObject({ route: '/api/staff/conversations/:id/claim', ip: '127.0.0.1' });
    expect(h).toMatch(/^[a-z]{16}$/);
    // No line of the log holds what the resident or the counsellor wrote, a note, a token or the conversation id.
    const all = logged.join('\n');
    for (const secret of ['husband', '12345678', 'Are you safe', 'call back', 'wrong-token', AMIRA, HODAN, METTE, id, '0123456789']) expect(all).not.toContain(secret);
  });

  test('live messages carry their words only to consoles that may read the chat', async () => {
    const id = 'conv-live';
    const session = await queueResident(id);
    // The console's events, each as one object: its kind as `type` beside its data.
    const listen = async (token: string) => {
      const stream = listenToStaffEvents(baseUrl, token);
      await stream.ready;
      return {
        get events(): any[] {
          return stream.events.map((e) => ({ type: e.event, ...e.data }));
        },
        stop: stream.stop,
      };
    };
    const [amira, hodan, mette] = await Promise.all([listen(AMIRA), listen(HODAN), listen(METTE)]);
    try {
      expect((await call('POST', `${conv(id)}/claim`, AMIRA)).status).toBe(200);
      await handoff.service.residentMessage(id, session.sessionId, 'He took my passport');
      const said = async (l: { events: any[] }) => {
        for (let i = 0; i < 100 && !l.events.some((e) => e.type === 'message' && e.conversationId === id); i++) await new Promise((r) => setTimeout(r, 20));
        return l.events.find((e) => e.type === 'message' && e.conversationId === id);
      };
      expect(await said(amira)).toMatchObject({ from: 'resident', text: 'He took my passport' });
      expect(await said(mette)).toMatchObject({ from: 'resident', text: 'He took my passport' });
      const withheld = await said(hodan);
      expect(withheld).toMatchObject({ conversationId: id, from: 'resident' });
      expect(withheld.text).toBeUndefined();
      // Queue changes are for everyone, in order.
      expect(hodan.events.find((e) => e.type === 'queue' && e.conversationId === id)).toMatchObject({ change: 'claimed' });
    } finally {
      for (const l of [amira, hodan, mette]) l.stop();
      await call('POST', `${conv(id)}/close`, AMIRA, { note: 'test' });
    }
  });

  test('a role data/staff.json does not know stops start-up with the file and the field named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-json-'));
    try {
      fs.writeFileSync(path.join(dir, 'staff.json'), JSON.stringify({ sample: 'x', staff: [{ staffId: 'ida', name: 'Ida', role: 'boss', languages: ['da'], topics: [] }] }));
      expect(() => StaffDirectory.load(dir, [])).toThrow(/data\/staff\.json: staff\[0\] \("Ida"\)\.role: .*"lead"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a message the resident’s channel refused is reported as 502 (not the counsellor’s mistake) and not shown as sent', async () => {
    const id = 'conv-refused';
    await queueResident(id, { serviceUrl: REFUSING_CHANNEL });
    expect((await call('POST', `${conv(id)}/claim`, AMIRA)).status).toBe(200);
    const res = await call('POST', `${conv(id)}/messages`, AMIRA, { text: 'Can you hear me?' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatch(/channel did not accept/);
    const transcript = (await call('GET', `${conv(id)}/transcript`, AMIRA)).body.items;
    expect(transcript.some((l: any) => l.text === 'Can you hear me?')).toBe(false);
    await call('POST', `${conv(id)}/close`, AMIRA, { note: 'channel down' });
  });

  test('when the live events cannot be subscribed to (Redis down), the stream ends at once so the console reconnects', async () => {
    const failing = restify.createServer();
    const deps = createStaffDeps(handoff, { staffTokens: STAFF_TOKENS, requests });
    const service = Object.create(handoff.service) as typeof handoff.service;
    service.subscribe = () => Promise.reject(new Error('Connection is closed.'));
    const failingRoutes = registerStaffRoutes(failing, { ...deps, handoff: service });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', () => resolve()));
    try {
      const res = await fetch(`http://127.0.0.1:${(failing.address() as AddressInfo).port}/api/staff/events`, { headers: { authorization: `Bearer ${AMIRA}` } });
      // The body ends (rather than hanging open looking live) and never says it is ready.
      const body = await res.text();
      expect(body).not.toMatch(/event: ready/);
    } finally {
      failingRoutes.closeStreams();
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });

  test('GET /api/staff/requests lists what the dialogs handed on, newest first', async () => {
    const first = await requests.save({ kind: 'interpreter', language: 'ar', conversationId: 'c1', summary: 'Tolk til lægen', details: {} });
    const second = await requests.save({ kind: 'complaint', language: 'so', conversationId: 'c2', summary: 'Klage over udlejer', details: {} });
    const res = await call('GET', '/api/staff/requests', AMIRA);
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.reference).slice(0, 2)).toEqual([second.reference, first.reference]);
    expect(res.body.items[0]).toMatchObject({ kind: 'complaint', language: 'so', status: 'new' });
  });

  test('GET /api/staff/requests pages through more than a hundred requests with a cursor, filtered by type and status', async () => {
    const kinds = ['interpreter', 'mediation', 'complaint', 'report'] as const;
    const saved = [];
    for (let i = 0; i < 130; i++) {
      const r = await requests.save({ kind: kinds[i % 4], language: 'da', conversationId: `conv-page-${i}`, userId: `user-page-${i}`, summary: `Anmodning ${i}`, details: {} });
      saved.push(i % 5 === 0 ? (await requests.setStatus(r.reference, 'done'))! : r);
    }
    const ours = new Set(saved.map((r) => r.reference));
    const newestFirst = [...saved].reverse().map((r) => r.reference);

    // Everything, 40 at a time: each request once, newest first, and no `next` after the last page.
    const pages: string[][] = [];
    let url = '/api/staff/requests?limit=40';
    for (;;) {
      const res = await call('GET', url, AMIRA);
      expect(res.status).toBe(200);
      pages.push(res.body.items.map((r: any) => r.reference));
      if (res.body.next === null) break;
      expect(res.body.items).toHaveLength(40);
      url = `/api/staff/requests?limit=40&cursor=${encodeURIComponent(res.body.next)}`;
    }
    const all = pages.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((r) => ours.has(r))).toEqual(newestFirst);

    // Without a limit: the newest 100, and a cursor to the rest.
    const first = await call('GET', '/api/staff/requests', AMIRA);
    expect(first.body.items).toHaveLength(100);
    expect(typeof first.body.next).toBe('string');

    // Filters: only finished complaints (i = 10, 30, 50, ...), paged 5 at a time.
    const done: string[] = [];
    let next: string | null = '';
    while (next !== null) {
      const res: any = await call('GET', `/api/staff/requests?type=complaint&status=done&limit=5${next ? `&cursor=${next}` : ''}`, HODAN);
      expect(res.status).toBe(200);
      for (const r of res.body.items) expect(r).toMatchObject({ kind: 'complaint', status: 'done' });
      done.push(...res.body.items.map((r: any) => r.reference));
      next = res.body.next;
    }
    expect(done).toEqual(saved.filter((_r, i) => i % 4 === 2 && i % 5 === 0).reverse().map((r) => r.reference));

    // A request made while someone leafs through does not shift their next page; one deleted at the page's
    // edge does not lose the place.
    const page1 = await call('GET', '/api/staff/requests?limit=10', AMIRA);
    await requests.save({ kind: 'interpreter', language: 'ar', conversationId: 'conv-page-new', summary: 'Ny', details: {} });
    const edge = saved.find((r) => r.reference === page1.body.items.at(-1).reference)!;
    await requests.deleteForResident({ conversationId: edge.conversationId, userId: edge.userId! });
    const page2 = await call('GET', `/api/staff/requests?limit=10&cursor=${page1.body.next}`, AMIRA);
    expect(page2.body.items.map((r: any) => r.reference)).toEqual(newestFirst.slice(10, 20));
  });

  test('GET /api/staff/requests refuses parameters it does not know or values it never gives, with the reason', async () => {
    const reasons: Record<string, RegExp> = {
      'limit=0': /limit must be a whole number from 1 to 200/,
      'limit=201': /limit must be/,
      'limit=ten': /limit must be/,
      'limit=5&limit=6': /give "limit" once/,
      'type=parking': /type must be one of interpreter, mediation, complaint, report/,
      'status=open': /status must be one of new, in_progress, done/,
      'cursor=abc': /cursor is not one this API gave/,
      [`cursor=${Buffer.from('["x","y"]').toString('base64url')}`]: /cursor is not one/,
      'page=2': /unknown parameter "page"/,
    };
    for (const [query, reason] of Object.entries(reasons)) {
      const res = await call('GET', `/api/staff/requests?${query}`, AMIRA);
      expect([query, res.status, res.body.error]).toEqual([query, 400, expect.stringMatching(reason)]);
    }
  });

  test('/staff serves the console with a strict content security policy, without a token', async () => {
    const page = await call('GET', '/staff');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.text).toMatch(/<script src="\/staff\/app.js"/);
    expect(page.text).not.toMatch(/https?:\/\//);
    const script = await call('GET', '/staff/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect((await call('GET', '/staff/style.css')).status).toBe(200);
    expect((await call('GET', '/staff/')).text).toBe(page.text);
  });
});
