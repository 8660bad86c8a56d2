import * as path from 'node:path';
import { loadCatalog } from '../src/catalog';
import { createHandoff, factsFromCatalog, type Handoff, type HandoffEvent, type HandoffFacts } from '../src/handoff';
import { estimateWaitMinutes } from '../src/handoff/waitEstimate';
import { createTranslator, type Translator } from '../src/language/i18n';
import { LANGUAGES, type Lang } from '../src/language/languages';
import { createRedisBackend, type StateBackend } from '../src/storage/backend';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/**
 * The handoff service on Redis, with two instances that share nothing but Redis (separate connections,
 * separate objects), as two bot processes would.
 */
const ROOT = path.join(__dirname, '..');
const prefix = uniquePrefix('handoff-service');
const alwaysOpen: HandoffFacts = { isOpen: () => true, nextOpening: (_t, at) => at, helpline: () => undefined };

let translator: Translator;
const backends: StateBackend[] = [];
const handoffs: Handoff[] = [];

interface Instance {
  handoff: Handoff;
  sent: { conversationId: string; text: string; locale?: string }[];
}

let now = new Date('2026-11-24T10:00:00Z'); // Tuesday 11:00 in Copenhagen
const clock = () => now;

async function instance(facts: HandoffFacts = alwaysOpen, keyPrefix = prefix, unclaimedMs = 5 * 60_000): Promise<Instance> {
  const backend = await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix, ttlSeconds: 600, lockTimeoutMs: 2000 });
  backends.push(backend);
  const sent: Instance['sent'] = [];
  const handoff = createHandoff({
    config: { staffTokens: [{ staffId: 'amira', token: 'a'.repeat(20) }, { staffId: 'jonas', token: 'j'.repeat(20) }], handoffUnclaimedMs: unclaimedMs, maxMessageLength: 2000, dataDir: path.join(ROOT, 'data') },
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

function escalate(i: Instance, conversationId: string, options: { language?: Lang; urgent?: boolean; topic?: 'counsellor' | 'clubs'; dangerCategory?: string } = {}) {
  return i.handoff.service.escalate({
    conversationId,
    address: { conversation: { id: conversationId } },
    language: options.language ?? 'en',
    topic: options.topic ?? 'counsellor',
    reason: options.urgent ? 'danger' : 'asked',
    urgent: !!options.urgent,
    dangerCategory: options.dangerCategory,
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
      'Vores rådgivere er ikke på arbejde lige nu. De er tilbage i morgen kl. 09.00. Du kan skrive din besked her. Den næste, der møder ind, ser den og svarer dig.',
    );
    const reply = await i.handoff.service.residentMessage('night-1', session.sessionId, 'Jeg har brug for hjælp med en klage');
    expect(reply.messages.map((m) => m.text)).toEqual(['Tak. Din besked er gemt til næste vagt.']);
    expect((await i.handoff.service.queue(staffMember(i, 'amira'))).find((q) => q.conversationId === 'night-1')).toMatchObject({ outOfHours: true });
    // Nobody is expected to claim at night: not flagged until staff are back.
    now = new Date('2026-11-23T05:00:00Z');
    expect(await i.handoff.service.sweepUnclaimed()).toBe(0);
    await i.handoff.service.close('night-1', staffMember(i, 'amira'), 'test');
  });

  test('urgent out of hours: 112 and the right helpline come first, in the resident’s language', async () => {
    const facts = factsFromCatalog(loadCatalog(path.join(ROOT, 'data')));
    const i = await instance(facts);
    now = new Date('2026-11-22T22:30:00Z');
    const { messages } = await escalate(i, 'night-2', { language: 'en', urgent: true, dangerCategory: 'self_harm_suicide' });
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
