import Redis from 'ioredis';
import { decodeLogEntry } from '../src/storage/logEntryCodec';
import { RedisKeys } from '../src/storage/keys';
import { RedisStorage } from '../src/storage/redisStorage';
import { startBotProcess, startHoldingChannel, type BotProcess, type HoldingChannel } from './helpers/botProcess';
import { hasRedisServer, startSingle, type RedisDeployment } from './helpers/redisTopology';
import { ask, messageActivity, post } from './helpers/testApp';

/**
 * Faults of bot instances, with real processes: two bot processes share a Redis of this test's own (a
 * stall there must not pause anyone else's tests), each with the default lock lease of 2 s.
 *
 * - A Redis stall longer than the lease (DEBUG SLEEP 3) while a turn is in flight: the stalled turn's lock
 *   expires and another instance takes the conversation. The stalled turn's commit is refused (fencing), so
 *   the two turns never interleave; its resident is asked to send the message again; nothing half-saved.
 * - kill -9 of the instance in the middle of a turn: that turn's HTTP request fails (the channel knows it
 *   was not handled), nothing of it is saved, and the resident's next message, through the other instance,
 *   is answered as soon as the dead instance's lock lease runs out (at most 2 s).
 */
const PREFIX = 'test:faults:';
const LEASE_MS = 2000;
const SEND_AGAIN = 'Undskyld, en teknisk fejl gjorde, at jeg ikke fik gemt det. Send gerne din sidste besked igen.';
const FAILED = /gik noget galt|prøv igen om et øjeblik|Send gerne din sidste besked igen/i;

(hasRedisServer ? describe : describe.skip)('a bot instance that stalls or dies mid-turn', () => {
  let redis: RedisDeployment;
  let a: BotProcess;
  let b: BotProcess;
  let channel: HoldingChannel;
  let client: Redis;
  let storage: RedisStorage;
  const keys = new RedisKeys(PREFIX);

  beforeAll(async () => {
    [redis, channel] = await Promise.all([startSingle(), startHoldingChannel()]);
    const env = { REDIS_URL: redis.env.REDIS_URL, REDIS_KEY_PREFIX: PREFIX, TURN_LOCK_LEASE_MS: String(LEASE_MS) };
    [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    client = new Redis(redis.env.REDIS_URL);
    storage = new RedisStorage(client, { keyPrefix: PREFIX, ttlSeconds: 60 });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await client?.quit();
    await Promise.all([channel?.close(), redis?.stop()]);
  });

  const state = async (conversationId: string) => {
    const key = `test/brobygger/conversations/${conversationId}`;
    return (await storage.read([key]))[key];
  };
  const residentLines = async (conversationId: string) =>
    (await client.lrange(keys.log(`test/${conversationId}`), 0, -1)).map((l) => decodeLogEntry<{ from: string; text: string }>(l)).filter((l) => l.from === 'resident').map((l) => l.text);

  test('a 3 s Redis stall with a 2 s lease: the stalled turn saves nothing and says "send it again", the other turn is whole', async () => {
    const conversationId = 'conv-stall';
    const held = channel.holdNext(conversationId);
    // The resident's message on A; A's turn sends its answer and waits for the channel to take it.
    const onA = post(`${a.baseUrl}/api/messages`, messageActivity('Jeg har brug for en tolk', { conversationId, serviceUrl: channel.serviceUrl }));
    const letGo = await held;
    // Redis stops answering anyone for 3 s, longer than the lease.
    const sleeper = new Redis(redis.env.REDIS_URL);
    const stall = sleeper.call('DEBUG', 'SLEEP', '3');
    await new Promise((r) => setTimeout(r, 200));
    // A second message of the same conversation, on B: its lock request waits in Redis behind the stall.
    const onB = ask(b.baseUrl, 'Hej, er der nogen?', { conversationId });
    await new Promise((r) => setTimeout(r, 300));
    letGo();
    const [fromB] = await Promise.all([onB, onA, stall]);
    await sleeper.quit();

    // B's turn is whole and was answered properly.
    expect(fromB.length).toBeGreaterThan(0);
    expect(fromB.map((x) => x.text ?? '').join('\n')).not.toMatch(FAILED);
    // A's turn lost its lock in the stall: its resident is asked to send the message again.
    const onChannel = await channel.waitFor(conversationId, 2);
    expect(onChannel.at(-1)?.text).toBe(SEND_AGAIN);
    // Nothing of A's turn was saved: one turn counted (B's), and only B's message is in the transcript.
    expect((await state(conversationId))?.turns).toBe(1);
    expect(await residentLines(conversationId)).toEqual(['Hej, er der nogen?']);
    // The conversation goes on normally.
    const next = await ask(a.baseUrl, 'Jeg har brug for en tolk', { conversationId });
    expect(next.map((x) => x.text ?? '').join('\n')).not.toMatch(FAILED);
    expect((await state(conversationId))?.turns).toBe(2);
  }, 60_000);

  test('kill -9 mid-turn: its request fails, nothing of it is saved, and the other instance answers within the lease', async () => {
    const conversationId = 'conv-crash';
    expect((await ask(a.baseUrl, 'Hej', { conversationId })).length).toBeGreaterThan(0);

    const held = channel.holdNext(conversationId);
    const request = post(`${a.baseUrl}/api/messages`, messageActivity('Jeg har brug for en tolk til lægen', { conversationId, serviceUrl: channel.serviceUrl }));
    await held; // A is inside the turn: it holds the lock and has sent part of its answer
    const lockKey = keys.lock(`test/${conversationId}`);
    const killedAt = Date.now();
    await a.kill();
    const lockLeftMs = await client.pttl(lockKey);
    // The channel's request to the dead instance fails: the channel knows the message was not handled.
    await expect(request).rejects.toThrow();

    const next = await ask(b.baseUrl, 'Hej igen, er du der?', { conversationId });
    const answeredAfterMs = Date.now() - killedAt;
    expect(next.map((x) => x.text ?? '').join('\n')).not.toMatch(FAILED);
    // The lock of a dead instance lasts at most one lease after its last renewal.
    expect(lockLeftMs).toBeLessThanOrEqual(LEASE_MS);
    expect(answeredAfterMs).toBeLessThan(LEASE_MS + 4000); // + the turn itself, generously on a busy machine
    // The killed turn left nothing behind: two turns counted, its message not in the transcript.
    expect((await state(conversationId))?.turns).toBe(2);
    expect(await residentLines(conversationId)).toEqual(['Hej', 'Hej igen, er du der?']);
    console.log(`kill -9: lock had ${lockLeftMs} ms left; the next message through the other instance was answered ${answeredAfterMs} ms after the kill`);
  }, 60_000);
});
