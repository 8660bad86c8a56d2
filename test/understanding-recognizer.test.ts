import { LOCALES_DIR } from '../src/paths';
import { CONFIDENCE_THRESHOLD, normalizeText, ROUTES, Understanding } from '../src/understanding';
import type { Lang } from '../src/language/languages';

let understanding: Understanding;
beforeAll(async () => {
  understanding = await Understanding.create(LOCALES_DIR);
});

describe('intent on messages not in the training phrases', () => {
  const cases: [Lang, string, string][] = [
    ['da', 'kan nogen oversætte et brev fra kommunen for min far', 'interpreter'],
    ['da', 'naboerne ovenpå holder fest hver eneste nat', 'mediation'],
    ['da', 'de ville ikke leje lejligheden ud til mig fordi jeg bærer tørklæde', 'discrimination'],
    ['da', 'findes der en fodboldklub for piger på Nørrebro', 'clubs'],
    ['da', 'hvad bliver vejret på lørdag', 'none'],
    ['en', 'my dad needs someone to translate at his hospital appointment', 'interpreter'],
    ['en', 'the neighbours dog barks all night and they will not listen', 'mediation'],
    ['en', 'the bouncer said no immigrants tonight', 'discrimination'],
    ['en', 'is there anything for teenagers to do on friday evenings', 'clubs'],
    ['ar', 'بدي مترجم لموعد امي عند الدكتور', 'interpreter'],
    ['ar', 'jari 3am ya3mel da3we kel lele', 'mediation'],
    ['fa', 'همسایه طبقه بالا هر شب تا دیروقت سر و صدا میکنه', 'mediation'],
    ['pl', 'czy jest jakiś klub dla mojego syna po szkole', 'clubs'],
    ['so', 'waxaan u baahanahay turjubaan dhakhtarka', 'interpreter'],
    ['tr', 'komşum her gece yüksek sesle müzik dinliyor', 'mediation'],
    ['uk', 'мені потрібен перекладач до лікаря', 'interpreter'],
    ['ur', 'mujhe doctor ke liye translator chahiye', 'interpreter'],
  ];

  test.each(cases)('[%s] %s -> %s', (lang, text, route) => {
    const training = new Set(understanding.trainingPhrases.map((p) => normalizeText(p.text)));
    expect(training.has(normalizeText(text))).toBe(false);
    expect(understanding.read(text, lang).intent.route).toBe(route);
  });

  test('asking for a person is counsellor, and no crisis', () => {
    for (const [lang, text] of [
      ['en', 'can I talk to a real person'],
      ['da', 'jeg vil gerne tale med en medarbejder'],
      ['pl', 'chcę porozmawiać z człowiekiem'],
    ] as const) {
      const r = understanding.read(text, lang);
      expect([text, r.intent.route, r.modelDanger, r.safety.word]).toEqual([text, 'counsellor', undefined, undefined]);
    }
  });
});

describe('confidence', () => {
  test('is a probability, with the other routes as alternatives', () => {
    const { intent } = understanding.read('jeg skal bruge en tolk til lægen', 'da');
    expect(intent.route).toBe('interpreter');
    expect(intent.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    for (const a of intent.alternatives) {
      expect(ROUTES).toContain(a.route);
      expect(a.route).not.toBe('interpreter');
      expect(a.confidence).toBeLessThanOrEqual(intent.confidence);
    }
  });

  test('is low for a message unlike anything we know, so the bot asks back', () => {
    expect(understanding.read('blorf zanquit meepo', 'en').intent.confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  test('an empty message is none', () => {
    expect(understanding.read('   ', 'da')).toMatchObject({ intent: { route: 'none' }, modelDanger: undefined });
  });
});

describe('training', () => {
  test('is deterministic: two instances answer alike', async () => {
    const other = await Understanding.create(LOCALES_DIR);
    for (const text of ['min nabo larmer', 'I am bored', 'mujhe madad chahiye']) expect(other.read(text, 'da')).toEqual(understanding.read(text, 'da'));
  });

  test('a route with a typo in intents.json is an error, not silently dropped', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const os = require('node:os') as typeof import('node:os');
    const path = require('node:path') as typeof import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-intents-'));
    try {
      fs.mkdirSync(path.join(dir, 'da', 'training'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'da', 'training', 'intents.json'), JSON.stringify({ interpeter: ['tolk'] }));
      fs.writeFileSync(path.join(dir, 'da', 'training', 'commands.json'), '{}');
      expect(() => Understanding.createSync(dir)).toThrow(/unknown key "interpeter"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
