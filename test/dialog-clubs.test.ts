import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { setTurnLanguage } from '../src/language/turnLanguage';
import { setTurnData } from '../src/state/turnData';
import { ClubsDialog } from '../dialogs/clubs';
import type { DialogServices } from '../dialogs/services';
import { buttonsOf, dialogClient, testServices, testTranslator, visible } from './helpers/dialogHarness';


/** Copenhagen wall-clock instants (November: UTC+1). */
const THURSDAY_1000 = new Date('2026-11-26T09:00:00Z');
const THURSDAY_1900 = new Date('2026-11-26T18:00:00Z');
const FRIDAY_2330 = new Date('2026-11-27T22:30:00Z');
const SATURDAY_0030 = new Date('2026-11-27T23:30:00Z');
const SATURDAY_0300 = new Date('2026-11-28T02:00:00Z');

const services = (now: Date): DialogServices => testServices(now);

interface CardClub {
  name: string;
  status: string;
  facts: Record<string, string>;
  extra: string[];
}

/** What the resident reads on the card: each club's name, status line and facts. */
function cardClubs(activity: Partial<Activity>): CardClub[] {
  const card = activity.attachments?.[0]?.content as { body: { type: string; items?: { type: string; text?: string; facts?: { title: string; value: string }[] }[] }[] };
  return card.body
    .filter((b) => b.type === 'Container')
    .map((c) => {
      const texts = c.items!.filter((i) => i.type === 'TextBlock').map((i) => i.text!);
      const facts = Object.fromEntries(c.items!.find((i) => i.type === 'FactSet')!.facts!.map((f) => [f.title, f.value]));
      return { name: texts[0], status: texts[1], facts, extra: texts.slice(2) };
    });
}

describe('clubs dialog', () => {
  test('English: one message with age, district, interest and time gets a list at once (Thursday 19:00)', async () => {
    const { client } = await dialogClient(new ClubsDialog(services(THURSDAY_1900)), 'en', {
      text: 'anything open tonight near Nørrebro for a 15-year-old who likes football',
    });
    const reply = await client.sendActivity('anything open tonight near Nørrebro for a 15-year-old who likes football');
    expect(reply.text).toBe('Here are the places that fit best:');
    expect(reply.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const clubs = cardClubs(reply);
    expect(clubs.length).toBeGreaterThanOrEqual(3);
    expect(clubs.length).toBeLessThanOrEqual(5);
    // The football club on Nørrebro for 13-18-year-olds, open until 21:30 on Thursdays, comes first.
    expect(clubs[0].name).toBe('Klub Hothers Plads');
    expect(clubs[0].status).toBe('Open this evening · 14:00–21:30');
    expect(clubs[0].facts).toMatchObject({ District: 'Nørrebro', Ages: '13–18 years', Address: expect.any(String) });
    expect(clubs[0].facts.Contact).toContain('@');
    expect(clubs[0].extra).toContain('Helps you find a leisure job');
    // At 19:00 "tonight" means from now: a club that closed at 17:30 is not offered as open tonight.
    for (const c of clubs.filter((x) => x.status.startsWith('Open this evening'))) {
      const lastClose = c.status.split('· ')[1].split(', ').map((range) => range.split('–')[1]).sort().at(-1)!;
      expect(lastClose > '19:00' || lastClose < '06:00').toBe(true);
    }
    // Nobody is sent to a club that does not take 15-year-olds.
    for (const c of clubs) {
      const [min, max] = c.facts.Ages.replace(' years', '').split('–').map(Number);
      expect(min <= 15 && 15 <= max).toBe(true);
    }
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  test('English from the menu: asks age, district, interest and time with buttons, then answers', async () => {
    const { client } = await dialogClient(new ClubsDialog(services(THURSDAY_1000)), 'en', { text: '' });
    let reply = await client.sendActivity('Clubs and leisure');
    expect(reply.text).toContain("Let's find a club");
    reply = client.getNextReply();
    expect(reply.text).toBe('How old is the person the club is for?');
    expect(buttonsOf(reply)).toEqual(['Under 10', '10–12', '13–15', '16–17', '18 or older']);

    reply = await client.sendActivity('not sure');
    // An answer that fits nothing is asked again, with the way out.
    expect(reply.text).toBe('Please write the age as a number, for example 14.\n\nYou can also write "start over" or "talk to a person".');

    reply = await client.sendActivity('she is 12');
    expect(reply.text).toBe('Which part of Copenhagen should it be near?');
    // District names are proper names: Danish on the buttons in every language.
    expect(buttonsOf(reply)).toContain('Amager Øst');
    expect(buttonsOf(reply)).not.toContain('Amager East');
    expect(buttonsOf(reply).at(-1)).toBe('Anywhere in Copenhagen');

    // "Amager" is two districts: the dialog asks which.
    reply = await client.sendActivity('amager');
    expect(reply.text).toBe('Amager has two districts. Which one do you mean?');
    expect(buttonsOf(reply)).toEqual(['Amager Øst', 'Amager Vest']);

    reply = await client.sendActivity('amager');
    expect(reply.text).toMatch(/^Please choose one of the buttons below\./);
    expect(buttonsOf(reply)).toEqual(['Amager Øst', 'Amager Vest']);
    // The English name typed instead of pressing the button is still understood.
    reply = await client.sendActivity('Amager East');
    expect(reply.text).toContain('What do they like doing?');
    expect(buttonsOf(reply)).toContain('Girls only');

    reply = await client.sendActivity('Girls only');
    expect(reply.text).toBe('When would you like to go?');
    expect(buttonsOf(reply)).toEqual(['Now', 'Tonight', 'Tomorrow', 'This weekend', 'Any time']);

    reply = await client.sendActivity('Now');
    // Thursday 10:00: nothing for a 12-year-old girl on Amager is open yet.
    expect(reply.text).toBe('Nothing that fits is open right now. Here is when these places open:');
    const clubs = cardClubs(reply);
    expect(clubs[0].name).toBe('Pigeklubben Amager');
    expect(clubs[0].status).toBe('Closed now · opens today at 15:00');
    expect(clubs[0].facts.District).toBe('Amager Øst');
  });

  test('"open now" is right at any hour: Friday 23:30, after midnight, and at 03:00', async () => {
    const ask = async (now: Date) => {
      const { client } = await dialogClient(new ClubsDialog(services(now)), 'en', { text: 'anything open now for a 17 year old who likes music, anywhere' });
      const reply = await client.sendActivity('x');
      return { reply, clubs: cardClubs(reply) };
    };
    // Friday 23:30: four places for 17-year-olds are open, two until 00:30, two until 01:00; only open ones are shown.
    let { clubs } = await ask(FRIDAY_2330);
    expect(clubs.map((c) => c.name).sort()).toEqual(['Kødbyens Ungeværksted', 'Musikværkstedet Nørrebro', 'NV Musik & Medie', 'Ørestad Ungehus']);
    expect(clubs.find((c) => c.name === 'Kødbyens Ungeværksted')!.status).toBe('Open now, until 00:30');
    expect(clubs.find((c) => c.name === 'NV Musik & Medie')!.status).toBe('Open now, until 01:00');
    // 00:30 on Saturday: Friday's opening still runs past midnight for two of them; the others just closed.
    ({ clubs } = await ask(SATURDAY_0030));
    expect(clubs.map((c) => c.name).sort()).toEqual(['Musikværkstedet Nørrebro', 'NV Musik & Medie']);
    expect(clubs.every((c) => c.status === 'Open now, until 01:00')).toBe(true);
    // 03:00 on Saturday: everything is closed; the next opening is Saturday afternoon/evening.
    const { reply, clubs: closed } = await ask(SATURDAY_0300);
    expect(reply.text).toBe('Nothing that fits is open right now. Here is when these places open:');
    for (const c of closed) expect(c.status).toMatch(/^Closed now · opens (today|tomorrow|Monday|Tuesday) at \d\d:\d\d$/);
  });

  test('Danish: free-text answers in Danish, Saturday, plain text on a channel without cards', async () => {
    // A channel that cannot show Adaptive Cards.
    const { client } = await dialogClient(new ClubsDialog(services(THURSDAY_1000)), 'da', { text: 'min søn på 14 vil gerne spille fodbold' }, THURSDAY_1000, 'sms');
    let reply = await client.sendActivity('min søn på 14 vil gerne spille fodbold');
    // What was understood is said back.
    expect(reply.text).toMatch(/^Det har jeg noteret: .*14.*fodbold/);
    reply = client.getNextReply();
    // "min søn på 14" gave the age and "fodbold" the interest: only district and time are asked.
    expect(reply.text).toBe('Hvilken del af København skal det være i nærheden af?');
    reply = await client.sendActivity('et sted jeg ikke kender');
    expect(reply.text).toContain('Den bydel kender jeg ikke');
    reply = await client.sendActivity('vi bor i Tingbjerg');
    expect(reply.text).toBe('Hvornår skal det være?');
    reply = await client.sendActivity('på lørdag');
    expect(reply.attachments ?? []).toHaveLength(0);
    expect(reply.text).toContain('Her er de steder, der passer bedst:');
    expect(reply.text).toContain('1. Tingbjerg Ungdomsklub – Brønshøj-Husum');
    expect(reply.text).toContain('Åbent lørdag · 16:00–22:00');
    expect(reply.text).toContain('Alder: 13–18 år');
    expect(reply.text).toContain('Hjælper med at finde et fritidsjob');
  });

  test('Arabic (right to left): Arabic words for age, district, interest and time', async () => {
    const { client } = await dialogClient(new ClubsDialog(services(THURSDAY_1000)), 'ar', { text: 'ابني عمره 13 سنة ويحب كرة القدم' });
    let reply = await client.sendActivity('ابني عمره 13 سنة ويحب كرة القدم');
    expect(visible(reply.text)).toMatch(/^فهمت: .*13/);
    reply = client.getNextReply();
    expect(visible(reply.text)).toBe('بالقرب من أي حيّ في كوبنهاغن؟');
    reply = await client.sendActivity('نوربرو');
    expect(visible(reply.text)).toBe('متى تريد الذهاب؟');
    expect(buttonsOf(reply)).toEqual(['الآن', 'الليلة', 'غدًا', 'نهاية الأسبوع', 'في أي وقت']);
    reply = await client.sendActivity('الليلة');
    expect(visible(reply.text)).toBe('إليك أنسب الأماكن التي وجدتها:');
    const card = reply.attachments![0].content as { rtl?: boolean };
    expect(card.rtl).toBe(true);
    const clubs = cardClubs(reply);
    expect(clubs[0].name).toBe('Klub Hothers Plads');
    expect(clubs[0].status).toBe('مفتوح هذا المساء · 14:00–21:30');
    expect(clubs[0].facts['العمر']).toBe('من 13 إلى 18 سنة');
    expect(clubs[0].extra).toContain('يساعد الشباب في إيجاد عمل جزئي');
    // "ابني" is a son: no girls-only club in the list.
    expect(clubs.filter((c) => /pige/i.test(c.name))).toEqual([]);
    expect(clubs[0].facts['الأنشطة']).toBe('كرة القدم، رياضة، مساعدة في الواجبات');
  });

  test('a day and an hour ("Saturday at 12") are checked against that moment', async () => {
    const text = 'boxing for a 16 year old in Valby on Saturday at 12';
    const { client } = await dialogClient(new ClubsDialog(services(THURSDAY_1000)), 'en', { text });
    const clubs = cardClubs(await client.sendActivity(text));
    expect(clubs[0].name).toBe('Valby Kampsport Unge');
    expect(clubs[0].status).toBe('Open Saturday at 12:00');
    // A club closed at that hour says when it opens next.
    for (const c of clubs.slice(1)) expect(c.status).toMatch(/^(Open Saturday at 12:00|Closed Saturday at 12:00 · opens .+ at \d\d:\d\d)$/);
  });

  test('an age no club takes gets an honest answer, not a wrong club', async () => {
    const { client } = await dialogClient(new ClubsDialog(services(THURSDAY_1000)), 'en', { text: 'football club in Valby for a 40 year old, any time' });
    const reply = await client.sendActivity('x');
    expect(reply.text).toContain("I couldn't find a club for that age");
    expect(reply.attachments ?? []).toHaveLength(0);
  });

  // The word lists (locales/<lng>/training/clubs.json) in all nine languages: age, district, interest and
  // "tonight" in one message give the list at once, without a question.
  test.each([
    ['da', 'fodbold til min søn på 15 på Nørrebro i aften'],
    ['en', 'football for my 15 year old son in Nørrebro tonight'],
    ['ar', 'كرة القدم لابني عمره 15 سنة في نوربرو الليلة'],
    ['fa', 'فوتبال برای پسرم ۱۵ ساله در نوربرو امشب'],
    ['pl', 'piłka nożna dla syna 15 lat na Nørrebro dziś wieczorem'],
    ['so', 'kubadda cagta wiilkayga 15 sano Nørrebro caawa'],
    ['tr', "Nørrebro'da 15 yaşında oğlum için futbol bu akşam"],
    ['uk', 'футбол для сина 15 років на Нерребро сьогодні ввечері'],
    ['ur', 'نوربرو میں 15 سال کے بیٹے کے لیے فٹ بال آج رات'],
  ] as const)('%s: one message is enough', async (lang, text) => {
    const { client } = await dialogClient(new ClubsDialog(services(THURSDAY_1900)), lang, { text });
    const reply = await client.sendActivity(text);
    expect(reply.suggestedActions).toBeUndefined();
    const clubs = cardClubs(reply);
    expect(clubs[0].name).toBe('Klub Hothers Plads');
    expect(client.dialogTurnResult.status).toBe('complete');
  });
});
