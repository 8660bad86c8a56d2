import type { DangerKind } from '../src/understanding/danger';
import * as path from 'node:path';
import { loadCatalog } from '../src/catalog';
import { createHandoff, factsFromCatalog, type Handoff, type HandoffEvent, type HandoffFacts } from '../src/handoff';
import { estimateWaitMinutes } from '../src/handoff/waitEstimate';
import { createTranslator, type Translator } from '../src/language/i18n';
import { LANGUAGES, type Lang } from '../src/language/languages';
import { createRedisBackend, type StateBackend } from '../src/storage/backend';
import type { RedisEventBus } from '../src/storage/eventBus';
import type Redis from 'ioredis';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/**
 * The handoff service on Redis, with two instances that share nothing but Redis (separate connections,
 * separate objects), as two bot processes would.
 */
const ROOT = path.join(__dirname, '..');
const prefix = uniquePrefix('handoff-service');
const alwaysOpen: HandoffFacts = { isOpen: () => true, nextOpening: (_t, at) => at, helpline: () => undefined, helplines: () => [] };

let translator: Translator;
const backends: StateBackend[] = [];
const handoffs: Handoff[] = [];

interface Instance {
  handoff: Handoff;
  sent: { conversationId: string; text: string; locale?: string }[];
}

let now = new Date('2026-11-24T10:00:00Z'); // Tuesday 11:00 in Copenhagen
const clock = () => now;

const AUTHENTICATED = { microsoftApp: { appId: 'bot-app-id', appType: 'MultiTenant' as const }, handoffHubId: 'agent-hub', handoffIdleTakeoverMs: 15 * 60_000 };

async function instance(facts: HandoffFacts = alwaysOpen, keyPrefix = prefix, unclaimedMs = 5 * 60_000, extra: Record<string, unknown> = {}): Promise<Instance> {
  const backend = await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix, ttlSeconds: 600, lockTimeoutMs: 2000 });
  backends.push(backend);
  const sent: Instance['sent'] = [];
  const handoff = createHandoff({
    config: { staffTokens: [{ staffId: 'amira', token: 'a'.repeat(20) }, { staffId: 'jonas', token: 'j'.repeat(20) }], handoffUnclaimedMs: unclaimedMs, maxMessageLength: 2000, dataDir: path.join(ROOT, 'data'), ...extra },
    backend,
    translator,
    facts,
    sendToResident: async (reference, activities) => {
      const conversationId = (reference.conversation as { id: string }).id;
      for (const a of activities) sent.push({ conversationId, text: a.text ?? '', locale: a.locale });
    },
    clock,
    sweepEveryMs: 0,
  });
  handoffs.push(handoff);
  return { handoff, sent };
}

function escalate(i: Instance, conversationId: string, options: { language?: Lang; urgent?: boolean; topic?: 'counsellor' | 'clubs'; dangerKind?: DangerKind } = {}) {
  return i.handoff.service.escalate({
    conversationId,
    address: { conversation: { id: conversationId } },
    language: options.language ?? 'en',
    topic: options.topic ?? 'counsellor',
    reason: options.urgent ? 'danger' : 'asked',
    urgent: !!options.urgent,
    dangerKind: options.dangerKind,
    transcript: [],
  });
}

const staffMember = (i: Instance, id: string) => i.handoff.staff.get(id);

beforeAll(async () => {
  translator = await createTranslator(path.join(ROOT, 'locales'));
});

afterAll(async () => {
  handoffs.forEach((h) => h.stop());
  await Promise.all(backends.map((b) => b.close()));
  await deleteKeys(prefix);
});

describe('handoff service across two instances', () => {
  test('when two staff members on different instances claim at once, exactly one gets each chat', async () => {
    const [a, b] = [await instance(), await instance()];
    const ids = Array.from({ length: 8 }, (_, k) => `race-${k}`);
    for (const id of ids) await escalate(a, id);
    const results = await Promise.all(
      ids.flatMap((id) => [
        a.handoff.service.claim(id, staffMember(a, 'amira')).then(() => 'amira', (e: Error) => e.name),
        b.handoff.service.claim(id, staffMember(b, 'jonas')).then(() => 'jonas', (e: Error) => e.name),
      ]),
    );
    for (let k = 0; k < ids.length; k++) {
      const pair = results.slice(2 * k, 2 * k + 2).sort();
      expect(pair.filter((r) => r === 'HandoffError')).toHaveLength(1);
      const winner = pair.find((r) => r !== 'HandoffError');
      const item = (await b.handoff.service.queue(staffMember(b, 'jonas'))).find((q) => q.conversationId === ids[k]);
      expect(item?.claimedBy).toBe(winner);
    }
    // Each resident was told once who joined.
    for (const id of ids) expect([...a.sent, ...b.sent].filter((s) => s.conversationId === id && /now talking to/.test(s.text))).toHaveLength(1);
    for (const id of ids) {
      const holder = (await a.handoff.service.session(id))!.claimedBy!;
      await (holder === 'amira' ? a : b).handoff.service.release(id, staffMember(a, holder));
    }
  });

  test('a resident message on one instance reaches a subscriber on the other', async () => {
    const [a, b] = [await instance(), await instance()];
    const seen: HandoffEvent[] = [];
    const stop = await b.handoff.service.subscribe((e) => seen.push(e));
    const { session } = await escalate(a, 'cross-1');
    await a.handoff.service.residentMessage('cross-1', session.sessionId, 'Are you there?');
    for (let k = 0; k < 100 && !seen.some((e) => e.type === 'message'); k++) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'queue', change: 'queued', conversationId: 'cross-1' }),
      expect.objectContaining({ type: 'message', from: 'resident', text: 'Are you there?', conversationId: 'cross-1' }),
    ]));
    await stop();
    await a.handoff.service.cancel('cross-1', session.sessionId);
  });

  test('a chat nobody claims in time is flagged once and its resident told once, however many instances sweep', async () => {
    const sweepPrefix = uniquePrefix('handoff-sweep');
    try {
      const [a, b] = [await instance(alwaysOpen, sweepPrefix), await instance(alwaysOpen, sweepPrefix)];
      now = new Date('2026-11-24T10:00:00Z');
      await escalate(a, 'slow-1', { language: 'da' });
      now = new Date('2026-11-24T10:04:00Z');
      expect(await a.handoff.service.sweepUnclaimed()).toBe(0);
      now = new Date('2026-11-24T10:06:00Z');
      const counts = await Promise.all([a.handoff.service.sweepUnclaimed(), b.handoff.service.sweepUnclaimed(), a.handoff.service.sweepUnclaimed()]);
      expect(counts.reduce((x, y) => x + y)).toBe(1);
      const told = [...a.sent, ...b.sent].filter((s) => s.conversationId === 'slow-1' && /stadig i køen/.test(s.text));
      expect(told).toEqual([{ conversationId: 'slow-1', locale: 'da', text: 'Undskyld, at det tager tid. Alle er optaget lige nu, men du er stadig i køen som nummer 1.' }]);
      expect((await b.handoff.service.queue(staffMember(b, 'amira')))[0]).toMatchObject({ conversationId: 'slow-1', flagged: true });
    } finally {
      await deleteKeys(sweepPrefix);
    }
  });

  test('when someone ahead is taken, the others are told their new place once', async () => {
    const placePrefix = uniquePrefix('handoff-place');
    try {
      const [a, b] = [await instance(alwaysOpen, placePrefix), await instance(alwaysOpen, placePrefix)];
      const first = await escalate(a, 'p-1');
      const second = await escalate(b, 'p-2', { language: 'pl' });
      const third = await escalate(a, 'p-3', { language: 'uk' });
      expect(first.messages.at(-1)!.text).toMatch(/number 1 in the queue/);
      expect(second.messages.at(-1)!.text).toMatch(/Twoje miejsce w kolejce: 2\./);
      expect(third.messages.at(-1)!.text).toMatch(/Ваше місце в черзі: 3\./);
      await b.handoff.service.claim('p-1', staffMember(b, 'jonas'));
      const sent = [...a.sent, ...b.sent];
      expect(sent.filter((s) => s.conversationId === 'p-2').map((s) => s.text)).toEqual(['Twoje miejsce w kolejce: 1.']);
      expect(sent.filter((s) => s.conversationId === 'p-3').map((s) => s.text)).toEqual(['Тепер ваше місце в черзі: 2.']);
    } finally {
      await deleteKeys(placePrefix);
    }
  });
});

describe('opening hours, urgency and honesty', () => {
  test('out of hours: the resident hears when staff are back and may leave a message; the chat is still queued', async () => {
    const facts = factsFromCatalog(loadCatalog(path.join(ROOT, 'data')));
    const i = await instance(facts);
    now = new Date('2026-11-22T22:30:00Z'); // Sunday 23:30 in Copenhagen
    const { session, messages } = await escalate(i, 'night-1', { language: 'da' });
    expect(session.outOfHours).toBe(true);
    expect(messages.map((m) => m.text).join('\n')).toBe(
      // The place in the queue is said out of hours too.
      'Vores rådgivere er ikke på arbejde lige nu. De er tilbage i morgen kl. 09.00. Du er nummer 1 i køen, når de er tilbage. Du kan skrive din besked her. Den næste, der møder ind, ser den og svarer dig.',
    );
    const reply = await i.handoff.service.residentMessage('night-1', session.sessionId, 'Jeg har brug for hjælp med en klage');
    expect(reply.messages.map((m) => m.text)).toEqual(['Tak. Din besked er gemt til næste vagt.']);
    expect((await i.handoff.service.queue(staffMember(i, 'amira'))).find((q) => q.conversationId === 'night-1')).toMatchObject({ outOfHours: true });
    // Nobody is expected to claim at night: not flagged until staff are back.
    now = new Date('2026-11-23T05:00:00Z');
    expect(await i.handoff.service.sweepUnclaimed()).toBe(0);
    await i.handoff.service.close('night-1', staffMember(i, 'amira'), 'test');
  });

  test('waiting out of hours, she writes that her boyfriend hits her: 112 and the line that answers now, said once', async () => {
    const facts = factsFromCatalog(loadCatalog(path.join(ROOT, 'data')));
    const i = await instance(facts);
    now = new Date('2026-11-22T22:30:00Z');
    const { session } = await escalate(i, 'night-dv', { language: 'da' });
    const reply = await i.handoff.service.residentMessage('night-dv', session.sessionId, 'min kæreste slår mig og jeg tør ikke gå hjem', { danger: true, kind: 'domestic_violence' }, 'da');
    const said = reply.messages.map((m) => m.text).join('\n');
    expect(said.match(/ring 112/g)).toHaveLength(1);
    expect(said).toContain('Lev Uden Vold på 1888 – de har åbent døgnet rundt.');
    expect((await i.handoff.service.queue(staffMember(i, 'amira'))).find((q) => q.conversationId === 'night-dv')).toMatchObject({ urgent: true });
    await i.handoff.service.close('night-dv', staffMember(i, 'amira'), 'test');
  });

  test('urgent out of hours: 112 and the right helpline come first, in the resident’s language', async () => {
    const facts = factsFromCatalog(loadCatalog(path.join(ROOT, 'data')));
    const i = await instance(facts);
    now = new Date('2026-11-22T22:30:00Z');
    const { messages } = await escalate(i, 'night-2', { language: 'en', urgent: true, dangerKind: 'self_harm' });
    expect(messages[0].text).toMatch(/^If you or someone else is in danger right now, call 112\. You can also call Livslinien.* on 70 201 201\.$/);
    expect(messages[1].text).toMatch(/They are back tomorrow at 09:00\./);
    await i.handoff.service.close('night-2', staffMember(i, 'amira'), 'test');
  });

  test('the wait estimate is given only from real recent claims', () => {
    expect(estimateWaitMinutes(1, [])).toBeUndefined();
    expect(estimateWaitMinutes(1, [60_000, 120_000])).toBeUndefined();
    expect(estimateWaitMinutes(1, [60_000, 4 * 60_000, 7 * 60_000])).toBe(5);
    expect(estimateWaitMinutes(3, [60_000, 4 * 60_000, 7 * 60_000])).toBe(15);
  });

  test('"stop" in the resident’s own language leaves the queue; ordinary words do not', async () => {
    const i = await instance();
    const texts = i.handoff.service.texts;
    const cancels: Record<Lang, string> = { da: 'Annuller', en: 'cancel', ar: 'إلغاء', fa: 'لغو', pl: 'anuluj', so: 'jooji', tr: 'iptal', uk: 'скасувати', ur: 'منسوخ' };
    for (const lang of LANGUAGES) {
      expect([lang, texts.isCancel(cancels[lang], lang)]).toEqual([lang, true]);
      expect([lang, texts.isCancel(translator.fixed(lang)('handoff:cancelButton'), lang)]).toEqual([lang, true]);
      expect([lang, texts.isCancel('I cannot stop crying', lang)]).toEqual([lang, false]);
    }
  });
});

describe('no handoff can trap anyone (review 1.1)', () => {
  const trapPrefix = uniquePrefix('handoff-trap');
  afterAll(() => deleteKeys(trapPrefix));
  const start = new Date('2026-11-24T10:00:00Z');
  const at = (minutes: number) => (now = new Date(start.getTime() + minutes * 60_000));

  test('handoff.status counts only from the configured hub, and only when the bot is authenticated', async () => {
    const open = await instance(alwaysOpen, trapPrefix);
    const authed = await instance(alwaysOpen, trapPrefix, 5 * 60_000, AUTHENTICATED);
    at(0);
    await escalate(open, 'hub-1');
    // Unauthenticated: even the right id proves nothing.
    expect(await open.handoff.service.hubStatus('hub-1', 'accepted', 'agent-hub')).toEqual([]);
    // Authenticated, but someone else (a Web Chat client posting an event).
    expect(await authed.handoff.service.hubStatus('hub-1', 'accepted', 'resident-of-hub-1')).toEqual([]);
    expect((await authed.handoff.service.session('hub-1'))!.status).toBe('queued');
    const joined = await authed.handoff.service.hubStatus('hub-1', 'accepted', 'agent-hub');
    expect(joined.map((m) => m.text)).toEqual(['A member of staff has joined the chat. You are now talking to a person.']);
    // The resident gets a way back to the bot with it.
    expect(joined[0].suggestions?.map((b) => b.title)).toEqual(['Back to the bot']);
    expect((await authed.handoff.service.queue(staffMember(authed, 'amira'))).find((q) => q.conversationId === 'hub-1')).toMatchObject({ claimedBy: 'external-hub', canTakeOver: true, idle: false });
  });

  test('any staff member can take over a chat the external hub holds, and close one', async () => {
    const i = await instance(alwaysOpen, trapPrefix, 5 * 60_000, AUTHENTICATED);
    at(0);
    await escalate(i, 'hub-2');
    await escalate(i, 'hub-3');
    await i.handoff.service.hubStatus('hub-2', 'accepted', 'agent-hub');
    await i.handoff.service.hubStatus('hub-3', 'accepted', 'agent-hub');
    const seen: HandoffEvent[] = [];
    const stop = await i.handoff.service.subscribe((e) => seen.push(e));
    await i.handoff.service.claim('hub-2', staffMember(i, 'jonas'));
    expect((await i.handoff.service.session('hub-2'))).toMatchObject({ status: 'claimed', claimedBy: 'jonas' });
    expect(i.sent.filter((s) => s.conversationId === 'hub-2').at(-1)!.text).toMatch(/You are now talking to Jonas/);
    // The hub saying "completed" afterwards does not take the chat from Jonas.
    expect(await i.handoff.service.hubStatus('hub-2', 'completed', 'agent-hub')).toEqual([]);
    expect((await i.handoff.service.session('hub-2'))!.status).toBe('claimed');
    await i.handoff.service.close('hub-3', staffMember(i, 'amira'), 'The hub never answered; closed.');
    expect(i.sent.filter((s) => s.conversationId === 'hub-3').at(-1)!.text).toMatch(/^Amira has ended the conversation/);
    for (let k = 0; k < 100 && !seen.some((e) => e.type === 'queue' && e.change === 'closed'); k++) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'queue', change: 'claimed', conversationId: 'hub-2', previousHolder: 'external-hub' })]));
    await stop();
    await i.handoff.service.release('hub-2', staffMember(i, 'jonas'));
  });

  test('a colleague silent for the idle time: the sweep flags it once, anyone may take it over; writing keeps it yours', async () => {
    const idlePrefix = uniquePrefix('handoff-idle');
    try {
      const [a, b] = [await instance(alwaysOpen, idlePrefix, 5 * 60_000, AUTHENTICATED), await instance(alwaysOpen, idlePrefix, 5 * 60_000, AUTHENTICATED)];
      at(0);
      await escalate(a, 'idle-1');
      await a.handoff.service.claim('idle-1', staffMember(a, 'amira'));
      at(10);
      await a.handoff.service.staffMessage('idle-1', staffMember(a, 'amira'), 'I am here, one moment.');
      at(20);
      // 10 minutes since Amira last wrote: still hers.
      expect(await Promise.all([a.handoff.service.sweepIdle(), b.handoff.service.sweepIdle()])).toEqual([0, 0]);
      await expect(b.handoff.service.claim('idle-1', staffMember(b, 'jonas'))).rejects.toMatchObject({ code: 'conflict' });
      await expect(b.handoff.service.close('idle-1', staffMember(b, 'jonas'), 'not mine')).rejects.toMatchObject({ code: 'conflict' });
      expect((await b.handoff.service.queue(staffMember(b, 'jonas')))[0]).toMatchObject({ conversationId: 'idle-1', idle: false, canTakeOver: false });

      at(26);
      const counts = await Promise.all([a.handoff.service.sweepIdle(), b.handoff.service.sweepIdle(), a.handoff.service.sweepIdle()]);
      expect(counts.reduce((x, y) => x + y)).toBe(1);
      expect((await b.handoff.service.queue(staffMember(b, 'jonas')))[0]).toMatchObject({ conversationId: 'idle-1', idle: true, canTakeOver: true });
      // Amira sees it as idle too, but it is hers: nothing to take over.
      expect((await a.handoff.service.queue(staffMember(a, 'amira')))[0]).toMatchObject({ idle: true, canTakeOver: false });

      await b.handoff.service.claim('idle-1', staffMember(b, 'jonas'));
      expect(a.sent.concat(b.sent).filter((s) => s.conversationId === 'idle-1').at(-1)!.text).toMatch(/You are now talking to Jonas/);
      expect((await a.handoff.service.queue(staffMember(a, 'amira')))[0]).toMatchObject({ claimedBy: 'jonas', idle: false, canTakeOver: false });
      await expect(a.handoff.service.staffMessage('idle-1', staffMember(a, 'amira'), 'still there?')).rejects.toMatchObject({ code: 'conflict' });
      await b.handoff.service.close('idle-1', staffMember(b, 'jonas'), 'Took over from Amira.');
    } finally {
      await deleteKeys(idlePrefix);
    }
  });

  test('the resident can leave a claimed chat; the counsellor is told on the event stream and the queue forgets it', async () => {
    const i = await instance(alwaysOpen, trapPrefix);
    at(0);
    const { session } = await escalate(i, 'leave-1', { language: 'da' });
    await i.handoff.service.claim('leave-1', staffMember(i, 'amira'));
    const seen: HandoffEvent[] = [];
    const stop = await i.handoff.service.subscribe((e) => seen.push(e));
    const reply = await i.handoff.service.leave('leave-1', session.sessionId, 'left');
    expect(reply.map((m) => m.text)).toEqual(['Samtalen med rådgiveren er slut. Du skriver med botten igen.']);
    for (let k = 0; k < 100 && !seen.some((e) => e.type === 'queue' && e.change === 'left'); k++) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toContainEqual(expect.objectContaining({ type: 'queue', change: 'left', conversationId: 'leave-1', reason: 'left', previousHolder: 'amira' }));
    expect((await i.handoff.service.queue(staffMember(i, 'amira'))).some((q) => q.conversationId === 'leave-1')).toBe(false);
    await expect(i.handoff.service.staffMessage('leave-1', staffMember(i, 'amira'), 'hello?')).rejects.toMatchObject({ code: 'not_found' });
    await stop();
  });
});

describe('what the resident sends during a handoff (review 1.4)', () => {
  test('a file reaches staff as "[attachment: kind]" only; the resident hears, in their language, that only text is passed on', async () => {
    const i = await instance();
    const { session } = await escalate(i, 'file-1', { language: 'ar' });
    await i.handoff.service.claim('file-1', staffMember(i, 'amira'));
    const seen: HandoffEvent[] = [];
    const stop = await i.handoff.service.subscribe((e) => seen.push(e));
    const reply = await i.handoff.service.residentMessage('file-1', session.sessionId, '', undefined, 'ar', ['image/png']);
    expect(reply.messages.map((m) => m.text)).toEqual([translator.fixed('ar')('handoff:attachmentNotRelayed')]);
    expect(reply.messages[0].text).toMatch(/ملف/);
    expect((await i.handoff.service.transcript('file-1')).filter((l) => l.from === 'resident').map((l) => l.text)).toEqual(['[attachment: image/png]']);
    for (let k = 0; k < 100 && !seen.some((e) => e.type === 'message'); k++) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toContainEqual(expect.objectContaining({ type: 'message', from: 'resident', text: '[attachment: image/png]' }));
    await stop();
    await i.handoff.service.close('file-1', staffMember(i, 'amira'), 'test');
  });

  test('an over-long message is passed on cut to the limit, and the resident is told it was cut', async () => {
    const i = await instance();
    const { session } = await escalate(i, 'long-1', { language: 'pl' });
    const long = `${'a'.repeat(1990)} KONIEC-TEKSTU ${'b'.repeat(500)}`;
    const reply = await i.handoff.service.residentMessage('long-1', session.sessionId, long, undefined, 'pl');
    const said = reply.messages.map((m) => m.text);
    expect(said).toContain('Wiadomość była długa, więc przekazano tylko pierwsze 2000 znaków. Resztę wyślij, proszę, w nowej wiadomości.');
    // Still waiting: they also hear their message is kept.
    expect(said.at(-1)).toMatch(/Doradca zobaczy Twoją wiadomość/);
    const relayed = (await i.handoff.service.transcript('long-1')).filter((l) => l.from === 'resident').map((l) => l.text);
    expect(relayed).toEqual([long.slice(0, 2000)]);
    await i.handoff.service.cancel('long-1', session.sessionId);
  });
});

describe('"delete my data" takes the handoff with it (review 1.5)', () => {
  test('forget deletes the session, its transcript and the queue entry', async () => {
    const i = await instance();
    const { session } = await escalate(i, 'forget-1', { language: 'en' });
    await i.handoff.service.residentMessage('forget-1', session.sessionId, 'My address is Nørrebrogade 1');
    expect((await i.handoff.service.transcript('forget-1')).map((l) => l.text)).toContain('My address is Nørrebrogade 1');
    expect((await i.handoff.service.queue(staffMember(i, 'amira'))).some((q) => q.conversationId === 'forget-1')).toBe(true);
    // Ending it first, as the gate does, leaves the record for staff until the resident confirms.
    expect(await i.handoff.service.leave('forget-1', session.sessionId, 'deleteData')).toEqual([]);
    expect((await i.handoff.service.session('forget-1'))!.status).toBe('ended');

    await i.handoff.forget('forget-1');
    expect(await i.handoff.service.session('forget-1')).toBeUndefined();
    await expect(i.handoff.service.transcript('forget-1')).rejects.toMatchObject({ code: 'not_found' });
    expect((await i.handoff.service.queue(staffMember(i, 'amira'))).some((q) => q.conversationId === 'forget-1')).toBe(false);
    const raw = backends[0].storage;
    const keys = ['handoff/session/forget-1'];
    expect(Object.keys(await raw.read(keys))).toEqual([]);
  });
});

describe('event bus (review 1.8)', () => {
  test('every subscriber, not only the first, receives what is published once subscribe has returned', async () => {
    const busPrefix = uniquePrefix('handoff-bus');
    try {
      const [a, b] = [
        await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix: busPrefix, ttlSeconds: 60, lockTimeoutMs: 2000 }),
        await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix: busPrefix, ttlSeconds: 60, lockTimeoutMs: 2000 }),
      ];
      backends.push(a, b);
      const first: unknown[] = [];
      const second: unknown[] = [];
      void a.events.subscribe('race', (m) => first.push(m));
      const stop = await a.events.subscribe('race', (m) => second.push(m));
      await b.events.publish('race', { n: 1 });
      for (let k = 0; k < 100 && second.length === 0; k++) await new Promise((r) => setTimeout(r, 20));
      expect(second).toEqual([{ n: 1 }]);
      expect(first).toEqual([{ n: 1 }]);
      await stop();
    } finally {
      await deleteKeys(busPrefix);
    }
  });

  test('after a failed subscribe, the next one subscribes again', async () => {
    const busPrefix = uniquePrefix('handoff-bus2');
    try {
      const [a, b] = [
        await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix: busPrefix, ttlSeconds: 60, lockTimeoutMs: 2000 }),
        await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix: busPrefix, ttlSeconds: 60, lockTimeoutMs: 2000 }),
      ];
      backends.push(a, b);
      const subscriber = (a.events as unknown as { ensureSubscriber(): Redis }).ensureSubscriber();
      jest.spyOn(subscriber, 'subscribe').mockRejectedValueOnce(new Error('connection lost'));
      await expect(a.events.subscribe('retry', () => undefined)).rejects.toThrow('connection lost');
      const got: unknown[] = [];
      const stop = await (a.events as RedisEventBus).subscribe('retry', (m) => got.push(m));
      await b.events.publish('retry', { n: 2 });
      for (let k = 0; k < 100 && got.length === 0; k++) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([{ n: 2 }]);
      await stop();
    } finally {
      await deleteKeys(busPrefix);
    }
  });
});

describe('each kind of danger gets its own helplines', () => {
  const facts = factsFromCatalog(loadCatalog(path.join(__dirname, '..', 'data')));
  const phones = (kind: Parameters<typeof facts.helplines>[0]) => facts.helplines(kind, 'en').map((l) => l.phone ?? l.website);

  test('self-harm gets Livslinien, violence at home Lev Uden Vold, a child BørneTelefonen, medical 1813', () => {
    expect(phones('self_harm')[0]).toBe('70 201 201');
    expect(phones('domestic_violence')[0]).toBe('1888');
    expect(phones('child')[0]).toBe('116 111');
    expect(phones('medical')[0]).toBe('1813');
  });

  test('a gang danger gets the police first (a threatened brother is no gang member) and the gang-exit line, never the violence hotline', () => {
    expect(phones('gang')).not.toContain('1888');
    expect(phones('gang')[0]).toBe('114');
    expect(phones('gang')[1]).toMatch(/^https:/);
    expect(phones('threat')[0]).toBe('114');
  });

  test('an unknown kind gets only lines that fit any crisis: no kind-specific helpline', () => {
    const specific = ['self_harm', 'domestic_violence', 'honour', 'gang', 'radicalisation', 'child', 'medical'] as const;
    const kindLines = new Set(specific.flatMap((k) => phones(k)).filter((p) => p !== '114'));
    expect(phones('unknown').filter((p) => kindLines.has(p!))).toEqual([]);
    expect(phones(undefined)).toEqual(phones('unknown'));
  });

  test('the line is named in the resident’s language; a crisis of no known kind gets no violence hotline', async () => {
    const facts = factsFromCatalog(loadCatalog(path.join(__dirname, '..', 'data')));
    expect(facts.helpline('self_harm', 'ar')).toEqual({ id: 'livslinien', name: 'Livslinien (خط مساعدة لمنع الانتحار)', phone: '70 201 201', website: 'https://www.livslinien.dk', alwaysOpen: false });
    expect(facts.helpline('domestic_violence', 'tr')?.name).toBe('Lev Uden Vold (aile içi ve yakın ilişkilerde şiddet için ulusal yardım hattı)');
    expect(facts.helpline('threat', 'ur')?.name).toBe('Politiet (پولیس، جب معاملہ ہنگامی نہ ہو)');
    for (const kind of [undefined, 'unknown', 'sexual-violence']) expect([kind, facts.helpline(kind, 'en')?.phone]).toEqual([kind, '114']);
    expect(facts.helpline('forced-marriage', 'en')?.id).toBe('lev-uden-vold-aere');
    expect(facts.helplines('child', 'pl').map((l) => l.id)).toEqual(['bornetelefonen', 'kk-underretning']);
  });
});
