import { LOCALES_DIR } from '../src/paths';
import { SafetyScreen, Understanding, type DangerKind } from '../src/understanding';
import { decideTurn, type Situation } from '../src/understanding/policy';
import type { Lang } from '../src/language/languages';

let understanding: Understanding;
beforeAll(async () => {
  understanding = await Understanding.create(LOCALES_DIR);
});

const firstMessage: Situation = { pressedButton: false };
/** What the bot does with a resident's message, as the first of a conversation unless said otherwise. */
function decide(text: string, lang: Lang, situation: Situation = firstMessage) {
  return decideTurn(understanding.read(text, lang), situation);
}

describe('a resident in danger says so with a danger word: urgent, with the kind for the right helpline', () => {
  const cases: [Lang, string, DangerKind][] = [
    ['da', 'min mand slår mig når han er fuld', 'domestic_violence'],
    ['da', 'jeg har tænkt på selvmord', 'self_harm'],
    ['en', 'my husband hits me and I am scared to go home', 'domestic_violence'],
    ['en', 'I want to kill myself', 'self_harm'],
    ['ar', 'زوجي يضربني كل يوم', 'domestic_violence'],
    ['fa', 'mikham khodkoshi konam', 'self_harm'],
    ['pl', 'mąż mnie bije', 'domestic_violence'],
    ['pl', 'nie chcę już żyć', 'self_harm'],
    ['so', 'ninkeyga wuu i garaacaa', 'domestic_violence'],
    ['tr', 'ailem beni zorla evlendirmek istiyor', 'honour'],
    ['uk', 'чоловік б’є мене', 'domestic_violence'],
    ['ur', 'mera shohar mujhe marta hai', 'domestic_violence'],
    ['ur', 'میں خودکشی کرنا چاہتی ہوں', 'self_harm'],
  ];
  test.each(cases)('[%s] %s -> urgent, %s', (lang, text, kind) => {
    expect(decide(text, lang)).toMatchObject({ action: 'urgent', danger: { kind, by: 'word' } });
  });

  test('"everyone would be better off without me", said in Arabic, Farsi, Somali and Urdu (also in Latin letters), is urgent with the self-harm line', () => {
    for (const [lang, text] of [
      ['ar', 'حاسة انو احسن للكل لو اختفيت'],
      ['fa', 'hame bedoon-e man rahat tar zendegi mikonan'],
      ['so', 'qof walba wuu ka raaxeysan lahaa haddii aanan jirin'],
      ['ur', 'mere na hone se sab ki zindagi aasan ho jayegi'],
    ] as const) {
      expect([text, decide(text, lang)]).toMatchObject([text, { action: 'urgent', danger: { kind: 'self_harm' } }]);
    }
  });

  test('a young person beaten at home reaches a line for children or for violence at home', () => {
    // Both lines fit: Børnetelefonen for a child, Lev Uden Vold for violence at home.
    const decision = decide('my stepdad beats me and I am scared to go home', 'en');
    expect(decision).toMatchObject({ action: 'urgent', danger: { by: 'word' } });
    expect(['child', 'domestic_violence']).toContain(decision.action === 'urgent' ? decision.danger.kind : undefined);
  });

  test('a danger word inside a dialog still hands over at once', () => {
    expect(decide('min mand slår mig', 'da', { pressedButton: false, activeService: 'clubs' })).toMatchObject({ action: 'urgent', danger: { by: 'word' } });
  });

  test('a short danger word in another script is caught whatever the turn language is', () => {
    expect(decide('انتحار', 'da')).toMatchObject({ action: 'urgent', danger: { kind: 'self_harm' } });
    expect(decide('суїцид', 'en')).toMatchObject({ action: 'urgent', danger: { kind: 'self_harm' } });
  });

  test('a danger phrase from another language is caught when it cannot be an everyday word', () => {
    // Romanised Urdu detected as English still reaches the Urdu list (multi-word term).
    expect(decide('mera shohar mujhe marta hai', 'en')).toMatchObject({ action: 'urgent' });
  });
});

describe('what looks dangerous but is not', () => {
  test('Danish "gang" (time, hallway) is not a gang', () => {
    expect(decide('jeg har været i klubben en gang', 'da').action).not.toBe('urgent');
    expect(decide('der er larm på gangen hver nat', 'da').action).not.toBe('urgent');
  });

  test('ordinary messages are not urgent', () => {
    for (const [lang, text] of [
      ['da', 'min søn vil gerne spille fodbold'],
      ['en', 'the neighbours play loud music'],
      ['uk', 'це більше ніж я можу прочитати, потрібен перекладач'], // "ніж" also means "than"
      ['tr', 'döviz kuru ne kadar'],
      ['en', 'my colleague keeps calling me a terrorist'], // an insult: discrimination, not radicalisation
      ['ur', 'bachay roz hamari deewar pe gend marte hain'], // children throw a ball at our wall
      ['so', 'derisku habeenkii derbiga ayuu garaacaa'], // the neighbour knocks on the wall at night
      ['so', 'qof ma ii qori karaa warqad ku socota kommunka?'], // "qori" is also "write", not only "rifle"
      ['so', 'kulaylku wuu i dilayaa'], // the heat is killing me
      ['fa', 'dige tahamol nadaram, hamsaye balayi har shab mehmooni dare'], // can't take the neighbour's parties
      ['ar', 'هلق في امان بنوربرو بعد الطعن اللي صار؟'], // is it safe now after the stabbing: a question, "now" alone
    ] as const) {
      expect([text, decide(text, lang).action]).not.toEqual([text, 'urgent']);
    }
  });

  test('event words in a question about an area, a rumour, a film or a game are not a crisis', () => {
    for (const [lang, text] of [
      ['en', 'I heard there was a shooting in Tingbjerg, is it safe to live there?'],
      ['tr', "Tingbjerg'de silahlı saldırı olduğunu duydum, orada yaşamak güvenli mi? Komşular çok korkuyor"],
      ['en', 'we watched a film about a gang last night'],
    ] as const) {
      expect([text, decide(text, lang).action]).not.toEqual([text, 'urgent']);
    }
  });

  test('"nobody threatened us" answers the mediation\'s safety question; the word "threat" in it is no danger', () => {
    const asked: Situation = { pressedButton: false, activeService: 'mediation', inDialog: true, asking: 'threatened' };
    expect(decide('nahi, kisi ne dhamki nahi di, sirf music ka masla hai', 'ur', asked).action).not.toMatch(/urgent|askSafe/);
  });

  test('...but the same event word happening now is', () => {
    expect(decide('there is a man with a knife outside my door right now', 'en')).toMatchObject({ action: 'urgent' });
  });
});

describe('everyday talk that holds a danger word, and questions about a helpline', () => {
  test('living "here" (the flat, the building, the area) is about housing, in every language; living at all is not', () => {
    for (const [lang, text] of [
      ['tr', 'bu binada artık yaşamak istemiyorum, komşular çok gürültülü'],
      ['en', "I don't want to live in this building anymore, the neighbours are so loud"],
      ['da', 'jeg vil ikke leve her mere med den larm fra naboerne'],
      ['pl', 'nie chcę już żyć w tym bloku, sąsiedzi hałasują'],
      ['uk', 'не хочу жити в цьому будинку, сусіди шумлять'],
    ] as [Lang, string][]) {
      expect(understanding.read(text, lang).safety.word).toBeUndefined();
    }
    for (const [lang, text] of [
      ['tr', 'yaşamak istemiyorum'],
      ['uk', 'не хочу жити'],
      ['pl', 'nie chcę już żyć'],
      ['en', "I don't want to live anymore"],
    ] as [Lang, string][]) {
      expect(decide(text, lang)).toMatchObject({ action: 'urgent', danger: { kind: 'self_harm' } });
    }
  });

  test('another danger word beside the housing phrase still counts, with its own kind', () => {
    expect(decide("I don't want to live here anymore, my husband hits me", 'en')).toMatchObject({ action: 'urgent', danger: { kind: 'domestic_violence' } });
  });

  test('a question about a helpline gets the line, also when its name holds a danger word ("Lev Uden Vold")', () => {
    expect(decide('hvad er nummeret til Lev Uden Vold?', 'da')).toEqual({ action: 'helpline', kind: 'domestic_violence' });
    expect(decide('when is the suicide line open?', 'en')).toEqual({ action: 'helpline', kind: 'self_harm' });
    // ...but a danger word beside it is a crisis.
    expect(decide('min mand slår mig, hvad er nummeret til Lev Uden Vold?', 'da')).toMatchObject({ action: 'urgent', danger: { kind: 'domestic_violence' } });
  });

  test('a film about forced marriage talks about it; being forced to marry is a crisis', () => {
    expect(decide('we saw a film about forced marriage in class, is there a girls club in Valby?', 'en').action).not.toBe('urgent');
    expect(decide('my parents are forcing me to marry my cousin', 'en')).toMatchObject({ action: 'urgent', danger: { kind: 'honour' } });
  });
});

describe('the safety lists', () => {
  test('terms of a kind, event words, * as a prefix', () => {
    const screen = SafetyScreen.fromFiles({ da: { kinds: { threat: ['brandstift*'] }, eventWords: { threat: ['kniv'] }, notInDanger: ['jeg er ikke i fare'] } });
    expect(screen.read('han taler om brandstiftelse', 'da').word).toMatchObject({ term: 'brandstift*', kind: 'threat', event: false });
    expect(screen.read('han taler om brand', 'da').word).toBeUndefined();
    expect(screen.read('han har en kniv', 'da').word).toMatchObject({ kind: 'threat', event: true });
    expect(screen.read('jeg er ikke i fare, bare nysgerrig', 'da').notInDanger).toBe(true);
  });

  test('a broken safety file stops start-up naming the file and field', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const os = require('node:os') as typeof import('node:os');
    const path = require('node:path') as typeof import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-safety-'));
    try {
      fs.mkdirSync(path.join(dir, 'da', 'training'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'da', 'training', 'safety.json'), JSON.stringify({ kinds: { selfharm: ['x'] } }));
      expect(() => SafetyScreen.load(dir)).toThrow(/locales\/da\/training\/safety\.json: kinds/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a parent whose child has not come home: 112 and a person at once, in every language', () => {
  const cases: [Lang, string][] = [
    ['en', "my boy hasn't come home since friday and nobody knows where he is"],
    ['da', 'min datter kom ikke hjem i nat og svarer ikke'],
    ['ar', 'بنتي ما رجعت البيت من امبارح'],
    ['ar', 'ebni ma raja3 el bet mn embare7'],
    ['fa', 'دخترم از دیشب خونه نیومده'],
    ['pl', 'mój syn nie wrócił na noc i nie odbiera'],
    ['so', 'gabadhayda guriga kuma soo laaban xalay'],
    ['tr', 'kızım dün akşamdan beri eve dönmedi'],
    ['uk', 'донька не повернулася додому вчора ввечері'],
    ['ur', 'meri beti kal raat se ghar nahi aayi'],
  ];
  test.each(cases)('[%s] %s -> urgent, child', (lang, text) => {
    expect(decide(text, lang)).toMatchObject({ action: 'urgent', danger: { kind: 'child', by: 'word' } });
  });

  test('a lost phone, bike or wallet is no missing child', () => {
    for (const [lang, text] of [
      ['en', 'my bike has been missing since yesterday'],
      ['da', 'min cykel er forsvundet fra gården'],
      ['pl', 'zaginął mi portfel w autobusie'],
      ['tr', 'telefonum kayboldu'],
      ['ur', 'mera phone gum ho gaya'],
    ] as [Lang, string][]) {
      expect(decide(text, lang).action).not.toBe('urgent');
    }
  });
});

describe('"are you safe?" answered "yes, but it is my daughter I am worried about" is no all-clear', () => {
  const asked: Situation = { pressedButton: false, safetyCheck: { danger: { kind: 'unknown', by: 'model' }, pressedSafe: false } };
  test.each([
    ['en', "yes I'm safe, it's her I'm worried about"],
    ['da', 'ja jeg er okay, men jeg er bekymret for min søn'],
    ['pl', 'tak, ale martwię się o nią'],
    ['ar', 'ايوه انا بخير بس خايفة عليها'],
    ['ur', 'haan main theek hoon lekin meri beti ki fikar hai'],
  ] as [Lang, string][])('[%s] %s -> a person', (lang, text) => {
    expect(decide(text, lang, asked)).toMatchObject({ action: 'urgent' });
  });

  test('a plain "yes, I am safe" goes back to where we were', () => {
    expect(decide("yes I'm safe", 'en', asked)).toMatchObject({ action: 'resume' });
    expect(decide('ja, jeg er i sikkerhed', 'da', asked)).toMatchObject({ action: 'resume' });
  });
});

describe('the danger word and the rest of the message together name the kind', () => {
  test('[ur] gang members who threaten a brother get the gang lines, not only the police', () => {
    expect(decide('mere bhai ko gang wale roz bulate hain aur dhamki dete hain', 'ur')).toMatchObject({ action: 'urgent', danger: { kind: 'gang' } });
  });
  test('[ar] a husband who says in Arabizi he will kill her gets a person at once, with the lines for violence at home', () => {
    expect(decide('jozi bi2oli eza tla3ti men el bet ra7 a2tlek, ana khayfe', 'ar')).toMatchObject({ action: 'urgent', danger: { kind: 'domestic_violence', by: 'word' } });
  });
  test('[da] "she will die if she may not join football" is a wish for a club; "jeg vil dø" alone is not', () => {
    expect(decide('min datter siger at hun vil dø hvis hun ikke må komme med til fodbold, hun er 12 og vi bor i valby', 'da')).toMatchObject({ action: 'start', route: 'clubs' });
    expect(decide('jeg vil dø', 'da')).toMatchObject({ action: 'urgent', danger: { kind: 'self_harm' } });
  });
});
