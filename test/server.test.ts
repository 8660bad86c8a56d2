import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ask, messageActivity, post, startBot, startFakeChannel, type FakeChannel, type RunningBot } from './helpers/testApp';

/** The Bot Framework protocol over real HTTP, with Redis state. */
describe('POST /api/messages', () => {
  let bot: RunningBot;
  let channel: FakeChannel;
  beforeAll(async () => {
    [bot, channel] = await Promise.all([startBot({}, { name: 'server' }), startFakeChannel()]);
  });
  afterAll(async () => {
    await Promise.all([bot.close(), channel.close()]);
  });

  test('a resident who joins is greeted in Danish and English, with the menu of services as buttons', async () => {
    const res = await post(`${bot.baseUrl}/api/messages`, {
      ...messageActivity(''),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: 'resident-1' }],
      deliveryMode: 'expectReplies',
    });
    expect(res.status).toBe(200);
    const replies = res.body.activities;
    const all = replies.map((a: { text?: string }) => a.text).join('\n');
    expect(all).toMatch(/Hej, jeg er Brobygger/);
    expect(all).toMatch(/Hi, I'm Brobygger/);
    const buttons = replies.at(-1).suggestedActions.actions.map((a: { title: string }) => a.title);
    expect(buttons).toEqual(expect.arrayContaining(['Tolk', 'Nabokonflikt', 'Diskrimination', 'Klubber og fritid', 'Tal med en person']));
    // Each message names the language it is written in.
    expect(replies.map((a: { locale?: string }) => a.locale)).toEqual(['da', 'en', 'da']);
  });

  test('unknown text is answered with the menu, in the language it was written in', async () => {
    const replies = await ask(bot.baseUrl, 'What is the weather like in Aarhus today?');
    const last = replies.at(-1)!;
    expect(last.locale).toBe('en');
    expect(last.suggestedActions?.actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Interpreter', 'Clubs and leisure']));
  });

  test('without expectReplies, replies go to the channel serviceUrl as a reply to the incoming activity', async () => {
    const activity = messageActivity('hjælp', { serviceUrl: channel.serviceUrl, conversationId: 'conv-serviceurl' });
    const res = await post(`${bot.baseUrl}/api/messages`, activity);
    expect([200, 201, 202]).toContain(res.status);
    const sent = await channel.waitFor('conv-serviceurl', 1);
    expect(channel.received[0].path).toBe(`/v3/conversations/conv-serviceurl/activities/${activity.id}`);
    expect(sent[0].text).toMatch(/tolk/i);
    expect(sent[0].locale).toBe('da');
    expect(sent[0].replyToId).toBe(activity.id);
  });

  test('a malformed body is a 400 with a short reason, and the bot keeps serving', async () => {
    const notJson = await post(`${bot.baseUrl}/api/messages`, '{"type": "message", ');
    expect(notJson.status).toBe(400);
    const notActivity = await post(`${bot.baseUrl}/api/messages`, { hello: 'world' });
    expect(notActivity.status).toBe(400);
    expect(notActivity.body.error).toMatch(/invalid activity: type/);
    const noConversation = await post(`${bot.baseUrl}/api/messages`, { ...messageActivity('hej'), conversation: undefined });
    expect(noConversation.status).toBe(400);
    expect(noConversation.body.error).toMatch(/conversation/);
    const array = await post(`${bot.baseUrl}/api/messages`, [1, 2]);
    expect(array.status).toBe(400);
    expect(await ask(bot.baseUrl, 'hej')).not.toHaveLength(0);
  });

  test('a message over the limit is told, politely, to be shorter', async () => {
    const replies = await ask(bot.baseUrl, 'Jeg har brug for hjælp med min nabo. '.repeat(80));
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/for lang.*2000 tegn/);
  });

  test('/healthz, /readyz and /metrics answer', async () => {
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', storage: 'redis' });
    const metrics = await (await fetch(`${bot.baseUrl}/metrics`)).text();
    // Turns are counted by route and language (sum them for all turns).
    expect(metrics).toMatch(/^brobygger_turns_total\{route="[\w.-]+",language="[\w]+"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^brobygger_rejected_activities_total [1-9]\d*$/m);
    expect(metrics).toMatch(/brobygger_turn_duration_seconds_bucket\{le="\+Inf"\}/);
    expect(metrics).toMatch(/^brobygger_storage_conflicts_total \d+$/m);
  });
});

describe('graceful shutdown', () => {
  test('a turn in flight finishes after the bot stops taking requests; staff event streams are ended', async () => {
    const bot = await startBot({ STAFF_TOKENS: 'amira:0123456789abcdef0123' }, { name: 'shutdown' });
    // A channel that takes its time to accept replies keeps the turn in flight.
    const replies: string[] = [];
    const slowChannel = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        replies.push(JSON.parse(body).text);
        setTimeout(() => res.end(JSON.stringify({ id: 'ok' })), 300);
      });
    });
    await new Promise<void>((r) => slowChannel.listen(0, '127.0.0.1', () => r()));
    const serviceUrl = `http://127.0.0.1:${(slowChannel.address() as AddressInfo).port}`;

    const events = await fetch(`${bot.baseUrl}/api/staff/events`, { headers: { authorization: 'Bearer 0123456789abcdef0123' } });
    expect(events.status).toBe(200);
    const streamEnded = events.body!.pipeTo(new WritableStream()).then(
      () => 'ended',
      () => 'ended',
    );

    const inFlight = post(`${bot.baseUrl}/api/messages`, messageActivity('hjælp', { serviceUrl }));
    for (let i = 0; i < 100 && replies.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(replies).toHaveLength(1); // the turn is under way: its first reply is at the channel
    bot.brobygger.stopAccepting();
    expect((await inFlight).status).toBe(200);
    expect(await streamEnded).toBe('ended');
    for (let i = 0; i < 50 && bot.brobygger.http.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(bot.brobygger.http.inFlight()).toBe(0);
    await bot.close();
    await new Promise<void>((r) => slowChannel.close(() => r()));
  });
});
