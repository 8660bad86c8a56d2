import type { Activity } from 'botbuilder';
import { ask, post, startBot, startFakeChannel, type FakeChannel, type RunningBot } from './helpers/testApp';
import { visible } from './helpers/dialogHarness';
import { cardOf, cardText, startFakeTeamsConnector, validateCard, type ConnectorCall, type FakeTeamsConnector } from './helpers/teamsConnector';
import { AMIRA, BOT, JONAS, STAFF_CHANNEL, STRANGER, cardAction, installInTeam, installPersonal, personalMessage, threadReply, type TeamsUser } from './helpers/teamsPayloads';
import { staffCall } from './helpers/staffClient';

/**
 * Issue 11, part 2, end to end over real HTTP with Redis: residents on a channel (a fake channel server),
 * staff in Microsoft Teams (a fake Teams connector receives what the bot posts and updates), Teams
 * activities posted to /api/messages through restify and the real CloudAdapter (unauthenticated).
 */
const JONAS_TOKEN = 'jonas-token-0123456789abcdef';
// Tuesday 11:00 in Copenhagen, running on from there: counsellors are on shift.
const START = Date.parse('2026-11-24T10:00:00Z');
const opened = Date.now();
const clock = () => new Date(START + (Date.now() - opened));

type Json = any;
const CARD = 'application/vnd.microsoft.card.adaptive';

const isCardPost = (call: ConnectorCall) => call.method === 'POST' && call.conversationId === STAFF_CHANNEL && !!cardOf(call);
const inThread = (cardId: string) => (call: ConnectorCall) => call.conversationId === `${STAFF_CHANNEL};messageid=${cardId}`;

const staffApi = staffCall;

describe('staff in Microsoft Teams', () => {
  let bot: RunningBot;
  let teams: FakeTeamsConnector;
  let resident: FakeChannel;
  const toBot = (activity: unknown) => post(`${bot.baseUrl}/api/messages`, activity);

  beforeAll(async () => {
    [bot, teams, resident] = await Promise.all([
      startBot({ STAFF_TOKENS: `jonas:${JONAS_TOKEN}`, HANDOFF_UNCLAIMED_MINUTES: '60' }, { name: 'teams-staff', clock }),
      startFakeTeamsConnector(),
      startFakeChannel(),
    ]);
    teams.members.set(AMIRA.id, { name: AMIRA.name, aadObjectId: AMIRA.aadObjectId, userPrincipalName: 'amira.haddad@brobygger.example' });
    teams.members.set(JONAS.id, { name: JONAS.name, aadObjectId: JONAS.aadObjectId, userPrincipalName: 'jonas@brobygger.example' });
    teams.members.set(STRANGER.id, { name: STRANGER.name, aadObjectId: STRANGER.aadObjectId, userPrincipalName: 'sam@brobygger.example' });
  });
  afterAll(async () => {
    await Promise.all([bot.close(), teams.close(), resident.close()]);
  });

  const residentSays = (conversationId: string, text: string, locale = 'en-GB') => ask(bot.baseUrl, text, { conversationId, serviceUrl: resident.serviceUrl, locale });
  const press = async (who: TeamsUser, verb: string, data: Record<string, unknown>, cardId: string) => {
    const res = await toBot(cardAction(teams.serviceUrl, who, verb, data, cardId));
    expect(res.status).toBe(200);
    if (res.body?.type === CARD) expect(validateCard(res.body.value)).toEqual([]);
    return res.body as { statusCode: number; type: string; value: Json };
  };
  /** Waits for the card of a handoff whose summary contains `marker`. */
  const cardFor = (marker: string) => teams.waitFor((c) => isCardPost(c) && cardText(cardOf(c)).includes(marker));
  const latestCard = (cardId: string) => [...teams.calls].reverse().find((c) => (c.method === 'PUT' && c.activityId === cardId) || (c.method === 'POST' && c.id === cardId));

  test('an unknown Teams user cannot make a channel the staff channel; a known one can (identity asked from Teams)', async () => {
    // As in Microsoft's sample, the install event carries only the user's Teams id.
    const refused = await toBot(installInTeam(teams.serviceUrl, { id: STRANGER.id, name: STRANGER.name }));
    expect(refused.status).toBe(200);
    const refusal = await teams.waitFor((c) => /Kun en rådgiver, som Brobygger kender/.test(c.activity.text ?? ''));
    expect(refusal.conversationId.startsWith('19:')).toBe(true);

    const installed = await toBot(installInTeam(teams.serviceUrl, { id: AMIRA.id, name: AMIRA.name }));
    expect(installed.status).toBe(200);
    const hello = await teams.waitFor((c) => /Brobygger er klar/.test(c.activity.text ?? ''));
    expect(hello).toMatchObject({ method: 'POST', conversationId: STAFF_CHANNEL });
  });

  test('a new handoff posts one card; take over, reply in the thread, canned reply, hand back', async () => {
    const conversationId = 'conv-teams-flow';
    await residentSays(conversationId, 'I need an interpreter for the doctor on Monday');
    await residentSays(conversationId, 'Talk to a person');

    const posted = await cardFor('interpreter for the doctor');
    const cardId = posted.id!;
    const card = cardOf(posted);
    expect(validateCard(card)).toEqual([]);
    const shown = cardText(card);
    expect(shown).toMatch(/En borger venter på en rådgiver/);
    expect(shown).toMatch(/Engelsk \(English\)/);
    expect(shown).toMatch(/Tolk/);
    expect(shown).toMatch(/\d+ min \(siden kl\. 11:0\d\)/);
    expect(shown).not.toMatch(/AKUT/);
    expect(card.actions.map((a: Json) => a.title)).toEqual(['Tag samtalen', 'Luk med en note']);
    expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'handoff.refresh' });
    const data = card.actions[0].data;

    // While waiting, the resident's message appears in the card's thread.
    await residentSays(conversationId, 'It is about my mother, she does not speak Danish');
    const relayed = await teams.waitFor((c) => inThread(cardId)(c) && /It is about my mother/.test(c.activity.text ?? ''));
    expect(relayed.activity).toMatchObject({ text: 'Borger: It is about my mother, she does not speak Danish', textFormat: 'plain' });

    // Take over from the card: the invoke is answered with the card for the presser.
    const claimed = await press(AMIRA, 'handoff.claim', data, cardId);
    expect(claimed).toMatchObject({ statusCode: 200, type: CARD });
    expect(validateCard(claimed.value)).toEqual([]);
    expect(cardText(claimed.value)).toMatch(/Taget af Amira kl\. 11:\d\d/);
    expect(cardText(claimed.value)).toMatch(/Du har samtalen/);
    const joined = await resident.waitFor(conversationId, 1);
    expect(visible(joined.at(-1)!.text)).toBe('You are now talking to Amira (counsellor), who can see what you wrote before.');
    // Everyone's card is updated too.
    const updated = await teams.waitFor((c) => c.method === 'PUT' && c.activityId === cardId && /Taget af Amira/.test(cardText(cardOf(c))));
    expect(validateCard(cardOf(updated))).toEqual([]);
    expect(cardOf(updated).actions.map((a: Json) => a.title)).toEqual(['Send standardsvar', 'Giv tilbage til botten', 'Luk med en note']);

    // A reply in the thread (with an @mention, and a malformed entity Teams AI would trip over) reaches the resident.
    const before = teams.calls.length;
    const reply = await toBot(threadReply(teams.serviceUrl, AMIRA, 'Hello, I can help you book one.', cardId, { extraEntities: [{}] }));
    expect(reply.status).toBe(200);
    const fromStaff = await resident.waitFor(conversationId, 2);
    expect(fromStaff.at(-1)).toMatchObject({ type: 'message', text: 'Amira: Hello, I can help you book one.', locale: 'en' });

    // The resident answers: it comes into the thread, and the counsellor's own reply was not echoed there.
    expect(texts(await residentSays(conversationId, 'Thank you! Monday at 10 please'))).toEqual([]);
    await teams.waitFor((c) => inThread(cardId)(c) && /Monday at 10/.test(c.activity.text ?? ''));
    const since = teams.calls.slice(before).filter(inThread(cardId)).map((c) => c.activity.text);
    expect(since).toEqual(['Borger: Thank you! Monday at 10 please']);

    // A canned reply from the card, in the resident's language; the thread shows what was sent.
    const canned = await press(AMIRA, 'handoff.canned', { ...data, canned: 'oneMoment' }, cardId);
    expect(cardText(canned.value)).toMatch(/Sendt til borgeren/);
    const cannedLine = (await resident.waitFor(conversationId, 3)).at(-1)!;
    expect(cannedLine.text).toMatch(/^Amira: One moment/);
    await teams.waitFor((c) => inThread(cardId)(c) && c.activity.text === cannedLine.text);

    // Someone else pressing "hand back" is told who has the chat.
    const jonasTry = await press(JONAS, 'handoff.release', data, cardId);
    expect(cardText(jonasTry.value)).toMatch(/Amira har allerede samtalen/);

    const released = await press(AMIRA, 'handoff.release', data, cardId);
    expect(cardText(released.value)).toMatch(/Givet tilbage til botten af Amira kl\. 11:\d\d/);
    const left = (await resident.waitFor(conversationId, 4)).at(-1)!;
    expect(visible(left.text)).toMatch(/^Amira has left the chat\. You are talking to the bot again/);
    const ended = await teams.waitFor((c) => c.method === 'PUT' && c.activityId === cardId && /Givet tilbage/.test(cardText(cardOf(c))));
    expect(validateCard(cardOf(ended))).toEqual([]);
    // An ended card keeps no resident text and has no buttons.
    expect(cardText(cardOf(ended))).not.toMatch(/interpreter for the doctor/);
    expect(cardOf(ended).actions).toBeUndefined();
    expect(teams.calls.filter((c) => isCardPost(c) && cardText(cardOf(c)).includes('interpreter for the doctor'))).toHaveLength(1);

    // The bot answers the resident again; the Teams activities never went through the resident's pipeline.
    expect(texts(await residentSays(conversationId, 'What can you help with?')).length).toBeGreaterThan(0);
  });

  test('an unknown Teams user gets a polite refusal and nothing else', async () => {
    const conversationId = 'conv-teams-stranger';
    await residentSays(conversationId, 'Talk to a person, I have a question about clubs for my son');
    const posted = await cardFor('clubs for my son');
    const data = cardOf(posted).actions[0].data;

    const pressed = await press(STRANGER, 'handoff.claim', data, posted.id!);
    expect(pressed).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Beklager, Brobygger i Teams er kun for kommunens rådgivere. Bed din leder om at tilføje dig.' });
    const queue = await staffApi(bot.baseUrl, JONAS_TOKEN)('GET', '/api/staff/queue');
    expect(queue.body.items.find((i: Json) => i.conversationId === conversationId)).toMatchObject({ claimedBy: null });

    const before = teams.calls.length;
    const wrote = await toBot(threadReply(teams.serviceUrl, STRANGER, 'hi, I can take this one', posted.id!));
    expect(wrote.status).toBe(200);
    const answer = await teams.waitFor((c) => teams.calls.indexOf(c) >= before && c.method === 'REPLY');
    expect(answer.activity.text).toBe('Beklager, Brobygger i Teams er kun for kommunens rådgivere. Bed din leder om at tilføje dig.');
    expect(resident.received.filter((r) => r.path.includes(conversationId))).toEqual([]);
    // A Teams refresh from them shows the card as the channel sees it, with no notice or "you have it".
    const refreshed = await press(STRANGER, 'handoff.refresh', data, posted.id!);
    expect(refreshed.type).toBe(CARD);
    expect(cardText(refreshed.value)).not.toMatch(/Du har samtalen/);
  });

  test('an urgent handoff stands out: AKUT, attention style, the kind of danger', async () => {
    const conversationId = 'conv-teams-urgent';
    await residentSays(conversationId, 'My husband hits me and I am scared he will kill me');
    const posted = await cardFor('My husband hits me');
    const card = cardOf(posted);
    expect(validateCard(card)).toEqual([]);
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(card.body[0].items[0]).toMatchObject({ text: 'AKUT', color: 'Attention' });
    expect(cardText(card)).toMatch(/Fare\nVold i hjemmet/);
    expect(card.fallbackText).toMatch(/^AKUT/);
  });

  test('Teams and the console claim at the same moment: exactly one wins, the other is told who has it', async () => {
    const jonas = staffApi(bot.baseUrl, JONAS_TOKEN);
    for (const n of [1, 2, 3]) {
      const conversationId = `conv-teams-race-${n}`;
      await residentSays(conversationId, `My neighbour race ${n} plays loud music`);
      await residentSays(conversationId, 'Talk to a person');
      const posted = await cardFor(`My neighbour race ${n}`);
      const data = cardOf(posted).actions[0].data;
      const [fromConsole, fromTeams] = await Promise.all([jonas('POST', `/api/staff/conversations/${conversationId}/claim`), press(AMIRA, 'handoff.claim', data, posted.id!)]);
      const item = (await jonas('GET', '/api/staff/queue')).body.items.find((i: Json) => i.conversationId === conversationId);
      const shown = cardText(fromTeams.value);
      if (fromConsole.status === 200) {
        expect(item).toMatchObject({ claimedBy: 'jonas', claimedByName: 'Jonas' });
        expect(shown).toMatch(/Jonas har allerede samtalen/);
        expect(shown).toMatch(/Taget af Jonas/);
      } else {
        expect(fromConsole.status).toBe(409);
        expect(item).toMatchObject({ claimedBy: 'amira', claimedByName: 'Amira' });
        expect(shown).toMatch(/Taget af Amira/);
        expect(shown).not.toMatch(/har allerede samtalen/);
      }
      // The resident was joined by exactly one person.
      const joined = (await resident.waitFor(conversationId, 1)).filter((a) => /You are now talking to/.test(visible(a.text)));
      expect(joined).toHaveLength(1);
      await jonas('POST', `/api/staff/conversations/${conversationId}/close`, { note: 'race test' }).catch(() => undefined);
      await press(AMIRA, 'handoff.close', { ...data, note: 'race test' }, posted.id!);
    }
  });

  test('close with a note from the card; without a note the card asks for one', async () => {
    const conversationId = 'conv-teams-close';
    await residentSays(conversationId, 'I was treated badly at work because of my headscarf');
    await residentSays(conversationId, 'Talk to a person');
    const posted = await cardFor('because of my headscarf');
    const data = cardOf(posted).actions[0].data;
    const noNote = await press(JONAS, 'handoff.close', { ...data, note: '  ' }, posted.id!);
    expect(cardText(noNote.value)).toMatch(/Skriv en kort note\./);
    const closed = await press(JONAS, 'handoff.close', { ...data, note: 'Referred to the equal treatment board.' }, posted.id!);
    expect(cardText(closed.value)).toMatch(/Lukket af Jonas kl\. \d\d:\d\d/);
    const told = (await resident.waitFor(conversationId, 1)).at(-1)!;
    expect(visible(told.text)).toMatch(/^Jonas has ended the conversation/);
    const again = await press(AMIRA, 'handoff.claim', data, posted.id!);
    expect(cardText(again.value)).toMatch(/Samtalen er afsluttet/);
  });

  test('"delete my data" turns the card into one without the resident\'s words', async () => {
    const conversationId = 'conv-teams-delete';
    await residentSays(conversationId, 'Talk to a person, I live at Nørrebrogade 7');
    const posted = await cardFor('Nørrebrogade 7');
    await residentSays(conversationId, 'My landlord is called Jensen');
    const line = await teams.waitFor((c) => inThread(posted.id!)(c) && /Jensen/.test(c.activity.text ?? ''));
    await press(JONAS, 'handoff.claim', cardOf(posted).actions[0].data, posted.id!);
    await resident.waitFor(conversationId, 1);
    expect(texts(await residentSays(conversationId, 'delete my data')).join('\n')).toMatch(/Shall I delete everything/);
    expect(texts(await residentSays(conversationId, 'Yes')).join('\n')).toMatch(/your information has been deleted/);
    const update = await teams.waitFor((c) => c.method === 'PUT' && c.activityId === posted.id && /slettet/.test(cardText(cardOf(c))));
    expect(validateCard(cardOf(update))).toEqual([]);
    expect(JSON.stringify(latestCard(posted.id!)?.activity)).not.toMatch(/Nørrebrogade/);
    // What was relayed into the thread goes too.
    await teams.waitFor((c) => c.method === 'DELETE' && c.activityId === line.id && inThread(posted.id!)(c));
  });

  test('in a 1:1 chat a counsellor writes to the one resident they hold', async () => {
    const hello = await toBot(installPersonal(teams.serviceUrl, AMIRA));
    expect(hello.status).toBe(200);
    await teams.waitFor((c) => c.method === 'REPLY' && /Hej Amira/.test(c.activity.text ?? ''));

    const conversationId = 'conv-teams-personal';
    await residentSays(conversationId, 'Jeg vil gerne tale med en person om min klub', 'da-DK');
    const posted = await cardFor('om min klub');
    await press(AMIRA, 'handoff.claim', cardOf(posted).actions[0].data, posted.id!);
    await resident.waitFor(conversationId, 1);
    expect((await toBot(personalMessage(teams.serviceUrl, AMIRA, 'Hej, hvilken klub går du i?'))).status).toBe(200);
    const got = (await resident.waitFor(conversationId, 2)).at(-1)!;
    expect(got).toMatchObject({ text: 'Amira: Hej, hvilken klub går du i?', locale: 'da' });
    const thread = await teams.waitFor((c) => inThread(posted.id!)(c) && /hvilken klub/.test(c.activity.text ?? ''));
    expect(thread.activity.text).toBe('Amira: Hej, hvilken klub går du i?');

    const stranger = await toBot(personalMessage(teams.serviceUrl, STRANGER, 'hello?'));
    expect(stranger.status).toBe(200);
    await teams.waitFor((c) => c.method === 'REPLY' && c.conversationId.includes(STRANGER.aadObjectId.replace(/-/g, '')) && /kun for kommunens rådgivere/.test(c.activity.text ?? ''));
  });

  test('every card the bot posted or updated in Teams parses cleanly and has a fallback text', () => {
    const cards = teams.calls.map(cardOf).filter(Boolean);
    expect(cards.length).toBeGreaterThan(10);
    for (const card of cards) expect(validateCard(card)).toEqual([]);
  });

  test('colleagues talking in the channel without the bot are left alone', async () => {
    const before = teams.calls.length;
    const chatter = threadReply(teams.serviceUrl, AMIRA, 'Kaffe kl. 14?', '1699999999999', { mention: false });
    expect((await toBot(chatter)).status).toBe(200);
    const mentioned = threadReply(teams.serviceUrl, AMIRA, 'hvem har vagten?', '1699999999998');
    expect((await toBot(mentioned)).status).toBe(200);
    const answer = await teams.waitFor((c) => teams.calls.indexOf(c) >= before && c.method === 'REPLY');
    expect(answer.activity.text).toBe('Skriv i tråden til et kort for at svare en borger.');
    expect(teams.calls.slice(before)).toHaveLength(1);
  });
});

describe('staff in Teams with two bot instances sharing one Redis', () => {
  const prefix = `test:teams-two:${Date.now().toString(36)}:`;
  let a: RunningBot;
  let b: RunningBot;
  let teams: FakeTeamsConnector;
  let resident: FakeChannel;
  beforeAll(async () => {
    [a, b, teams, resident] = await Promise.all([
      startBot({ REDIS_KEY_PREFIX: prefix, HANDOFF_UNCLAIMED_MINUTES: '60' }, { name: 'teams-a', clock }),
      startBot({ REDIS_KEY_PREFIX: prefix, HANDOFF_UNCLAIMED_MINUTES: '60' }, { name: 'teams-b', clock }),
      startFakeTeamsConnector(),
      startFakeChannel(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.brobygger.close(), b.close(), teams.close(), resident.close()]);
  });

  test('installed through one instance, a handoff on the other: exactly one card, each message once', async () => {
    expect((await post(`${a.baseUrl}/api/messages`, installInTeam(teams.serviceUrl, AMIRA))).status).toBe(200);
    await teams.waitFor((c) => /Brobygger er klar/.test(c.activity.text ?? ''));
    const conversationId = 'conv-teams-two';
    const say = (text: string) => ask(b.baseUrl, text, { conversationId, serviceUrl: resident.serviceUrl, locale: 'en-GB' });
    await say('There is noise from my neighbour every night');
    await say('Talk to a person');
    const posted = await teams.waitFor((c) => isCardPost(c) && cardText(cardOf(c)).includes('noise from my neighbour'));
    for (const n of [1, 2, 3]) await say(`message number ${n}`);
    await teams.waitFor((c) => inThread(posted.id!)(c) && c.activity.text === 'Borger: message number 3');
    // The claim through instance A updates the card once, though both instances hear of it.
    const claimed = await post(`${a.baseUrl}/api/messages`, cardAction(teams.serviceUrl, AMIRA, 'handoff.claim', cardOf(posted).actions[0].data, posted.id!));
    expect(claimed.body).toMatchObject({ statusCode: 200, type: CARD });
    await teams.waitFor((c) => c.method === 'PUT' && c.activityId === posted.id && /Taget af Amira/.test(cardText(cardOf(c))));
    expect((await post(`${b.baseUrl}/api/messages`, threadReply(teams.serviceUrl, AMIRA, 'Hi, tell me more', posted.id!))).status).toBe(200);
    await resident.waitFor(conversationId, 2);
    await say('It started last week');
    await teams.waitFor((c) => inThread(posted.id!)(c) && c.activity.text === 'Borger: It started last week');

    const cards = teams.calls.filter((c) => isCardPost(c) && cardText(cardOf(c)).includes('noise from my neighbour'));
    expect(cards).toHaveLength(1);
    const lines = teams.calls.filter(inThread(posted.id!)).map((c) => c.activity.text);
    expect(lines).toEqual(['Borger: message number 1', 'Borger: message number 2', 'Borger: message number 3', 'Borger: It started last week']);
    const claimUpdates = teams.calls.filter((c) => c.method === 'PUT' && c.activityId === posted.id && /Taget af Amira/.test(cardText(cardOf(c))));
    expect(claimUpdates).toHaveLength(1);
  });
});

const texts = (activities: Partial<Activity>[]) => activities.filter((x) => x.type === 'message').map((x) => visible(x.text));
void BOT;
