import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import Redis from 'ioredis';
import { RedisStorage } from '../src/storage/redisStorage';
import { loadCatalog } from '../src/catalog';
import { RequestStore } from '../src/requests/requestStore';
import { InterpreterDialog } from '../dialogs/interpreter';
import { normalizeText } from '../src/understanding';
import { WhenEntity } from '../src/understanding/entities/when';
import { dateUnderstanding } from '../src/time/dates';
import type { DialogServices } from '../dialogs/services';
import { buttonsOf, dialogClient, drain, REFERENCE, testServices, testTranslator, visible } from './helpers/dialogHarness';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

const services = () => testServices();
const { catalog, clock, localesDir: LOCALES } = services();
const REF = REFERENCE;

describe('interpreter dialog', () => {
  test('English, step by step: language, setting, date, mode, expectations, request with reference', async () => {
    const s = services();
    const { client } = await dialogClient(new InterpreterDialog(s), 'en', { text: '' });

    let reply = await client.sendActivity('interpreter');
    expect(reply.text).toBe('Which language do you need an interpreter for?');
    // The conversation's language is offered first, then the others and a free choice.
    expect(buttonsOf(reply)[0]).toBe('English');
    expect(buttonsOf(reply)).toContain('Arabic');
    expect(buttonsOf(reply).at(-1)).toBe('Another language');

    reply = await client.sendActivity('Arabic');
    expect(reply.text).toBe('What do you need the interpreter for?');
    expect(buttonsOf(reply)).toEqual(['Doctor or hospital', 'School–home meeting', 'Municipality or job centre', 'Housing', 'Something else']);

    reply = await client.sendActivity('a meeting with my caseworker at the jobcenter');
    expect(reply.text).toContain('When is the appointment?');
    expect(buttonsOf(reply)).toEqual(['Tomorrow', "I don't know yet"]);

    reply = await client.sendActivity('next Tuesday at 10');
    expect(reply.text).toContain('Tuesday 1 December at 10:00');
    expect(buttonsOf(reply)).toEqual(['In person', 'Phone', 'Video']);

    reply = await client.sendActivity('by phone');
    expect(reply.text).toContain('Language: Arabic');
    expect(reply.text).toContain('For: Municipality or job centre');
    expect(reply.text).toContain('When: Tuesday 1 December at 10:00');
    expect(reply.text).toContain('How: Phone');
    reply = client.getNextReply();
    expect(reply.text).toContain('The municipality books the interpreter');
    expect(reply.text).toContain('It is free for you.');
    reply = client.getNextReply();
    expect(reply.text).toBe("Shall I also send your request to the city's interpreter team? They follow it up and help if it doesn't work out.");

    reply = await client.sendActivity('yes');
    expect(reply.text).toMatch(REF);
    const reference = REF.exec(reply.text!)![0];
    expect(client.dialogTurnResult.status).toBe('complete');

    const stored = await s.requests.get(reference);
    expect(stored).toMatchObject({
      kind: 'interpreter',
      language: 'en',
      status: 'new',
      details: { interpreterLanguage: 'ar', setting: 'municipality', date: '2026-12-01', time: '10:00', mode: 'phone' },
    });
    expect(stored!.summary).toBe('Tolkebestilling: Arabisk, Kommune eller jobcenter, tirsdag 1. december kl. 10:00, Telefon.');
  });

  test('Danish: what the first message says is not asked again; a short notice is flagged', async () => {
    const s = services();
    const { client } = await dialogClient(new InterpreterDialog(s), 'da', { text: 'jeg skal have en somali tolk til lægen i morgen' });

    let reply = await client.sendActivity('jeg skal have en somali tolk til lægen i morgen');
    // What was understood is said back, and only what is missing is asked.
    expect(reply.text).toBe('Det har jeg noteret: Somali · læge eller hospital · fredag 27. november.');
    reply = client.getNextReply();
    expect(reply.text).toBe('Skal tolken være der fysisk, eller tolke over telefon eller video?');
    reply = await client.sendActivity('fremmøde');
    expect(reply.text).toContain('Sprog: Somali');
    expect(reply.text).toContain('Til: Læge eller hospital');
    reply = client.getNextReply();
    expect(reply.text).toContain('Din læge eller hospitalet bestiller tolken');
    expect(reply.text).toContain('mindst 3 hverdage');
    reply = client.getNextReply();
    expect(reply.text).toBe('Skal jeg også sende din anmodning til kommunens tolketeam? De følger op og hjælper, hvis det ikke lykkes.');
    reply = await client.sendActivity('Ja, send den');
    expect(reply.text).toMatch(/^Din bestilling er sendt\. Dit referencenummer er BB-/);
    const [stored] = await s.requests.list();
    expect(stored).toMatchObject({ language: 'da', details: { interpreterLanguage: 'so', setting: 'health', date: '2026-11-27', mode: 'in_person' } });
  });

  test('Arabic (right to left): a language not in the list, a wrong then an Arabic-digit date, request stored', async () => {
    const s = services();
    const { client } = await dialogClient(new InterpreterDialog(s), 'ar', { text: '' });

    let reply = await client.sendActivity('مترجم');
    expect(visible(reply.text)).toBe('لأي لغة تحتاج مترجمًا؟');
    expect(buttonsOf(reply)[0]).toBe('العربية');
    reply = await client.sendActivity('لغة أخرى');
    expect(visible(reply.text)).toContain('ما هي اللغة؟');
    reply = await client.sendActivity('التغرينية');
    expect(visible(reply.text)).toBe('لماذا تحتاج المترجم؟');
    reply = await client.sendActivity('موعد في المدرسة');
    expect(visible(reply.text)).toContain('متى الموعد؟');
    reply = await client.sendActivity('شي ما');
    expect(visible(reply.text)).toContain('لم أفهم التاريخ');
    reply = await client.sendActivity('١٥/١٢');
    expect(visible(reply.text)).toContain('الثلاثاء، 15 ديسمبر');
    reply = await client.sendActivity('فيديو');
    expect(visible(reply.text)).toContain('اللغة: التغرينية');
    expect(visible(reply.text)).toContain('الطريقة: فيديو');
    reply = client.getNextReply();
    expect(visible(reply.text)).toContain('المدرسة تحجز المترجم');
    expect(visible(reply.text)).toContain('الخدمة مجانية لك.');
    client.getNextReply();
    reply = await client.sendActivity('نعم');
    const reference = REF.exec(visible(reply.text))![0];
    expect(visible(reply.text)).toContain('رقم المرجع');
    const stored = await s.requests.get(reference);
    expect(stored).toMatchObject({ language: 'ar', details: { interpreterLanguage: 'other', otherLanguage: 'التغرينية', setting: 'school', date: '2026-12-15', mode: 'video' } });
  });

  test('"I don\'t know yet" is a fine answer; saying no stores nothing', async () => {
    const s = services();
    const { client } = await dialogClient(new InterpreterDialog(s), 'en', { text: 'I need a Polish interpreter for my housing association' });
    let reply = await client.sendActivity('I need a Polish interpreter for my housing association');
    expect(reply.text).toBe('Got it: Polish · housing.');
    reply = client.getNextReply();
    expect(reply.text).toContain('When is the appointment?');
    reply = await client.sendActivity("I don't know yet");
    expect(reply.text).toBe('Should the interpreter be there in person, on the phone or on video?');
    reply = await client.sendActivity('video');
    expect(reply.text).toContain('When: not decided yet');
    reply = client.getNextReply();
    expect(reply.text).toContain('Ask the housing association or landlord who pays.');
    client.getNextReply();
    reply = await client.sendActivity('no');
    expect(reply.text).toBe("OK, I haven't sent anything.");
    expect(await s.requests.list()).toEqual([]);
  });

  test('a date that has passed is asked again', async () => {
    const { client } = await dialogClient(new InterpreterDialog(services()), 'en', { text: 'interpreter in Turkish for the doctor' });
    let reply = await client.sendActivity('interpreter in Turkish for the doctor');
    drain(client);
    reply = await client.sendActivity('1/1/2026');
    expect(reply.text).toContain('has already passed');
  });

  test('the request lands in Redis with the resident\'s language, and expires like state', async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const prefix = uniquePrefix('dialog-interpreter');
    try {
      const requests = new RequestStore(new RedisStorage(redis, { keyPrefix: prefix, ttlSeconds: 3600 }), clock);
      const { client } = await dialogClient(new InterpreterDialog({ catalog, requests, clock, localesDir: LOCALES }), 'ar', { text: 'أحتاج مترجم تركي عند الطبيب بكرة بالهاتف' });
      let reply = await client.sendActivity('أحتاج مترجم تركي عند الطبيب بكرة بالهاتف');
      expect(visible(reply.text)).toContain('اللغة: التركية');
      expect(visible(reply.text)).toContain('الطريقة: هاتف');
      client.getNextReply();
      client.getNextReply();
      reply = await client.sendActivity('نعم');
      const reference = REF.exec(visible(reply.text))![0];
      const stored = await requests.get(reference);
      // TestAdapter's resident is `user1`: the id "delete my data" finds this request by in other conversations.
      expect(stored).toMatchObject({ kind: 'interpreter', language: 'ar', userId: 'user1', details: { interpreterLanguage: 'tr', setting: 'health', date: '2026-11-27', mode: 'phone' } });
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.some((k) => k.includes(reference))).toBe(true);
      const ttl = await redis.ttl(keys.find((k) => k.includes(reference))!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(3600);
    } finally {
      await redis.quit();
      await deleteKeys(prefix);
    }
  });

  test.each(['da', 'en', 'ar'] as const)('the date buttons in %s are understood when pressed', async (lang) => {
    const t = (await testTranslator()).fixed(lang);
    expect(dateUnderstanding(LOCALES).parse(t('interpreter:whenSuggestion.tomorrow'), lang, clock())?.date).toBe('2026-11-27');
    const label = t('interpreter:whenSuggestion.unknown');
    expect(WhenEntity.load(LOCALES).read(label, normalizeText(label), lang, clock()).unknownDate).toBe(true);
  });
  test('the word lists and date words come from the configured locales directory', async () => {
    // A copy of locales/ where Danish has one more word for "doctor" and one more for "tomorrow".
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-locales-'));
    try {
      fs.cpSync(LOCALES, dir, { recursive: true });
      const edit = (file: string, change: (json: Record<string, any>) => void) => {
        const full = path.join(dir, 'da', 'training', file);
        const json = JSON.parse(fs.readFileSync(full, 'utf8'));
        change(json);
        fs.writeFileSync(full, JSON.stringify(json));
      };
      edit('interpreter.json', (j) => j.settings.health.push('brobyggerklinikken'));
      edit('dates.json', (j) => j.tomorrow.push('brobyggerdag'));
      const text = 'jeg skal have en somali tolk til brobyggerklinikken brobyggerdag';

      const { client } = await dialogClient(new InterpreterDialog({ ...services(), localesDir: dir }), 'da', { text }, undefined, 'test', dir);
      expect((await client.sendActivity(text)).text).toBe('Det har jeg noteret: Somali · læge eller hospital · fredag 27. november.');

      // The project's own lists do not know these words: that dialog has to ask where the interpreter is needed.
      const { client: plain } = await dialogClient(new InterpreterDialog(services()), 'da', { text });
      expect((await plain.sendActivity(text)).text).not.toContain('27. november');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what is not a language', () => {
  test('"hej" typed where the language is asked for is asked again, not taken as a language', async () => {
    const root = path.join(__dirname, '..');
    const services: DialogServices = {
      catalog: loadCatalog(path.join(root, 'data')),
      requests: new RequestStore(new MemoryStorage()),
      clock: () => new Date('2026-11-26T10:00:00Z'),
      localesDir: path.join(root, 'locales'),
    };
    const { client } = await dialogClient(new InterpreterDialog(services), 'da', { text: '' });
    const ask = await client.sendActivity('hej');
    expect(ask.text).toMatch(/sprog/);
    const again = await client.sendActivity('hej');
    expect(again.text).toMatch(/sprog/i);
    const next = await client.sendActivity('tigrinya');
    expect(next.text).not.toMatch(/Hvilket sprog/);
  });
});
