import { capitaliseStart } from '../src/bot/app';
import type { Brobygger } from '../src/compose';
import { buttonTitles, conversation, createTestBot, say, texts } from './helpers/testBot';

/** The whole pipeline, in-process: language, routing, interruptions, privacy. */
describe('a conversation with Brobygger', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('answers in the language of the first message: Arabic, right to left', async () => {
    const replies = await say(conversation(bot, 'ar-first'), 'مرحبا، أحتاج مترجم عند الطبيب');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.locale === 'ar')).toBe(true);
    expect(texts(replies)).toMatch(/[\u0600-\u06FF]/);
    // Every line of a right-to-left reply starts with a right-to-left mark.
    expect(replies.every((r) => (r.text ?? '').split('\n').every((line) => !line || line.startsWith('\u200F')))).toBe(true);
  });

  test('a greeting gets a greeting and the menu, not "I cannot help"', async () => {
    const replies = await say(conversation(bot, 'greet'), 'Hej');
    expect(texts(replies)).toBe('Hej! Hvad kan jeg hjælpe med?');
    expect(buttonTitles(replies)).toEqual(expect.arrayContaining(['Tolk', 'Klubber og fritid', 'Tal med en person']));
  });

  test('switches language in the middle of a dialog and asks the same question again in the new language', async () => {
    const c = conversation(bot, 'switch-mid');
    const first = await say(c, 'Jeg har brug for en tolk til lægen');
    expect(first.at(-1)!.locale).toBe('da');
    const question = texts(first);
    expect(question).toMatch(/sprog/i);
    const switched = await say(c, 'English please');
    expect(texts(switched)).toMatch(/I'll write in English now/);
    expect(switched.at(-1)!.locale).toBe('en');
    expect(texts(switched)).toMatch(/Which language do you need an interpreter for\?/);
    // The dialog carries on where it was: the answer is taken as the interpreter language.
    const next = await say(c, 'Arabic');
    expect(texts(next)).not.toMatch(/Which language do you need/);
    expect(next.at(-1)!.locale).toBe('en');
  });

  test('a bare language name inside a dialog is an answer, not a switch', async () => {
    const c = conversation(bot, 'bare-name');
    await say(c, 'Jeg har brug for en tolk til et skolemøde');
    const replies = await say(c, 'arabisk');
    expect(replies.every((r) => r.locale === 'da')).toBe(true);
    expect(texts(replies)).not.toMatch(/nu skriver jeg/);
  });

  test('the chosen language outranks detection in later messages', async () => {
    const c = conversation(bot, 'chosen');
    await say(c, 'på dansk tak');
    const replies = await say(c, 'I need help with my neighbour who plays loud music every night');
    expect(replies.every((r) => r.locale === 'da')).toBe(true);
  });

  test('nine residents writing at the same time each get their own language (no leaking between conversations)', async () => {
    const messages: Record<string, string> = {
      da: 'Jeg skal bruge en tolk til min mor hos lægen',
      en: 'I need an interpreter for my mother at the doctor',
      ar: 'أحتاج مترجم لأمي عند الطبيب',
      fa: 'برای مادرم پیش دکتر مترجم لازم دارم',
      pl: 'Potrzebuję tłumacza dla mamy u lekarza',
      so: 'Waxaan u baahanahay turjumaan hooyaday dhakhtarka',
      tr: 'Annem için doktorda tercümana ihtiyacım var',
      uk: 'Мені потрібен перекладач для мами у лікаря',
      ur: 'مجھے ڈاکٹر کے پاس امی کے لیے مترجم چاہیے',
    };
    const results = await Promise.all(
      Object.entries(messages).map(async ([lang, text]) => ({ lang, replies: await say(conversation(bot, `parallel-${lang}`), text) })),
    );
    for (const { lang, replies } of results) {
      expect({ lang, locales: [...new Set(replies.map((r) => r.locale))] }).toEqual({ lang, locales: [lang] });
    }
  });

  test('two misses in a row offer a person', async () => {
    const c = conversation(bot, 'misses');
    await say(c, 'blorp fnerk zzzt');
    const second = await say(c, 'qwpoeiru asdlkfj');
    expect(texts(second)).toMatch(/tale med en person\?/);
    expect(buttonTitles(second)[0]).toBe('Tal med en person');
  });

  test('"help" in the middle of a dialog explains and asks the same question again', async () => {
    const c = conversation(bot, 'help-mid');
    const first = await say(c, 'I need an interpreter at the job centre');
    const question = texts(first);
    const help = await say(c, 'help');
    expect(texts(help)).toMatch(/I can help you get an interpreter/);
    expect(texts(help)).toContain(question.split('\n').at(-1)!);
  });

  test('"start over" leaves the dialog and shows the menu', async () => {
    const c = conversation(bot, 'cancel-mid');
    await say(c, 'I need an interpreter at the job centre');
    const replies = await say(c, 'start over');
    expect(texts(replies)).toMatch(/OK, let's start over/);
    expect(buttonTitles(replies)).toContain('Interpreter');
  });

  test('"delete my data" asks first, then deletes the conversation, the resident and their requests', async () => {
    const c = conversation(bot, 'privacy', 'privacy-user');
    await say(c, 'I need an interpreter at the job centre');
    // A request from an earlier conversation of the same resident, and one of someone else.
    const earlier = await bot.requests.save({ kind: 'interpreter', language: 'en', conversationId: 'privacy-earlier', userId: 'privacy-user', summary: 'Tolk', details: {} });
    const others = await bot.requests.save({ kind: 'interpreter', language: 'da', conversationId: 'someone-else', userId: 'other-user', summary: 'Tolk', details: {} });
    const keys = ['test/brobygger/conversations/privacy', 'test/brobygger/users/privacy-user'];
    expect(Object.keys(await bot.backend.storage.read(keys)).sort()).toEqual(keys.sort());
    expect((await bot.backend.transcripts.recent('test/privacy')).length).toBeGreaterThan(0);

    const ask = await say(c, 'delete my data');
    expect(texts(ask)).toMatch(/delete everything/);
    const done = await say(c, 'Yes');
    expect(texts(done)).toMatch(/your information has been deleted/);
    expect(await bot.backend.storage.read(keys)).toEqual({});
    expect(await bot.backend.transcripts.recent('test/privacy')).toEqual([]);
    expect(await bot.requests.get(earlier.reference)).toBeUndefined();
    expect(await bot.requests.get(others.reference)).toBeDefined();
  });
});

describe('language buttons inside a dialog', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('after "Sprog" the language buttons switch the language even in the middle of a dialog', async () => {
    const c = conversation(bot, 'menu-switch');
    await say(c, 'Jeg har brug for en tolk til et skolemøde');
    const menu = await say(c, 'Sprog');
    expect(buttonTitles(menu)).toEqual(expect.arrayContaining(['العربية', 'اردو', 'English']));
    const switched = await say(c, 'العربية');
    expect(switched.at(-1)!.locale).toBe('ar');
    expect(texts(switched)).toMatch(/سأكتب لك بالعربية/);
  });

  test('without the language buttons, a language name in its own script answers the dialog\'s question', async () => {
    const c = conversation(bot, 'autonym-answer');
    await say(c, 'Jeg har brug for en tolk til et skolemøde');
    const replies = await say(c, 'اردو');
    expect(texts(replies)).not.toMatch(/اردو میں لکھوں گا|nu skriver jeg/);
  });
});

describe('answers that only sound alarming to the classifier', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    // Thursday 26 November 2026, 19:00 in Copenhagen: youth clubs are open.
    bot = await createTestBot({ clock: () => new Date('2026-11-26T18:00:00Z') });
  });
  afterAll(() => bot.close());

  test('pressing "Now" in the clubs dialog shows clubs, not an emergency handoff', async () => {
    const c = conversation(bot, 'clubs-now');
    const first = await say(c, 'Is there a club for my 14 year old son in Nørrebro who likes football?');
    const whenButtons = buttonTitles(first);
    expect(whenButtons).toContain('Now');
    const replies = await say(c, 'Now');
    expect(texts(replies)).not.toMatch(/112/);
    expect(texts(replies)).toMatch(/Here are the places that fit best/);
    const card = replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card?.content)).toMatch(/Nørrebro/);
  });

  test('a danger word in a short answer still goes straight to a person', async () => {
    const c = conversation(bot, 'clubs-danger');
    await say(c, 'Is there a club for my 14 year old son in Nørrebro who likes football?');
    const replies = await say(c, 'my dad hits me');
    expect(texts(replies)).toMatch(/112/);
  });
});

describe('short answers keep the conversation language', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('"nej tak" inside a Danish dialog stays Danish (Danish "tak" is Polish "yes")', async () => {
    const c = conversation(bot, 'nej-tak');
    await say(c, 'Min nabo ovenpå spiller høj musik hver nat til kl 3');
    const replies = await say(c, 'nej tak');
    expect(replies.map((r) => r.locale)).not.toContain('pl');
    expect(replies.at(-1)!.locale).toBe('da');
  });
});

describe('pressed buttons keep the conversation language', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot({ clock: () => new Date('2026-11-26T18:00:00Z') });
  });
  afterAll(() => bot.close());

  test('an Arabic resident pressing a district button (Latin letters) is still answered in Arabic', async () => {
    const c = conversation(bot, 'ar-district');
    const first = await say(c, 'أبحث عن نادي لابني عمره 14 سنة يحب كرة القدم');
    expect(first.at(-1)!.locale).toBe('ar');
    const latinButton = buttonTitles(first).find((b) => /^[A-Za-zÆØÅæøå][\w\sÆØÅæøå/-]*$/.test(b));
    expect(latinButton).toBeDefined();
    const replies = await say(c, latinButton!);
    expect(replies.every((r) => r.locale === 'ar')).toBe(true);
  });
});

describe('the first message decides the language, even when it is one word', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test.each([
    ['ja', 'da'],
    ['nej', 'da'],
    ['hi', 'en'],
    ['yes', 'en'],
    ['merhaba', 'tr'],
    ['привіт', 'uk'],
    ['cześć', 'pl'],
  ])('"%s" as a first message is answered in %s', async (text, lang) => {
    const replies = await say(conversation(bot, `first-${text}`), text);
    expect(replies.at(-1)!.locale).toBe(lang);
  });

  test('"salam" (Arabic, Farsi and Urdu alike) gets an answer and the choice of those languages', async () => {
    const replies = await say(conversation(bot, 'first-salam'), 'salam');
    expect(['ar', 'fa', 'ur']).toContain(replies[0].locale);
    expect(buttonTitles(replies)).toEqual(expect.arrayContaining(['العربية', 'فارسی', 'اردو']));
  });

  test('after the greeting on join, "merhaba" is still answered in Turkish', async () => {
    const c = conversation(bot, 'join-merhaba');
    c.activeQueue.splice(0);
    await c.receiveActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'user-join-merhaba', name: 'Resident' }] } as never);
    const greeting = c.activeQueue.splice(0);
    expect(texts(greeting)).toMatch(/Hej, jeg er Brobygger/);
    const replies = await say(c, 'merhaba');
    expect(replies.at(-1)!.locale).toBe('tr');
  });

  test('a number alone starts no service', async () => {
    const replies = await say(conversation(bot, 'first-12'), '12');
    expect(texts(replies)).not.toMatch(/klub|club/i);
    expect(buttonTitles(replies).length).toBeGreaterThan(0);
  });

  test('a 200 kB message is refused politely without being read', async () => {
    const replies = await say(conversation(bot, 'huge'), 'Hej med dig. '.repeat(17000));
    expect(replies).toHaveLength(1);
    expect(texts(replies)).toMatch(/2000/);
  });
});

describe('nobody is stuck on a question', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('after an answer the bot could not use, the question also says how to start over or reach a person', async () => {
    const c = conversation(bot, 'stuck');
    await say(c, 'I need an interpreter for Arabic at the doctor');
    const first = await say(c, 'blue');
    expect(texts(first)).toMatch(/didn't catch the date/);
    expect(texts(first)).toMatch(/You can also write "start over" or "talk to a person"/);
    const out = await say(c, 'talk to a person');
    expect(texts(out)).not.toMatch(/didn't catch/);
  });
});

describe('buttons by number', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    // A Thursday morning: "i morgen kl 10" is a working day ahead, whatever the hour the tests run at.
    bot = await createTestBot({ clock: () => new Date('2026-11-26T09:00:00Z') });
  });
  afterAll(() => bot.close());

  test('typing "2" picks the second button', async () => {
    const c = conversation(bot, 'by-number');
    const ask = await say(c, 'Jeg har brug for en tolk hos lægen');
    const second = buttonTitles(ask)[1];
    const replies = await say(c, '2');
    expect(texts(replies)).not.toMatch(/Hvilket sprog/);
    // Through the remaining questions to the summary, which names the language picked.
    const rest = [...(await say(c, 'i morgen kl 10')), ...(await say(c, 'telefon'))];
    expect(texts(rest)).toContain(second);
  });
});

describe('a crisis the classifier only suspects, in the middle of a dialog', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('is asked about first; "I\'m safe" goes back to the question', async () => {
    const c = conversation(bot, 'suspect-safe');
    const first = await say(c, 'My neighbour plays loud music every night until 3');
    const question = texts(first).split('\n').at(-1)!;
    const check = await say(c, 'I cant take it anymore, I want it all to stop');
    expect(texts(check)).toMatch(/are you safe right now\?/);
    // The help comes with the question: 112 and the line for the kind of crisis the words suggest.
    expect(texts(check)).toMatch(/call 112/);
    expect(texts(check)).toMatch(/Livslinien .* 70 201 201/);
    const back = await say(c, "Yes, I'm safe");
    expect(texts(back)).toContain(question);
  });

  test('any other answer hands over at once, with 112', async () => {
    const c = conversation(bot, 'suspect-help');
    await say(c, 'My neighbour plays loud music every night until 3');
    await say(c, 'I cant take it anymore, I want it all to stop');
    const handed = await say(c, 'No, I need help');
    expect(texts(handed)).toMatch(/112/);
  });

  test('a danger word is never asked about: it hands over at once', async () => {
    const c = conversation(bot, 'danger-word');
    await say(c, 'My neighbour plays loud music every night until 3');
    const handed = await say(c, 'my husband hits me when he is drunk');
    expect(texts(handed)).toMatch(/112/);
  });
});

describe('keeping one\'s data', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('saying no to "delete my data" in the middle of a dialog goes back to the question', async () => {
    const c = conversation(bot, 'keep-data');
    const first = await say(c, 'I need an interpreter at the doctor');
    const question = texts(first).split('\n').at(-1)!;
    await say(c, 'delete my data');
    const kept = await say(c, 'No');
    expect(texts(kept)).toMatch(/I won't delete anything/);
    expect(texts(kept)).toContain(question);
  });

  test('asking for a person in one\'s own words works in the middle of a dialog', async () => {
    const c = conversation(bot, 'own-words-human');
    await say(c, 'Jeg har brug for en tolk hos lægen');
    const replies = await say(c, 'kan jeg snakke med et menneske?');
    expect(texts(replies)).not.toMatch(/Hvilket sprog/);
    expect(texts(replies)).toMatch(/nummer|kø|medarbejder|rådgiver/i);
  });
});

describe('a language switch re-asks the whole question in the new language', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('the mediation offer, switched from Danish to English, has no Danish left in it', async () => {
    const c = conversation(bot, 'switch-mediation');
    await say(c, 'min nabo larmer hele natten');
    await say(c, 'nej');
    await say(c, '1');
    // Social housing: the bot asks where, to find the housing social team.
    expect(texts(await say(c, '1'))).toMatch(/bydel/);
    const offer = await say(c, 'Nørrebro');
    expect(texts(offer)).toMatch(/Det er gratis/);
    const switched = await say(c, 'English please');
    expect(texts(switched)).toMatch(/It is free/);
    expect(texts(switched)).not.toMatch(/Det er gratis|Begge naboer/);
  });
});

describe('small things residents noticed', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  test('"ja" as a first message gets the menu, not a guess', async () => {
    const replies = await say(conversation(bot, 'ja-first'), 'ja');
    expect(texts(replies)).toBe('Hvad kan jeg hjælpe med?');
    expect(buttonTitles(replies)).toContain('Tolk');
  });

  test('naming the language already spoken does not announce a switch', async () => {
    const c = conversation(bot, 'same-language');
    await say(c, 'Merhaba, komşum her gece çok gürültü yapıyor');
    const replies = await say(c, 'Türkçe');
    expect(texts(replies)).not.toMatch(/Türkçe yazıyorum/);
  });
});

describe('replies read like sentences', () => {
  test('a reply that opens with a date starts with a capital, in the resident\'s language rules', () => {
    expect(capitaliseStart('tirsdag 1. december kl. 10:00, det har jeg noteret.', 'da')).toBe('Tirsdag 1. december kl. 10:00, det har jeg noteret.');
    expect(capitaliseStart('istanbul', 'tr')).toBe('İstanbul');
    expect(capitaliseStart('https://www.kk.dk', 'da')).toBe('https://www.kk.dk');
    expect(capitaliseStart('مرحبا', 'ar')).toBe('مرحبا');
  });
});

describe('clubs say when the interest cannot be met', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot({ clock: () => new Date('2026-11-26T10:00:00Z') });
  });
  afterAll(() => bot.close());

  test('no football club for a 12-year-old in Valby: the bot says so before listing others', async () => {
    const c = conversation(bot, 'no-football');
    const when = await say(c, 'er der en fodboldklub i Valby for min søn på 12');
    expect(buttonTitles(when)).toContain('Når som helst');
    const replies = await say(c, 'Når som helst');
    expect(texts(replies)).toMatch(/Jeg fandt ikke noget med fodbold til den alder i nærheden/);
  });

  test('when a club has the interest, no such warning', async () => {
    const c = conversation(bot, 'yes-football');
    await say(c, 'er der en fodboldklub på Nørrebro for min søn på 15');
    const replies = await say(c, 'Når som helst');
    expect(texts(replies)).not.toMatch(/Jeg fandt ikke noget med/);
    expect(texts(replies)).toMatch(/Her er de steder/);
  });
});
