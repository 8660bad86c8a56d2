import { LOCALES_DIR } from '../src/paths';
import { SafetyScreen, Understanding } from '../src/understanding';

let understanding: Understanding;
beforeAll(async () => {
  understanding = await Understanding.create(LOCALES_DIR);
});

describe('safety screen', () => {
  const danger: [string, string][] = [
    ['da', 'min mand slår mig når han er fuld'],
    ['da', 'jeg har tænkt på selvmord'],
    ['en', 'my stepdad beats me and I am scared to go home'],
    ['en', 'my brother was recruited by a gang and carries a knife'],
    ['ar', 'زوجي يضربني كل يوم'],
    ['ar', 'abouya bidrabni kel yom'],
    ['fa', 'شوهرم منو کتک میزنه'],
    ['fa', 'mikham khodkoshi konam'],
    ['pl', 'mąż mnie bije'],
    ['pl', 'nie chcę już żyć'],
    ['so', 'ninkeyga wuu i garaacaa'],
    ['tr', 'kocam beni dövüyor'],
    ['tr', 'ailem beni zorla evlendirmek istiyor'],
    ['uk', 'чоловік б’є мене'],
    ['uk', 'мене хочуть вбити'],
    ['ur', 'mera shohar mujhe marta hai'],
    ['ur', 'میں خودکشی کرنا چاہتی ہوں'],
  ];

  test.each(danger)('[%s] %s -> counsellor, urgent', (lang, text) => {
    const u = understanding.understand(text, lang as never);
    expect(u).toMatchObject({ route: 'counsellor', urgent: true });
  });

  test('names the kind of danger for the helpline', () => {
    expect(understanding.understand('jeg har tænkt på selvmord', 'da').danger).toBe('self-harm');
    expect(understanding.understand('min mand slår mig', 'da').danger).toBe('domestic-violence');
    expect(understanding.understand('they want to force me to marry my cousin', 'en').danger).toBe('forced-marriage');
  });

  test('Danish "gang" (time) is not a gang', () => {
    const u = understanding.understand('jeg har været i klubben en gang', 'da');
    expect(u.urgent).toBe(false);
    expect(understanding.safety.screen('jeg har været i klubben en gang', 'da')).toBeUndefined();
    expect(understanding.safety.screen('my son joined a gang', 'en')).toBeDefined();
  });

  test('ordinary messages are not urgent', () => {
    for (const [lang, text] of [
      ['da', 'min søn vil gerne spille fodbold'],
      ['en', 'the neighbours play loud music'],
      ['uk', 'це більше ніж я можу прочитати, потрібен перекладач'], // "ніж" also means "than"
      ['tr', 'döviz kuru ne kadar'],
      ['en', 'my colleague keeps calling me a terrorist'], // an insult: discrimination, not radicalisation
    ] as const) {
      expect([text, understanding.understand(text, lang).urgent]).toEqual([text, false]);
    }
  });

  test('everyday verbs that also mean "hit" do not fire the screen on their own', () => {
    expect(understanding.safety.screen('bachay roz hamari deewar pe gend marte hain', 'ur')).toBeUndefined(); // throw a ball
    expect(understanding.safety.screen('derisku habeenkii derbiga ayuu garaacaa', 'so')).toBeUndefined(); // knocks on the wall
    expect(understanding.safety.screen('mujhe marta hai', 'ur')).toBeDefined();
  });

  test('a danger phrase from another language is caught when it cannot be an everyday word', () => {
    // Romanised Urdu detected as English still reaches the Urdu list (multi-word term).
    expect(understanding.understand('mera shohar mujhe marta hai', 'en').urgent).toBe(true);
  });

  test('terms from the locale file are used, with * as a prefix', () => {
    const screen = SafetyScreen.fromTerms({ da: ['brandstift*'] });
    expect(screen.screen('han taler om brandstiftelse', 'da')).toMatchObject({ term: 'brandstift*', lang: 'da' });
    expect(screen.screen('han taler om brand', 'da')).toBeUndefined();
  });
});

describe('safety screen across a wrong conversation language', () => {
  test('a short danger word in another script is caught whatever the turn language is', () => {
    const u = understanding;
    expect(u.understand('انتحار', 'da')).toMatchObject({ route: 'counsellor', urgent: true });
    expect(u.understand('суїцид', 'en')).toMatchObject({ route: 'counsellor', urgent: true });
  });
});
