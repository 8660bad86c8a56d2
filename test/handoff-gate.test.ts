import * as path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createHandoffGate } from '../src/bot/handoffGate';
import type { HandoffGate } from '../src/bot/app';
import { createHandoff, type Handoff, type HandoffEvent, type HandoffFacts } from '../src/handoff';
import { createTranslator, type Translator } from '../src/language/i18n';
import type { Lang } from '../src/language/languages';
import { setTurnLanguage } from '../src/language/turnLanguage';
import { setTurnData } from '../src/state/turnData';
import type { ConversationData } from '../src/state/types';
import { createMemoryBackend, type StateBackend } from '../src/storage/backend';
import { visible } from './helpers/dialogHarness';

/**
 * The handoff gate on its own (the pipeline puts it before the "text only" and "too long" answers): what a
 * resident sends while waiting for or talking to a person, and events that claim to come from an agent hub.
 */
const ROOT = path.join(__dirname, '..');
const alwaysOpen: HandoffFacts = { isOpen: () => true, nextOpening: (_t, at) => at, helpline: () => undefined, helplines: () => [] };
const MAX = 2000;

let translator: Translator;
const backends: StateBackend[] = [];
const handoffs: Handoff[] = [];

interface Setup {
  handoff: Handoff;
  gate: HandoffGate;
  events: HandoffEvent[];
  sent: { conversationId: string; text: string }[];
}

async function setup(authenticated: boolean): Promise<Setup> {
  const backend = createMemoryBackend();
  backends.push(backend);
  const sent: Setup['sent'] = [];
  const handoff = createHandoff({
    config: {
      staffTokens: [{ staffId: 'amira', token: 'a'.repeat(20) }],
      handoffUnclaimedMs: 3600_000,
      maxMessageLength: MAX,
      dataDir: path.join(ROOT, 'data'),
      localesDir: path.join(ROOT, 'locales'),
      handoffHubId: 'agent-hub',
      ...(authenticated ? { microsoftApp: { appId: 'bot-app-id', appType: 'MultiTenant' as const } } : {}),
    },
    backend,
    translator,
    facts: alwaysOpen,
    sendToResident: async (reference, activities) => {
      for (const a of activities) sent.push({ conversationId: (reference.conversation as { id: string }).id, text: a.text ?? '' });
    },
    sweepEveryMs: 0,
  });
  handoffs.push(handoff);
  const events: HandoffEvent[] = [];
  await handoff.service.subscribe((e) => events.push(e));
  return { handoff, gate: createHandoffGate(handoff.service, () => ({ danger: false })), events, sent };
}

/** A resident's conversation whose state lives here between turns, as the pipeline would keep it. */
async function residentIn(s: Setup, conversationId: string, lang: Lang, options: { claimed?: boolean } = {}) {
  const conversation: ConversationData = { language: lang };
  const { session } = await s.handoff.service.escalate({
    conversationId,
    address: { conversation: { id: conversationId } },
    language: lang,
    topic: 'counsellor',
    reason: 'asked',
    urgent: false,
    transcript: [],
  });
  conversation.handoff = { sessionId: session.sessionId, since: session.waitingSince };
  if (options.claimed) await s.handoff.service.claim(conversationId, s.handoff.staff.get('amira'));
  const adapter = new TestAdapter(async () => undefined);
  Object.assign(adapter.conversation, {
    channelId: 'test',
    conversation: { id: conversationId },
    user: { id: `resident-of-${conversationId}`, name: 'Resident' },
    bot: { id: 'brobygger', name: 'Brobygger' },
  });
  const run = async (activity: Partial<Activity>, which: 'message' | 'event' = 'message') => {
    adapter.activeQueue.splice(0);
    let handled = false;
    await adapter.processActivity({ type: 'message', ...activity }, async (context) => {
      setTurnData(context, { conversation, user: {}, deleteAll: () => undefined, recentTranscript: async () => [] });
      setTurnLanguage(context, lang, translator.fixed(lang));
      handled = which === 'message' ? await s.gate.handleResidentMessage(context) : await s.gate.handleEvent(context);
    });
    return { handled, replies: adapter.activeQueue.splice(0).map((a) => visible(a.text)) };
  };
  return {
    conversation,
    sessionId: session.sessionId,
    say: (text: string, extra: Partial<Activity> = {}) => run({ text, ...extra }),
    hubEvent: (state: string, fromId: string) => run({ type: 'event', name: 'handoff.status', value: { state }, from: { id: fromId, name: 'x' } }, 'event'),
    staffSees: async () => (await s.handoff.service.transcript(conversationId)).filter((l) => l.from === 'resident').map((l) => l.text),
  };
}

async function eventually(check: () => boolean): Promise<void> {
  for (let k = 0; k < 100 && !check(); k++) await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  translator = await createTranslator(path.join(ROOT, 'locales'));
});

afterAll(async () => {
  handoffs.forEach((h) => h.stop());
  await Promise.all(backends.map((b) => b.close()));
});

describe('what the resident sends during a handoff', () => {
  test('a photo sent to the counsellor: staff see that a file came (never its address), the resident hears only text is passed on', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-file', 'da', { claimed: true });
    const photo = { contentType: 'image/jpeg', contentUrl: 'https://files.example/brev-fra-kommunen.jpg', name: 'brev-fra-kommunen.jpg' };
    const turn = await r.say('', { attachments: [photo] });
    expect(turn.handled).toBe(true);
    expect(turn.replies).toEqual(['Rådgiveren kan se, at du har sendt en fil, men chatten kan kun sende tekst videre. Skriv gerne med ord, hvad der står i den, eller hvad den handler om.']);
    expect(await r.staffSees()).toEqual(['[attachment: image/jpeg]']);
    await eventually(() => s.events.some((e) => e.type === 'message'));
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'message', conversationId: 'gate-file', from: 'resident', text: '[attachment: image/jpeg]' }));
    expect(JSON.stringify([s.events, await s.handoff.service.transcript('gate-file')])).not.toMatch(/files\.example/);
  });

  test('in Somali too, and a typed message with Teams’ html copy is just the text', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-file-so', 'so', { claimed: true });
    const file = await r.say('Waa kan warqadda', { attachments: [{ contentType: 'application/pdf', contentUrl: 'https://files.example/x.pdf' }] });
    expect(file.replies).toEqual([translator.fixed('so')('handoff:attachmentNotRelayed')]);
    expect(file.replies[0]).toMatch(/^La-taliyaha wuxuu arki karaa inaad soo dirtay fayl/);
    const typed = await r.say('Mahadsanid', { attachments: [{ contentType: 'text/html', content: '<p>Mahadsanid</p>' }] });
    expect(typed).toEqual({ handled: true, replies: [] });
    expect(await r.staffSees()).toEqual(['Waa kan warqadda', '[attachment: application/pdf]', 'Mahadsanid']);
  });

  test('an over-long message reaches the counsellor cut to the limit, and the resident is told', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-long', 'en', { claimed: true });
    const long = `${'word '.repeat(450)}THE END ${'more '.repeat(200)}`.trim();
    const turn = await r.say(long);
    expect(turn.handled).toBe(true);
    expect(turn.replies).toEqual([`Your message was long, so only the first ${MAX} characters were passed on. Please send the rest in a new message.`]);
    const seen = await r.staffSees();
    expect(seen).toEqual([long.slice(0, MAX)]);
    expect(seen[0]).toHaveLength(MAX);
  });

  test('an empty message while with a person: the bot stays silent, nothing is relayed', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-empty', 'en', { claimed: true });
    expect(await r.say('')).toEqual({ handled: true, replies: [] });
    expect(await r.staffSees()).toEqual([]);
  });
});

describe('the resident can always go back to the bot', () => {
  test('the "Back to the bot" button offered when a person joins ends the chat; the counsellor is told', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-leave', 'da', { claimed: true });
    expect(s.sent.filter((m) => m.conversationId === 'gate-leave').at(-1)!.text).toMatch(/^Du skriver nu med Amira/);
    const turn = await r.say(translator.fixed('da')('handoff:leaveButton'));
    expect(turn).toEqual({ handled: true, replies: ['Samtalen med rådgiveren er slut. Du skriver med botten igen.'] });
    expect(r.conversation.handoff).toBeUndefined();
    await eventually(() => s.events.some((e) => e.type === 'queue' && e.change === 'left'));
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'queue', change: 'left', conversationId: 'gate-leave', reason: 'left', previousHolder: 'amira' }));
    // The next message is the bot's again.
    expect((await r.say('hej')).handled).toBe(false);
  });

  test('"start forfra" (a cancel command) also leaves a claimed chat, and is not relayed', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-over', 'da', { claimed: true });
    const turn = await r.say('start forfra');
    expect(turn.replies).toEqual(['Samtalen med rådgiveren er slut. Du skriver med botten igen.']);
    expect(await r.staffSees()).toEqual([]);
  });

  test('"delete my data" is not relayed, and the bot takes it: the counsellor keeps the chat until the resident confirms', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-delete', 'tr', { claimed: true });
    await r.say('Merhaba, bir sorum var');
    const turn = await r.say('verilerimi sil');
    // The bot's privacy dialog answers ("shall I delete everything?"); a "no" there keeps the counsellor.
    expect(turn).toEqual({ handled: false, replies: [] });
    expect(r.conversation.handoff).toBeDefined();
    expect((await s.handoff.service.session('gate-delete'))!.status).toBe('claimed');
    expect(await r.staffSees()).toEqual(['Merhaba, bir sorum var']);
    expect(s.events.some((e) => e.type === 'message' && /verilerimi/.test(e.text))).toBe(false);
    // When the deletion is confirmed, the handoff ends as the resident leaving to delete their data.
    await s.handoff.forget('gate-delete');
    expect(await s.handoff.service.session('gate-delete')).toBeUndefined();
    await eventually(() => s.events.some((e) => e.type === 'queue' && e.change === 'left'));
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'queue', change: 'left', conversationId: 'gate-delete', reason: 'deleteData', previousHolder: 'amira' }));
  });

  test('"slet mine data" while still waiting is not relayed either, and the deletion takes the chat out of the queue', async () => {
    const s = await setup(false);
    const r = await residentIn(s, 'gate-delete-queued', 'da');
    expect(await r.say('slet mine data')).toEqual({ handled: false, replies: [] });
    expect(await r.staffSees()).toEqual([]);
    await s.handoff.forget('gate-delete-queued');
    expect((await s.handoff.service.queue(s.handoff.staff.get('amira'))).some((q) => q.conversationId === 'gate-delete-queued')).toBe(false);
  });
});

describe('handoff.status events', () => {
  test('from the configured hub on an authenticated bot: a person joined, with a way back to the bot', async () => {
    const s = await setup(true);
    const r = await residentIn(s, 'gate-hub', 'en');
    expect((await r.hubEvent('accepted', 'agent-hub')).replies).toEqual(['A member of staff has joined the chat. You are now talking to a person.']);
    expect((await s.handoff.service.session('gate-hub'))!.claimedBy).toBe('external-hub');
    // Even held by the hub, the resident can leave.
    expect((await r.say('Back to the bot')).replies).toEqual(['The conversation with the counsellor has ended. You are talking to the bot again.']);
  });

  test('from anyone else, or on an unauthenticated bot, nothing happens: "cancel" still works afterwards', async () => {
    const authed = await setup(true);
    const forged = await residentIn(authed, 'gate-forged', 'en');
    expect((await forged.hubEvent('accepted', 'resident-of-gate-forged')).replies).toEqual([]);
    expect((await forged.hubEvent('completed', 'resident-of-gate-forged')).replies).toEqual([]);
    expect(forged.conversation.handoff).toBeDefined();
    expect((await authed.handoff.service.session('gate-forged'))!.status).toBe('queued');

    const open = await setup(false);
    const r = await residentIn(open, 'gate-open', 'en');
    expect((await r.hubEvent('accepted', 'agent-hub')).replies).toEqual([]);
    expect((await open.handoff.service.session('gate-open'))!.status).toBe('queued');
    expect((await r.say('cancel')).replies).toEqual(['OK, you have left the queue. You are talking to the bot again. How can I help?']);
  });
});
