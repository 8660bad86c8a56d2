import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AUTONYMS, LANGUAGES } from '../src/language/languages';
import { call } from './helpers/directLine';
import { startBot, type RunningBot } from './helpers/testApp';

/**
 * The resident's page in Debian's Chromium, against the real bot (Redis, our Direct Line endpoint, Web Chat's
 * prebuilt bundle): the language choice, Arabic right to left, suggested actions, the club card, a reload
 * that resumes, two residents who never see each other, a counsellor's reply, the typing indicator and the
 * embed snippet on another site. No page may break its Content Security Policy. Screenshots go to /tmp
 * (and, with UPDATE_SCREENSHOTS=1, to src/channels/webchat/screenshots/ for the README).
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`webchat-browser: SKIPPED, ${CHROMIUM} is missing (install Debian's chromium: .ci/install-chromium.sh)`);

const AMIRA = 'amira-token-0123456789abcdef';
// Tuesday 11:00 in Copenhagen, running on from there: counsellors are on shift.
const START = Date.parse('2026-11-24T10:00:00Z');
const opened = Date.now();
const clock = () => new Date(START + (Date.now() - opened));
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = path.join(__dirname, '..', 'src', 'channels', 'webchat', 'screenshots');

// Web Chat renders markdown with typographic quotes: "I'm" shows as "I’m".
const GREETING_EN = /Hi, I.m Brobygger/;
const BOT_BUBBLE = '.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content';
const USER_BUBBLE = '.webchat__stacked-layout--from-user .webchat__bubble__content';
const SEND_BOX = 'input.webchat__send-box-text-box__input';

jest.setTimeout(60_000);

(hasChromium ? describe : describe.skip)('the resident web chat in Chromium', () => {
  let bot: RunningBot;
  let browser: Browser;
  let host: http.Server;
  let hostUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // "The city's site": another origin that embeds the chat with the snippet.
    host = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>City</title></head><body><h1>Welcome to the city</h1><script src="${bot.baseUrl}/webchat/embed.js" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', () => resolve()));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    [bot, browser] = await Promise.all([
      startBot({ STAFF_TOKENS: `amira:${AMIRA}`, HANDOFF_UNCLAIMED_MINUTES: '60', WEBCHAT_EMBED_ORIGINS: hostUrl }, { name: 'webchat-browser', clock }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
    ]);
  }, 60_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  });

  /** A fresh resident (own cookies and storage); CSP violations and script errors are collected. */
  async function resident(viewport = DESKTOP, locale = 'en-GB') {
    const context = await browser.newContext({ viewport, locale, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
    contexts.push(context);
    await context.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.sourceFile}`));
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, errors };
  }

  const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  /** Waits until the bot has said `text`; if it never does, the error shows what the page shows. */
  const botSays = async (page: Page, text: string | RegExp) => {
    try {
      await page.locator(BOT_BUBBLE, { hasText: text }).last().waitFor({ timeout: 10_000 });
    } catch (err) {
      const shown = await page.locator('.webchat__bubble__content').allInnerTexts().catch(() => []);
      throw new Error(`the bot did not say ${text}; the page shows:\n${shown.join('\n')}\n${(err as Error).message}`);
    }
  };
  const write = async (page: Page, text: string) => {
    await page.fill(SEND_BOX, text);
    await page.press(SEND_BOX, 'Enter');
    await page.locator(USER_BUBBLE, { hasText: text }).last().waitFor();
  };
  const session = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('brobygger.webchat') ?? 'null'));
  /** A picture; `height` makes the window taller for it, so the question and the start of the answer fit. */
  const shot = async (page: Page, name: string, height?: number) => {
    const viewport = page.viewportSize()!;
    if (height) {
      await page.setViewportSize({ width: viewport.width, height });
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: `/tmp/webchat-${name}.png` });
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    }
    if (height) await page.setViewportSize(viewport);
  };

  test('Arabic on a phone: chosen by keyboard, answered right to left, a suggested action, the club card, and a reload that resumes', async () => {
    const { page, errors } = await resident(PHONE, 'da-DK');
    await page.goto(bot.baseUrl);
    // The choice comes first: nine languages, each named in itself; the page speaks the browser's language.
    const choices = page.locator('#languages button');
    await choices.first().waitFor();
    expect(await choices.allTextContents()).toEqual(LANGUAGES.map((l) => AUTONYMS[l]));
    expect(await page.textContent('#choose-title')).toBe('Vælg dit sprog');
    expect(await page.getAttribute('button[data-lang="ar"]', 'lang')).toBe('ar');
    expect(await page.getAttribute('button[data-lang="ar"]', 'dir')).toBe('rtl');

    await page.focus('button[data-lang="ar"]');
    await page.keyboard.press('Enter');
    await botSays(page, 'مرحبًا');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.getAttribute('.webchat__basic-transcript', 'dir')).toBe('rtl');
    // Keyboard focus waits in the send box, labelled in Arabic.
    await page.waitForFunction(() => document.activeElement?.classList.contains('webchat__send-box-text-box__input'));
    expect(await page.getAttribute(SEND_BOX, 'placeholder')).toBe('اكتب رسالتك');

    await page.keyboard.type('نادي كرة قدم لابني 14 سنة في نوربرو');
    await page.keyboard.press('Enter');
    // Football, his age and the district were said: the clubs dialog asks only when, with buttons (texts are
    // the dialog's; the buttons are what matter).
    const action = (title: string) => page.locator(`.webchat__suggested-action:has-text("${title}")`);
    await action('في أي وقت').waitFor();
    const question = page.locator(BOT_BUBBLE).last();
    expect(await question.evaluate((el) => getComputedStyle(el.querySelector('p') ?? el).direction)).toBe('rtl');
    expect(await question.textContent()).toMatch(/\p{Script=Arabic}/u);
    await shot(page, 'phone-ar');

    await action('في أي وقت').click();
    const card = page.locator('.ac-adaptiveCard').last();
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Nørrebro/);
    // Then the menu again, in Arabic.
    await action('مترجم').waitFor();
    await shot(page, 'phone-ar-card');

    // A reload resumes: same conversation, the history is back, and the bot goes on from where it was.
    const before = await session(page);
    expect(before).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), lang: 'ar' });
    const shownBefore = await page.locator(BOT_BUBBLE).count();
    await page.reload();
    await page.locator('.ac-adaptiveCard').first().waitFor();
    expect(await page.isHidden('#choose')).toBe(true);
    expect(await page.locator(BOT_BUBBLE).count()).toBe(shownBefore);
    expect((await session(page)).conversationId).toBe(before.conversationId);
    await write(page, 'مترجم');
    // Which language the interpreter should speak: the dialog goes on in Arabic.
    await action('الأردية').waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');

    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('English on a desktop: the club card, then "på dansk tak" and "عربي": the page follows the language and direction', async () => {
    const { page, errors } = await resident(DESKTOP);
    await page.goto(bot.baseUrl);
    expect(await page.textContent('#choose-title')).toBe('Choose your language');
    await page.click('button[data-lang="en"]');
    await botSays(page, GREETING_EN);
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');

    await write(page, 'is there a football club open tonight in Nørrebro for my 15 year old son');
    const card = page.locator('.ac-adaptiveCard').last();
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Open this evening/);
    await page.locator('.webchat__suggested-action:has-text("Talk to a person")').last().waitFor();
    await shot(page, 'desktop-en', 1750);

    await write(page, 'på dansk tak');
    await page.waitForFunction(() => document.documentElement.lang === 'da');
    expect(await page.getAttribute(SEND_BOX, 'placeholder')).toBe('Skriv din besked');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');

    await write(page, 'عربي');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.getAttribute('.webchat__basic-transcript', 'dir')).toBe('rtl');
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('two residents at once never see each other', async () => {
    const one = await resident();
    const two = await resident();
    await Promise.all([one.page.goto(bot.baseUrl), two.page.goto(bot.baseUrl)]);
    await Promise.all([one.page.click('button[data-lang="en"]'), two.page.click('button[data-lang="en"]')]);
    await Promise.all([botSays(one.page, GREETING_EN), botSays(two.page, GREETING_EN)]);
    await Promise.all([write(one.page, 'I need an interpreter for my mother'), write(two.page, 'My neighbour plays loud music every night')]);
    await Promise.all([botSays(one.page, /language/i), botSays(two.page, /neighbour|noise|conflict/i)]);
    expect(await one.page.textContent('#chat')).not.toContain('loud music');
    expect(await two.page.textContent('#chat')).not.toContain('interpreter for my mother');
    expect((await session(one.page)).conversationId).not.toBe((await session(two.page)).conversationId);
  });

  test("a counsellor's reply through the staff API appears at once, without a replyToId; a slow turn shows the typing indicator", async () => {
    const { page, errors } = await resident();
    await page.goto(bot.baseUrl);
    await page.click('button[data-lang="en"]');
    await botSays(page, GREETING_EN);
    const { conversationId, token } = await session(page);

    // The turn waits for the conversation's lock (another message of the same resident, a slow store).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lock = bot.brobygger.backend.lock.run(`directline/${conversationId}`, () => held);
    await write(page, 'Talk to a person');
    await page.locator('.webchat__typing-indicator').waitFor();
    release();
    await lock;
    await botSays(page, 'number 1 in the queue');
    await page.locator('.webchat__typing-indicator').waitFor({ state: 'detached' });

    const queue = await call(`${bot.baseUrl}/api/staff/queue`, { auth: AMIRA });
    const item = queue.body.items.find((i: { conversationId: string }) => i.conversationId.endsWith(conversationId));
    expect(item).toMatchObject({ language: 'en' });
    const staff = `${bot.baseUrl}/api/staff/conversations/${encodeURIComponent(item.conversationId)}`;
    expect((await call(`${staff}/claim`, { method: 'POST', auth: AMIRA, body: {} })).status).toBe(200);
    await botSays(page, 'You are now talking to Amira');
    expect((await call(`${staff}/messages`, { method: 'POST', auth: AMIRA, body: { text: 'Hello, this is Amira. How can I help?' } })).status).toBe(200);
    // Web Chat holds a message whose replyToId it has not seen for 5 s: this one must show well before that.
    await page.locator(BOT_BUBBLE, { hasText: 'Amira: Hello, this is Amira.' }).waitFor({ timeout: 4000 });
    const log = await call(`${bot.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { auth: token });
    const fromAmira = log.body.activities.filter((a: { text?: string }) => /Amira/.test(a.text ?? ''));
    expect(fromAmira.length).toBe(2);
    for (const a of fromAmira) expect(a.replyToId).toBeUndefined();

    await write(page, 'Thank you, I need help with a letter');
    const lastLine = await eventually(
      async () => (await call(`${staff}/transcript`, { auth: AMIRA })).body.items.at(-1)?.text,
      (text) => text === 'Thank you, I need help with a letter',
    );
    expect(lastLine).toBe('Thank you, I need help with a letter');
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("the embed snippet opens the chat in a bubble on the city's site", async () => {
    const { page, errors } = await resident(DESKTOP);
    await page.goto(hostUrl);
    const bubble = page.locator('button[aria-label="Chat with the city"]');
    await bubble.waitFor();
    expect(await bubble.getAttribute('aria-expanded')).toBe('false');
    await bubble.click();
    expect(await bubble.getAttribute('aria-expanded')).toBe('true');
    const frame = page.frameLocator(`iframe[src="${bot.baseUrl}/?embed=1"]`);
    await frame.locator('button[data-lang="tr"]').click();
    await frame.locator(BOT_BUBBLE, { hasText: 'Brobygger' }).first().waitFor();
    expect(await frame.locator('.bar').isHidden()).toBe(true);
    await page.focus('button[aria-label="Close the chat"]');
    await page.keyboard.press('Enter');
    await page.locator('[role="dialog"]').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Chat with the city');
    expect(errors).toEqual([]);
  });
});


/** The value once `accept` holds for it (or the last one seen, when time is up). */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
