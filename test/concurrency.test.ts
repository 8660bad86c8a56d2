import { RequestStore } from '../src/requests/requestStore';
import { messageActivity, post, startBot, type RunningBot } from './helpers/testApp';
import { REDIS_MODES, redisEnv, startDeployment, type RedisDeployment } from './helpers/redisTopology';

/**
 * No lost turns: 50 messages of one conversation fired at once, half at each of two bot instances sharing
 * one Redis. Every message is answered without an error, and all 50 are counted in the conversation state.
 * On a single Redis (the shared test server), a Redis Cluster (3 masters) and a Sentinel set, each started
 * on loopback for this file.
 */
describe.each(REDIS_MODES)('concurrent messages in one conversation (%s)', (mode) => {
  let redis: RedisDeployment | undefined;
  let a: RunningBot;
  let b: RunningBot;
  beforeAll(async () => {
    redis = mode === 'single' ? undefined : await startDeployment(mode);
    // 50 messages of one resident at once are this test's point, not a flood: above the per-resident limit.
    const env = { ...redisEnv(redis), RESIDENT_MESSAGES_PER_WINDOW: '1000' };
    a = await startBot(env, { name: 'concurrency' });
    b = await startBot({ ...env, REDIS_KEY_PREFIX: a.prefix });
  }, 90_000);
  afterAll(async () => {
    await b?.brobygger.close();
    await a?.close();
    await redis?.stop();
  });

  test('50 messages at once on two instances: all answered, all 50 counted', async () => {
    const conversationId = 'conv-burst';
    const messages = Array.from({ length: 50 }, (_, i) =>
      messageActivity(`Hej, besked nummer ${i + 1}`, { conversationId, deliveryMode: 'expectReplies' }),
    );
    const responses = await Promise.all(messages.map((m, i) => post(`${(i % 2 ? b : a).baseUrl}/api/messages`, m)));

    expect(responses.map((r) => r.status)).toEqual(new Array(50).fill(200));
    const replies = responses.flatMap((r) => r.body.activities as { text?: string }[]);
    expect(replies.length).toBeGreaterThanOrEqual(50);
    expect(replies.filter((r) => /gik noget galt|prøv igen|send gerne/i.test(r.text ?? ''))).toEqual([]);

    const key = `test/brobygger/conversations/${conversationId}`;
    const state = (await a.brobygger.backend.storage.read([key]))[key];
    expect(state.turns).toBe(50);
    const transcript = (await a.brobygger.backend.transcripts.recent(`test/${conversationId}`)) as { from: string; text: string }[];
    const said = transcript.filter((l) => l.from === 'resident').map((l) => l.text);
    // The transcript keeps the most recent lines: each message appears once, none twice.
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said).size).toBe(said.length);
  });

  test('60 residents writing at once, each in their own conversation, on two instances: nobody gets an apology', async () => {
    // Conversations hash to slots on every node of a cluster: their turns' commits and reads leave together.
    const messages = Array.from({ length: 60 }, (_, i) =>
      messageActivity('Hej, jeg leder efter en klub til min søn', { conversationId: `conv-many-${i}`, deliveryMode: 'expectReplies' }),
    );
    const responses = await Promise.all(messages.map((m, i) => post(`${(i % 2 ? b : a).baseUrl}/api/messages`, m)));
    expect(responses.map((r) => r.status)).toEqual(new Array(60).fill(200));
    const replies = responses.map((r) => (r.body.activities as { text?: string }[]).map((x) => x.text ?? '').join(' '));
    expect(replies.filter((text) => /gik noget galt|prøv igen|send gerne|kan ikke nå/i.test(text))).toEqual([]);
    expect(replies.every((text) => text.length > 0)).toBe(true);
  });

  test('with no lock contention left behind: the next message is answered at once', async () => {
    const res = await post(`${a.baseUrl}/api/messages`, messageActivity('hej igen', { conversationId: 'conv-burst', deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(200);
    expect(res.body.activities.length).toBeGreaterThan(0);
  });

  test('requests, their sets, transcripts and events: documents of many slots in one call, across the two instances', async () => {
    const onA = new RequestStore(a.brobygger.backend.storage);
    const onB = new RequestStore(b.brobygger.backend.storage);
    // Saved at once on both instances: the first writes of the index and of each set race (create-only eTags).
    const residents = [
      ['conv-r1', 'amina'], ['conv-r1', 'amina'], ['conv-r2', 'amina'], ['conv-r1', 'amina'],
      ['conv-r3', 'jonas'], ['conv-r2', 'amina'], ['conv-r3', 'jonas'], ['conv-r1', 'amina'],
    ];
    const saved = await Promise.all(
      residents.map(([conversationId, userId], i) =>
        (i % 2 ? onB : onA).save({ kind: 'interpreter', language: 'ar', conversationId, userId, summary: `Tolk ${i}`, details: {} }),
      ),
    );
    expect((await onB.list()).map((r) => r.reference).sort()).toEqual(saved.map((r) => r.reference).sort());
    expect(await onB.deleteForResident({ conversationId: 'conv-r1', userId: 'amina' })).toBe(6);
    expect((await onA.list()).map((r) => r.reference).sort()).toEqual([saved[4].reference, saved[6].reference].sort());

    const got: unknown[] = [];
    const stop = await a.brobygger.backend.events.subscribe('probe', (m) => got.push(m));
    await b.brobygger.backend.events.publish('probe', { n: 1 });
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(got).toEqual([{ n: 1 }]);
  });
});
