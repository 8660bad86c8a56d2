import type { TurnTrace } from '../src/state/turnTrace';
import { ask, post, startBot, startFakeChannel, type FakeChannel, type RunningBot } from './helpers/testApp';

/**
 * GET /metrics as Prometheus scrapes it (real HTTP, Redis): the process's default figures, and the bot's
 * figures moving by exactly what a turn, a refusal, a handoff and a claim did. Two bots in one process count
 * apart (a registry each).
 */
const AMIRA = 'amira-token-0123456789abcdef';
// Tuesday 11:00 in Copenhagen, running on from there: counsellors are on shift.
const START = Date.parse('2026-11-24T10:00:00Z');
const opened = Date.now();
const clock = () => new Date(START + (Date.now() - opened));

let bot: RunningBot;
let other: RunningBot;
let channel: FakeChannel;
const traces: TurnTrace[] = [];

beforeAll(async () => {
  channel = await startFakeChannel();
  [bot, other] = await Promise.all([
    startBot({ STAFF_TOKENS: `amira:${AMIRA}` }, { name: 'metrics', clock, onTurnTrace: (_c, trace) => void traces.push({ ...trace }) }),
    startBot({}, { name: 'metrics-other' }),
  ]);
});

afterAll(async () => {
  await Promise.all([bot?.close(), other?.close()]);
  await channel?.close();
});

/** One scrape: every sample by its name and labels. */
async function scrape(baseUrl: string) {
  const res = await fetch(`${baseUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
  return { text, value };
}

describe('GET /metrics', () => {
  test('shows the process’s own figures: event loop lag, garbage collection, heap', async () => {
    const { text, value } = await scrape(bot.baseUrl);
    expect(text).toMatch(/^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
    expect(text).toMatch(/^# TYPE nodejs_gc_duration_seconds histogram$/m);
    expect(value('nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
  });

  test('a turn counts under its route and language, in the latency histogram and the lock waits; the other bot counts nothing', async () => {
    const before = await scrape(bot.baseUrl);
    const otherBefore = await scrape(other.baseUrl);
    traces.length = 0;
    await ask(bot.baseUrl, 'Jeg har brug for en tolk til lægen på tirsdag', { conversationId: 'conv-metrics-1', locale: 'da-DK' });
    const route = traces[0].route ?? 'none';
    expect(route).not.toBe('none');
    const after = await scrape(bot.baseUrl);
    expect(after.value('brobygger_turns_total', { route, language: 'da' }) - before.value('brobygger_turns_total', { route, language: 'da' })).toBe(1);
    expect(after.value('brobygger_turns_total') - before.value('brobygger_turns_total')).toBe(1);
    expect(after.value('brobygger_turn_duration_seconds_count') - before.value('brobygger_turn_duration_seconds_count')).toBe(1);
    expect(after.value('brobygger_turn_duration_seconds_sum')).toBeGreaterThan(before.value('brobygger_turn_duration_seconds_sum'));
    expect(after.value('brobygger_lock_wait_seconds_count') - before.value('brobygger_lock_wait_seconds_count')).toBe(1);
    // A registry per bot: the other one in this process saw no turn.
    expect((await scrape(other.baseUrl)).value('brobygger_turns_total')).toBe(otherBefore.value('brobygger_turns_total'));
  });

  test('an English turn counts under "en"; a malformed activity and a rate-limit refusal are counted', async () => {
    const before = await scrape(bot.baseUrl);
    await ask(bot.baseUrl, 'Hello, I need an interpreter for the doctor', { conversationId: 'conv-metrics-2', locale: 'en-GB' });
    expect((await post(`${bot.baseUrl}/api/messages`, { type: 'message' })).status).toBe(400);
    bot.brobygger.metrics.rateLimited('resident');
    bot.brobygger.metrics.rateLimited('resident');
    bot.brobygger.metrics.rateLimited('signIn');
    const after = await scrape(bot.baseUrl);
    expect(after.value('brobygger_turns_total', { language: 'en' }) - before.value('brobygger_turns_total', { language: 'en' })).toBe(1);
    expect(after.value('brobygger_rejected_activities_total') - before.value('brobygger_rejected_activities_total')).toBe(1);
    expect(after.value('brobygger_rate_limited_total', { scope: 'resident' }) - before.value('brobygger_rate_limited_total', { scope: 'resident' })).toBe(2);
    expect(after.value('brobygger_rate_limited_total', { scope: 'signIn' }) - before.value('brobygger_rate_limited_total', { scope: 'signIn' })).toBe(1);
  });

  test('a resident asking for a person shows in the queue length and the oldest wait; a claim moves it and records the wait', async () => {
    const conversationId = 'conv-metrics-handoff';
    const before = await scrape(bot.baseUrl);
    await ask(bot.baseUrl, 'Talk to a person', { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const queued = await scrape(bot.baseUrl);
    expect(queued.value('brobygger_handoffs_total') - before.value('brobygger_handoffs_total')).toBe(1);
    expect(queued.value('brobygger_handoff_queue_length', { state: 'queued' })).toBe(1);
    expect(queued.value('brobygger_handoff_queue_length', { state: 'claimed' })).toBe(0);
    expect(queued.value('brobygger_handoff_oldest_wait_seconds')).toBeGreaterThanOrEqual(1);
    // The resident's turns while waiting count as the "human" route.
    await ask(bot.baseUrl, 'Are you there?', { conversationId, serviceUrl: channel.serviceUrl, locale: 'en-GB' });

    const claim = await fetch(`${bot.baseUrl}/api/staff/conversations/${encodeURIComponent(conversationId)}/claim`, { method: 'POST', headers: { authorization: `Bearer ${AMIRA}` } });
    expect(claim.status).toBe(200);
    const claimed = await scrape(bot.baseUrl);
    expect(claimed.value('brobygger_turns_total', { route: 'human', language: 'en' }) - before.value('brobygger_turns_total', { route: 'human', language: 'en' })).toBe(1);
    expect(claimed.value('brobygger_handoff_queue_length', { state: 'queued' })).toBe(0);
    expect(claimed.value('brobygger_handoff_queue_length', { state: 'claimed' })).toBe(1);
    expect(claimed.value('brobygger_handoff_oldest_wait_seconds')).toBe(0);
    expect(claimed.value('brobygger_handoff_wait_seconds_count') - before.value('brobygger_handoff_wait_seconds_count')).toBe(1);
    expect(claimed.value('brobygger_handoff_wait_seconds_sum') - before.value('brobygger_handoff_wait_seconds_sum')).toBeGreaterThanOrEqual(1);
    await fetch(`${bot.baseUrl}/api/staff/conversations/${encodeURIComponent(conversationId)}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AMIRA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'test' }),
    });
    expect((await scrape(bot.baseUrl)).value('brobygger_handoff_queue_length')).toBe(0);
  });
});
