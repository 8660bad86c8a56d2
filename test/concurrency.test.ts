import Redis from 'ioredis';
import { RedisStorage } from '../src/storage/redisStorage';
import { messageActivity, post, REDIS_URL, startBot, type RunningBot } from './helpers/testApp';

/**
 * No lost turns: 50 messages of one conversation fired at once, half at each of two bot instances sharing
 * one Redis. Every message is answered without an error, and all 50 are counted in the conversation state.
 */
describe('concurrent messages in one conversation', () => {
  let a: RunningBot;
  let b: RunningBot;
  beforeAll(async () => {
    a = await startBot({}, { name: 'concurrency' });
    b = await startBot({ REDIS_KEY_PREFIX: a.prefix });
  });
  afterAll(async () => {
    await b.brobygger.close();
    await a.close();
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
    expect(replies.filter((r) => /gik noget galt|prøv igen/i.test(r.text ?? ''))).toEqual([]);

    const redis = new Redis(REDIS_URL);
    const storage = new RedisStorage(redis, { keyPrefix: a.prefix, ttlSeconds: 60 });
    const key = `test/brobygger/conversations/${conversationId}`;
    const state = (await storage.read([key]))[key];
    await redis.quit();
    expect(state.turns).toBe(50);
    const transcript = (await a.brobygger.backend.transcripts.recent(`test/${conversationId}`)) as { from: string; text: string }[];
    const said = transcript.filter((l) => l.from === 'resident').map((l) => l.text);
    // The transcript keeps the most recent lines: each message appears once, none twice.
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said).size).toBe(said.length);
  });

  test('with no lock contention left behind: the next message is answered at once', async () => {
    const res = await post(`${a.baseUrl}/api/messages`, messageActivity('hej igen', { conversationId: 'conv-burst', deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(200);
    expect(res.body.activities.length).toBeGreaterThan(0);
  });
});
