import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as restify from 'restify';
import { chromium, type Browser } from 'playwright-core';
import { createHandoff, type Handoff, type HandoffFacts } from '../src/handoff';
import { createTranslator } from '../src/language/i18n';
import { RequestStore } from '../src/requests/requestStore';
import { createRedisBackend, type StateBackend } from '../src/storage/backend';
import { createStaffDeps, registerStaffRoutes, type StaffRoutes } from '../src/staff/routes';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/**
 * The staff console in Debian's Chromium: sign in, see the queue, claim, reply with a canned sentence in the
 * resident's language, and resident text that looks like HTML stays text. Leaves a screenshot at
 * /tmp/staff-console.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`console-browser: SKIPPED, ${CHROMIUM} is missing (install Debian's chromium: .ci/install-chromium.sh)`);

const AMIRA = 'amira-token-0123456789abcdef';
const STAFF_TOKENS = [{ staffId: 'amira', token: AMIRA }];
const ROOT = path.join(__dirname, '..');
const HOSTILE = '<img src=x onerror=alert(1)>';
const alwaysOpen: HandoffFacts = { isOpen: () => true, nextOpening: (_t, at) => at, helpline: () => undefined, helplines: () => [] };

jest.setTimeout(60_000);

(hasChromium ? describe : describe.skip)('staff console in Chromium', () => {
  const prefix = uniquePrefix('console-browser');
  let backend: StateBackend;
  let handoff: Handoff;
  let server: restify.Server;
  let routes: StaffRoutes;
  let baseUrl: string;
  let browser: Browser;
  let requests: RequestStore;
  const delivered: { conversationId: string; text: string; locale?: string }[] = [];

  beforeAll(async () => {
    backend = await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix: prefix, ttlSeconds: 600, lockTimeoutMs: 2000 });
    requests = new RequestStore(backend.storage);
    handoff = createHandoff({
      config: {
        staffTokens: STAFF_TOKENS,
        handoffUnclaimedMs: 3600_000,
        maxMessageLength: 2000,
        dataDir: path.join(ROOT, 'data'),
        microsoftApp: { appId: 'bot-app-id', appType: 'MultiTenant' },
        handoffHubId: 'agent-hub',
      },
      backend,
      translator: await createTranslator(path.join(ROOT, 'locales')),
      facts: alwaysOpen,
      sendToResident: async (reference, activities) => {
        const conversationId = (reference.conversation as { id: string }).id;
        for (const a of activities) delivered.push({ conversationId, text: a.text ?? '', locale: a.locale });
      },
      sweepEveryMs: 0,
    });
    server = restify.createServer();
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    routes = registerStaffRoutes(server, createStaffDeps(handoff, { staffTokens: STAFF_TOKENS, requests }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    routes?.closeStreams();
    handoff?.stop();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await backend?.close();
    await deleteKeys(prefix);
  });

  test('sign in, see the queue, claim, reply; hostile resident text shows as text', async () => {
    const conversationId = 'conv-console-1';
    await handoff.service.escalate({
      conversationId,
      address: { conversation: { id: conversationId } },
      language: 'so',
      topic: 'counsellor',
      reason: 'asked',
      urgent: false,
      transcript: [{ from: 'resident', text: `Waxaan u baahanahay caawimaad ${HOSTILE}`, timestamp: new Date().toISOString() }],
    });
    await handoff.service.escalate({
      conversationId: 'conv-console-urgent',
      address: { conversation: { id: 'conv-console-urgent' } },
      language: 'ar',
      topic: 'counsellor',
      reason: 'danger',
      urgent: true,
      transcript: [{ from: 'resident', text: 'أنا خائفة من زوجي', timestamp: new Date().toISOString() }],
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const failedImages: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'image') failedImages.push(r.url());
    });

    await page.goto(`${baseUrl}/staff`);
    expect(await page.isVisible('#workspace')).toBe(false);
    await page.fill('#token', 'wrong-token-0123456789abcdef');
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#sign-in-error:not([hidden])');

    await page.fill('#token', AMIRA);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#workspace', { state: 'visible' });
    expect(await page.isVisible('#sign-in')).toBe(false);
    await page.waitForSelector('#live.on');
    const rows = page.locator('#queue-mine li[data-conversation-id]');
    await rows.first().waitFor();
    // Urgent first, marked; the Somali chat shows its language and topic.
    expect(await rows.first().getAttribute('data-conversation-id')).toBe('conv-console-urgent');
    expect(await rows.first().locator('.badge.urgent').textContent()).toBe('AKUT');
    const somali = page.locator(`li[data-conversation-id="${conversationId}"]`);
    expect(await somali.locator('.badge.lang').textContent()).toBe('somali');
    expect(await somali.locator('.summary').textContent()).toBe(`Waxaan u baahanahay caawimaad ${HOSTILE}`);

    await somali.click();
    await page.waitForSelector('#transcript li.resident');
    expect(await page.locator('#transcript li.resident .text').first().textContent()).toBe(`Waxaan u baahanahay caawimaad ${HOSTILE}`);
    await page.click('#claim');
    await page.waitForSelector('#reply-area:not([hidden])');
    expect(delivered.at(-1)).toMatchObject({ conversationId, locale: 'so', text: expect.stringMatching(/^Hadda waxaad la hadlaysaa Amira/) });

    // A canned reply in Somali, with its Danish meaning shown to the counsellor.
    await page.click('#canned button[title="Er du i sikkerhed lige nu?"]');
    expect(await page.inputValue('#reply')).toBe('Hadda ma ku jirtaa meel ammaan ah?');
    expect(await page.locator('#canned-gloss').textContent()).toBe('Betyder: Er du i sikkerhed lige nu?');
    await page.click('#reply-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#transcript li.staff').length === 1);
    expect(delivered.at(-1)).toEqual({ conversationId, locale: 'so', text: 'Amira: Hadda ma ku jirtaa meel ammaan ah?' });

    // The resident answers (on any instance): it arrives live, as text.
    const session = await handoff.service.session(conversationId);
    await handoff.service.residentMessage(conversationId, session!.sessionId, `Haa. ${HOSTILE} <script>alert(2)</script>`);
    await page.waitForFunction(() => document.querySelectorAll('#transcript li.resident').length === 2);
    expect(await page.locator('#transcript li.resident .text').last().textContent()).toBe(`Haa. ${HOSTILE} <script>alert(2)</script>`);

    await page.fill('#reply', 'Waan ku soo wacayaa hadda.');
    await page.click('#reply-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#transcript li.staff').length === 2);
    expect(delivered.at(-1)!.text).toBe('Amira: Waan ku soo wacayaa hadda.');

    expect(await page.locator('#transcript img, .queue img, #transcript script').count()).toBe(0);
    await page.screenshot({ path: '/tmp/staff-console.png', fullPage: true });
    expect(dialogs).toEqual([]);
    expect(failedImages).toEqual([]);

    await page.fill('#close-note', 'Ringede op; alt i orden.');
    await page.click('#close-form button[type=submit]');
    await page.waitForSelector('#chat-body[hidden]', { state: 'attached' });
    expect(await page.locator(`li[data-conversation-id="${conversationId}"]`).count()).toBe(0);
    await page.close();
  });

  test('a chat the external hub holds shows as one to take over; when the resident leaves, the counsellor is told why', async () => {
    const conversationId = 'conv-console-hub';
    const { session } = await handoff.service.escalate({
      conversationId,
      address: { conversation: { id: conversationId } },
      language: 'tr',
      topic: 'counsellor',
      reason: 'asked',
      urgent: false,
      transcript: [{ from: 'resident', text: 'Ev sahibim depozitomu geri vermiyor', timestamp: new Date().toISOString() }],
    });
    await handoff.service.hubStatus(conversationId, 'accepted', 'agent-hub');

    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${baseUrl}/staff`);
    await page.fill('#token', AMIRA);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#live.on');
    const row = page.locator(`li[data-conversation-id="${conversationId}"]`);
    await row.waitFor();
    expect(await row.locator('.badge.takeover').textContent()).toBe('kan overtages');
    await row.click();
    await page.waitForSelector('#claim:not([hidden])');
    expect(await page.textContent('#claim')).toBe('Overtag samtalen');
    await page.click('#claim');
    await page.waitForSelector('#reply-area:not([hidden])');
    expect(delivered.at(-1)).toMatchObject({ conversationId, locale: 'tr', text: expect.stringMatching(/Amira/) });

    // The resident asks to delete their data: the chat vanishes from the queue, and the notice says why.
    await handoff.service.leave(conversationId, session.sessionId, 'deleteData');
    await page.waitForSelector('#notice:not([hidden])');
    expect(await page.textContent('#notice')).toMatch(/^Borgeren bad om at få sine data slettet og har forladt samtalen \(tyrkisk · rådgivning\)/);
    await page.waitForSelector(`li[data-conversation-id="${conversationId}"]`, { state: 'detached' });
    await page.close();
  });
});
