import type { Activity } from 'botbuilder';
import { visible } from './helpers/dialogHarness';
import { hasRedisServer, startSingle, type RedisDeployment } from './helpers/redisTopology';
import { ask, startBot, startFakeChannel, type FakeChannel, type RunningBot } from './helpers/testApp';

/**
 * Redis restarts empty (no persistence) under two running bot instances: residents who were with a person
 * or in the queue are told, in their language, that the chat ended and how to reach a person again; a
 * resident mid-dialog is told the conversation restarted; the staff API answers 503 while Redis is away and
 * plain answers after (an empty queue, 404 for a chat that is gone).
 */
const AMIRA = 'amira-token-0123456789abcdef';
const STAFF_TOKENS = `amira:${AMIRA}`;
// Tuesday 11:00 in Copenhagen, running on from there: counsellors are on shift.
const START = Date.parse('2026-11-24T10:00:00Z');
const opened = Date.now();
const clock = () => new Date(START + (Date.now() - opened));

const staffCall = async (baseUrl: string, method: string, path: string) => {
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${AMIRA}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};
const texts = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message').map((a) => visible(a.text));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(hasRedisServer ? describe : describe.skip)('Redis comes back empty', () => {
  let redis: RedisDeployment;
  let a: RunningBot;
  let b: RunningBot;
  let channel: FakeChannel;
  beforeAll(async () => {
    [redis, channel] = await Promise.all([startSingle(), startFakeChannel()]);
    const env = { REDIS_URL: redis.env.REDIS_URL, STAFF_TOKENS, HANDOFF_UNCLAIMED_MINUTES: '60' };
    a = await startBot(env, { name: 'data-loss', clock });
    b = await startBot({ ...env, REDIS_KEY_PREFIX: a.prefix }, { clock });
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.brobygger.close(), b?.brobygger.close(), channel?.close()]);
    await redis?.stop();
  });

  test('with a person, in the queue, mid-dialog: each is told what happened, in their language; staff get 503, then plain answers', async () => {
    const resident = (bot: RunningBot, conversationId: string, locale: string) => (text: string) =>
      ask(bot.baseUrl, text, { conversationId, serviceUrl: channel.serviceUrl, locale });
    const withPerson = resident(a, 'conv-lost-person', 'en-GB');
    const queued = resident(b, 'conv-lost-queued', 'da-DK');
    const inDialog = resident(a, 'conv-lost-dialog', 'en-GB');

    await withPerson('Talk to a person');
    expect((await staffCall(b.baseUrl, 'POST', '/api/staff/conversations/conv-lost-person/claim')).status).toBe(200);
    await channel.waitFor('conv-lost-person', 1); // "You are now talking to Amira"
    await queued('Jeg vil gerne tale med en person');
    expect(texts(await inDialog('I need an interpreter for my mother at the doctor'))).not.toEqual([]);
    // Each instance has read the open chats (on the queue events) before Redis goes.
    await new Promise((r) => setTimeout(r, 500));

    await redis.processes[0].kill();
    const during = await staffCall(a.baseUrl, 'GET', '/api/staff/queue');
    expect(during.status).toBe(503);
    expect((await staffCall(b.baseUrl, 'GET', '/api/staff/conversations/conv-lost-person/transcript')).status).toBe(503);

    await redis.processes[0].restart(); // same port, no persistence: empty
    const ended = await until('the resident with a person to be told', async () => {
      const got = channel.received.filter((r) => r.path.includes('/conv-lost-person/')).map((r) => r.activity);
      return got.length >= 2 ? got.at(-1) : undefined;
    });
    expect(visible(ended.text)).toBe('Sorry, because of a technical problem your chat with the counsellor has ended. If you still want to talk to a person, write "Talk to a person".');
    expect(ended.locale).toBe('en');
    expect(ended.suggestedActions?.actions.map((x) => x.title)).toEqual(['Talk to a person']);
    const lostPlace = (await channel.waitFor('conv-lost-queued', 1)).at(-1)!;
    expect(visible(lostPlace.text)).toBe('Undskyld, på grund af en teknisk fejl er du ikke længere i køen til en rådgiver. Hvis du stadig vil tale med en person, så skriv "Tal med en person".');
    // Told once, though both instances knew the chats.
    await new Promise((r) => setTimeout(r, 300));
    expect(channel.received.filter((r) => r.path.includes('/conv-lost-person/'))).toHaveLength(2);

    // Mid-dialog: the next message is told the conversation restarted, then answered as a new conversation.
    const restarted = texts(await inDialog('It is for next Monday at the hospital, she speaks Arabic'));
    expect(restarted[0]).toBe('Sorry, because of a technical problem I lost track of our conversation, so we are starting again.');
    expect(restarted.length).toBeGreaterThan(1);
    // The resident who had a person is answered by the bot, in their language, with no second notice.
    const after = texts(await withPerson('Hello? Are you still there?'));
    expect(after.join('\n')).not.toMatch(/technical problem/);
    expect(after.length).toBeGreaterThan(0);
    // Staff: an empty queue, and the lost chat is simply not found.
    expect(await staffCall(a.baseUrl, 'GET', '/api/staff/queue')).toMatchObject({ status: 200, body: { items: [] } });
    expect((await staffCall(b.baseUrl, 'GET', '/api/staff/conversations/conv-lost-person/transcript')).status).toBe(404);
    // And a person can be reached again.
    expect(texts(await withPerson('Talk to a person')).join('\n')).toMatch(/number 1 in the queue/);
  }, 60_000);
});
