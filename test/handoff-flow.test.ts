import type { Activity } from 'botbuilder';
import { ask, messageActivity, post, startBot, startFakeChannel, type FakeChannel, type RunningBot } from './helpers/testApp';
import { visible } from './helpers/dialogHarness';
import { REDIS_MODES, redisEnv, startDeployment, type RedisDeployment } from './helpers/redisTopology';
import { listenToStaffEvents, staffCall } from './helpers/staffClient';

/**
 * Issue 5, end to end over real HTTP with Redis: a resident asks for a person on a channel (a fake
 * channel server plays the `serviceUrl`), staff use the staff API, and back to the bot.
 */
const AMIRA = 'amira-token-0123456789abcdef';
const JONAS = 'jonas-token-0123456789abcdef';
const STAFF_TOKENS = `amira:${AMIRA},jonas:${JONAS}`;
// Tuesday 11:00 in Copenhagen, running on from there: counsellors are on shift.
const START = Date.parse('2026-11-24T10:00:00Z');
const opened = Date.now();
const clock = () => new Date(START + (Date.now() - opened));

type Json = any;

function staff(baseUrl: string, token: string) {
  const call = staffCall(baseUrl, token);
  const conv = (id: string) => `/api/staff/conversations/${encodeURIComponent(id)}`;
  return {
    queue: () => call('GET', '/api/staff/queue'),
    claim: (id: string) => call('POST', `${conv(id)}/claim`),
    transcript: (id: string) => call('GET', `${conv(id)}/transcript`),
    say: (id: string, text: string) => call('POST', `${conv(id)}/messages`, { text }),
    release: (id: string) => call('POST', `${conv(id)}/release`),
    close: (id: string, note: string) => call('POST', `${conv(id)}/close`, { note }),
  };
}

const listen = listenToStaffEvents;

const texts = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message').map((a) => visible(a.text));

describe('handoff to a person, over HTTP, one instance', () => {
  let bot: RunningBot;
  let channel: FakeChannel;
  beforeAll(async () => {
    [bot, channel] = await Promise.all([
      startBot({ STAFF_TOKENS, HANDOFF_UNCLAIMED_MINUTES: '60' }, { name: 'handoff-flow', clock }),
      startFakeChannel(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([bot.close(), channel.close()]);
  });

  test('resident asks for a person → queue → claim → relay both ways → release → the bot answers again', async () => {
    const conversationId = 'conv-flow-1';
    const resident = (text: string) => ask(bot.baseUrl, text, { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });
    const amira = staff(bot.baseUrl, AMIRA);
    const jonas = staff(bot.baseUrl, JONAS);
    // Amira's console: once she holds the chat, only hers (and a lead's) gets what the resident says.
    const stream = listen(bot.baseUrl, AMIRA);
    await stream.ready;

    await resident('I need an interpreter for the doctor on Monday');
    const asked = await resident('Talk to a person');
    const askedText = texts(asked).join('\n');
    expect(askedText).toMatch(/number 1 in the queue/);
    expect(askedText).toMatch(/can't say exactly how long/);
    expect(asked.find((a) => a.type === 'event')?.name).toBe('handoff.initiate');

    const queue = await amira.queue();
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: Json) => i.conversationId === conversationId);
    expect(item).toMatchObject({ language: 'en', urgent: false, claimedBy: null });
    expect(item.summary).toMatch(/interpreter for the doctor/);
    await stream.waitFor((e) => e.event === 'queue' && e.data.change === 'queued' && e.data.conversationId === conversationId);

    // Waiting: a message is kept for the counsellor, the resident is told, the bot does not take over.
    const waiting = await resident('It is about my mother, she does not speak Danish');
    expect(texts(waiting).join('\n')).toMatch(/counsellor will see your message/);

    expect((await amira.claim(conversationId)).status).toBe(200);
    expect((await jonas.claim(conversationId)).status).toBe(409);
    const joined = await channel.waitFor(conversationId, 1);
    expect(visible(joined.at(-1)!.text)).toMatch(/You are now talking to Amira \(counsellor\)/);

    const before = (await amira.transcript(conversationId)).body.items;
    expect(before.map((l: Json) => l.text)).toEqual(expect.arrayContaining(['I need an interpreter for the doctor on Monday', 'It is about my mother, she does not speak Danish']));

    expect((await amira.say(conversationId, 'Hello, I can help you book one.')).status).toBe(200);
    const fromStaff = await channel.waitFor(conversationId, 2);
    expect(fromStaff.at(-1)).toMatchObject({ type: 'message', text: 'Amira: Hello, I can help you book one.' });
    expect(channel.received.at(-1)!.path.startsWith(`/v3/conversations/${conversationId}/activities`)).toBe(true);
    expect((await jonas.say(conversationId, 'me too')).status).toBe(409);

    // With a person: the bot is silent, the message reaches the transcript and the event stream.
    const reply = await resident('Thank you! Monday at 10 please');
    expect(texts(reply)).toEqual([]);
    await stream.waitFor((e) => e.event === 'message' && e.data.from === 'resident' && e.data.text === 'Thank you! Monday at 10 please');
    const after = (await amira.transcript(conversationId)).body.items;
    expect(after.at(-1)).toMatchObject({ from: 'resident', text: 'Thank you! Monday at 10 please' });
    expect(after.some((l: Json) => l.from === 'staff' && l.text === 'Hello, I can help you book one.')).toBe(true);

    expect((await jonas.release(conversationId)).status).toBe(409);
    expect((await amira.release(conversationId)).status).toBe(200);
    const left = await channel.waitFor(conversationId, 3);
    expect(visible(left.at(-1)!.text)).toMatch(/Amira has left the chat\. You are talking to the bot again/);
    expect((await amira.queue()).body.items.some((i: Json) => i.conversationId === conversationId)).toBe(false);
    await stream.waitFor((e) => e.event === 'queue' && e.data.change === 'released');

    const back = await resident('Talk to a person');
    expect(texts(back).join('\n')).toMatch(/number 1 in the queue/);
    const cancelled = await resident('Stop waiting');
    expect(texts(cancelled).join('\n')).toMatch(/left the queue/);
    const bot2 = await resident('What is the weather like in Aarhus today?');
    expect(texts(bot2).length).toBeGreaterThan(0);
    expect(texts(bot2).join('\n')).not.toMatch(/queue/);
    stream.stop();
  });

  test('a danger message while waiting makes the chat urgent and gives 112 at once', async () => {
    const conversationId = 'conv-flow-danger';
    const resident = (text: string) => ask(bot.baseUrl, text, { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });
    const amira = staff(bot.baseUrl, AMIRA);
    await ask(bot.baseUrl, 'Talk to a person', { conversationId: 'conv-flow-first', serviceUrl: channel.serviceUrl, locale: 'en-GB' });
    await resident('Talk to a person');
    const before = (await amira.queue()).body.items.map((i: Json) => i.conversationId);
    expect(before.indexOf(conversationId)).toBeGreaterThan(before.indexOf('conv-flow-first'));

    const danger = await resident('My husband hits me and I am scared he will kill me');
    expect(texts(danger).join('\n')).toMatch(/call 112/);
    const items = (await amira.queue()).body.items;
    expect(items[0]).toMatchObject({ conversationId, urgent: true });
    // The one who waited first is told their new place.
    const moved = await channel.waitFor('conv-flow-first', 1);
    expect(visible(moved.at(-1)!.text)).toMatch(/now number 2 in the queue/);

    expect((await amira.close(conversationId, '')).status).toBe(400);
    expect((await amira.close(conversationId, 'Called her; referred to Lev Uden Vold.')).status).toBe(200);
    expect((await amira.close('conv-flow-first', 'Left without a message.')).status).toBe(200);
    expect((await amira.claim(conversationId)).status).toBe(404);
  });

  test('a handoff.status event a client posts to an unauthenticated bot is ignored: the resident can still leave', async () => {
    const conversationId = 'conv-flow-forged';
    const event = (state: string) =>
      post(`${bot.baseUrl}/api/messages`, {
        ...messageActivity('', { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB', deliveryMode: 'expectReplies' }),
        type: 'event',
        name: 'handoff.status',
        text: undefined,
        value: { state },
      });
    const amira = staff(bot.baseUrl, AMIRA);
    await ask(bot.baseUrl, 'Talk to a person', { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });

    const accepted = await event('accepted');
    expect(accepted.status).toBe(200);
    expect(texts(accepted.body?.activities ?? [])).toEqual([]);
    expect((await amira.queue()).body.items.find((i: Json) => i.conversationId === conversationId)).toMatchObject({ claimedBy: null });
    const cancelled = await ask(bot.baseUrl, 'cancel', { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });
    expect(texts(cancelled).join('\n')).toMatch(/left the queue/);
    expect((await amira.queue()).body.items.some((i: Json) => i.conversationId === conversationId)).toBe(false);
  });

  test('with a person, the resident presses "Back to the bot": the counsellor is told live and the bot answers again', async () => {
    const conversationId = 'conv-flow-leave';
    const resident = (text: string) => ask(bot.baseUrl, text, { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });
    const amira = staff(bot.baseUrl, AMIRA);
    const stream = listen(bot.baseUrl, AMIRA);
    await stream.ready;
    await resident('Talk to a person');
    expect((await amira.claim(conversationId)).status).toBe(200);
    const joined = (await channel.waitFor(conversationId, 1)).at(-1)!;
    expect(joined.suggestedActions?.actions.map((a) => a.title)).toEqual(['Back to the bot']);

    const left = await resident('Back to the bot');
    expect(texts(left)).toEqual(['The conversation with the counsellor has ended. You are talking to the bot again.']);
    await stream.waitFor((e) => e.event === 'queue' && e.data.change === 'left' && e.data.conversationId === conversationId && e.data.previousHolder === 'amira');
    expect((await amira.say(conversationId, 'Are you still there?')).status).toBe(404);
    const again = await resident('What is the weather like in Aarhus today?');
    expect(texts(again).length).toBeGreaterThan(0);
    expect(texts(again).join('\n')).not.toMatch(/queue|counsellor/);
    stream.stop();
  });

  test('with a person, a photo and an over-long message reach the counsellor (as a note and cut), and the resident is told', async () => {
    const conversationId = 'conv-flow-files';
    const resident = (text: string, extra: Json = {}) => ask(bot.baseUrl, text, { conversationId, serviceUrl: channel.serviceUrl, locale: 'da-DK', ...extra });
    const amira = staff(bot.baseUrl, AMIRA);
    await resident('Jeg vil gerne tale med en person');
    expect((await amira.claim(conversationId)).status).toBe(200);

    const photo = await resident('', { attachments: [{ contentType: 'image/png', contentUrl: 'https://files.example/brev.png', name: 'brev.png' }] });
    expect(texts(photo)).toEqual(['Rådgiveren kan se, at du har sendt en fil, men chatten kan kun sende tekst videre. Skriv gerne med ord, hvad der står i den, eller hvad den handler om.']);
    const long = `Min udlejer ${'skriver og skriver '.repeat(150)}`.trim();
    expect(long.length).toBeGreaterThan(2000);
    const cut = await resident(long);
    expect(texts(cut)).toEqual(['Din besked var lang, så kun de første 2000 tegn blev sendt videre. Send gerne resten i en ny besked.']);

    const said = (await amira.transcript(conversationId)).body.items.filter((l: Json) => l.from === 'resident').map((l: Json) => l.text);
    expect(said.slice(-2)).toEqual(['[attachment: image/png]', long.slice(0, 2000)]);
    expect(JSON.stringify(said)).not.toMatch(/files\.example/);
    expect((await amira.close(conversationId, 'test')).status).toBe(200);
  });

  test('"delete my data" with a person: not passed on, the counsellor learns why, and the bot deletes the handoff too', async () => {
    const conversationId = 'conv-flow-delete';
    const resident = (text: string) => ask(bot.baseUrl, text, { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });
    const amira = staff(bot.baseUrl, AMIRA);
    const stream = listen(bot.baseUrl, AMIRA);
    await stream.ready;
    await resident('Talk to a person');
    expect((await amira.claim(conversationId)).status).toBe(200);
    expect(texts(await resident('I live at Nørrebrogade 1'))).toEqual([]);
    expect((await amira.transcript(conversationId)).body.items.some((l: Json) => l.text === 'I live at Nørrebrogade 1')).toBe(true);

    const asked = await resident('delete my data');
    expect(texts(asked).join('\n')).toMatch(/Shall I delete everything/);
    // Asked, not yet done: the counsellor keeps the chat (a "no" would go on with them), and saw nothing of it.
    expect((await amira.queue()).body.items.find((i: Json) => i.conversationId === conversationId)?.claimedBy).toBe('amira');
    expect(stream.events.some((e) => e.event === 'message' && /delete my data/.test(e.data.text))).toBe(false);

    expect(texts(await resident('Yes')).join('\n')).toMatch(/your information has been deleted/);
    await stream.waitFor((e) => e.event === 'queue' && e.data.change === 'left' && e.data.reason === 'deleteData' && e.data.previousHolder === 'amira');
    expect(stream.events.some((e) => e.event === 'message' && /^Yes$/.test(e.data.text))).toBe(false);
    expect((await amira.transcript(conversationId)).status).toBe(404);
    expect((await amira.queue()).body.items.some((i: Json) => i.conversationId === conversationId)).toBe(false);
    stream.stop();
  });
});

// The same flow on a single Redis (the shared test server), a Redis Cluster (3 masters) and a Sentinel set
// (master, replica, 3 sentinels), each started on loopback for this file and stopped after it.
describe.each(REDIS_MODES)('handoff to a person, two bot instances sharing one Redis (%s)', (mode) => {
  // Two complete Brobygger instances in this test process, each with its own Redis connections, adapter,
  // server and port; they share nothing in memory, only the Redis key prefix.
  const prefix = `test:handoff-two:${Date.now().toString(36)}:`;
  let redis: RedisDeployment | undefined;
  let env: Record<string, string | undefined>;
  let a: RunningBot;
  let b: RunningBot;
  let channel: FakeChannel;
  beforeAll(async () => {
    redis = mode === 'single' ? undefined : await startDeployment(mode);
    env = { STAFF_TOKENS, REDIS_KEY_PREFIX: prefix, HANDOFF_UNCLAIMED_MINUTES: '60', ...redisEnv(redis) };
    [a, b, channel] = await Promise.all([
      startBot(env, { name: 'handoff-a', clock }),
      startBot(env, { name: 'handoff-b', clock }),
      startFakeChannel(),
    ]);
  }, 90_000);
  let aStopped = false;
  afterAll(async () => {
    // b's close also deletes the shared keys.
    await Promise.all([aStopped ? undefined : a?.brobygger.close(), b?.close(), channel?.close()]);
    await redis?.stop();
  });

  test('resident on one instance, staff on the other, and a restart of the resident’s instance loses nothing', async () => {
    const conversationId = 'conv-two-1';
    const on = (bot: RunningBot) => (text: string) => ask(bot.baseUrl, text, { conversationId, serviceUrl: channel.serviceUrl, locale: 'da-DK' });
    const amira = staff(b.baseUrl, AMIRA);
    const stream = listen(b.baseUrl, AMIRA);
    await stream.ready;

    await on(a)('Jeg har problemer med min nabo, han larmer hver nat');
    const asked = await on(a)('Tal med en person');
    expect(texts(asked).join('\n')).toMatch(/Du er nummer 1 i køen/);
    await stream.waitFor((e) => e.event === 'queue' && e.data.change === 'queued' && e.data.conversationId === conversationId);
    const queue = await amira.queue();
    expect(queue).toMatchObject({ status: 200 });
    expect(queue.body.items.find((i: Json) => i.conversationId === conversationId)).toMatchObject({ language: 'da', claimedBy: null });

    expect((await amira.claim(conversationId)).status).toBe(200);
    expect(visible((await channel.waitFor(conversationId, 1)).at(-1)!.text)).toBe('Du skriver nu med Amira (rådgiver), som kan se, hvad du har skrevet før.');
    expect((await amira.say(conversationId, 'Hej, jeg er her. Hvornår startede det?')).status).toBe(200);
    expect((await channel.waitFor(conversationId, 2)).at(-1)!.text).toBe('Amira: Hej, jeg er her. Hvornår startede det?');

    // The resident's instance restarts (same Redis): the conversation is still with Amira.
    await a.brobygger.close();
    aStopped = true;
    const a2 = await startBot(env, { name: 'handoff-a2', clock });
    try {
      expect(texts(await on(a2)('For tre uger siden'))).toEqual([]);
      await stream.waitFor((e) => e.event === 'message' && e.data.from === 'resident' && e.data.text === 'For tre uger siden');
      expect((await amira.transcript(conversationId)).body.items.at(-1)).toMatchObject({ from: 'resident', text: 'For tre uger siden' });

      expect((await amira.release(conversationId)).status).toBe(200);
      expect(visible((await channel.waitFor(conversationId, 3)).at(-1)!.text)).toMatch(/^Amira har forladt chatten\. Du skriver med botten igen/);
      const again = await on(a2)('Hvad kan du hjælpe med?');
      expect(texts(again).length).toBeGreaterThan(0);
      expect(texts(again).join('\n')).not.toMatch(/køen/);
    } finally {
      stream.stop();
      await a2.brobygger.close();
    }
  });
});
