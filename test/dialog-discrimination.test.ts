import type { Activity } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Lang } from '../src/language/languages';
import { DiscriminationDialog } from '../dialogs/discrimination';
import type { HumanDialogOptions } from '../dialogs/main';
import type { DialogServices } from '../dialogs/services';
import { buttonsOf, dialogClient, REFERENCE, testServices, visible } from './helpers/dialogHarness';

const services = () => testServices();
const REF = REFERENCE;

/**
 * Stands in for the main dialog: begins the complaint dialog with the first message, and has a `human`
 * dialog beside it (as main does) that just says who it was asked to take over.
 */
class Root extends ComponentDialog {
  constructor(s: DialogServices, text: string) {
    super('root');
    this.addDialog(new DiscriminationDialog(s));
    this.addDialog(
      new WaterfallDialog('human', [
        async (step: WaterfallStepContext) => {
          const o = step.options as HumanDialogOptions;
          await step.context.sendActivity(`HUMAN reason=${o.reason} urgent=${o.urgent} topic=${o.topic}`);
          // As the real handoff dialog does: no "anything else?" menu after a person takes over.
          return step.endDialog({ quiet: true });
        },
      ]),
    );
    this.addDialog(
      new WaterfallDialog('rootFlow', [
        (step: WaterfallStepContext) => step.beginDialog('discrimination', { text }),
        (step: WaterfallStepContext) => step.endDialog(step.result),
      ]),
    );
    this.initialDialogId = 'rootFlow';
  }
}

async function start(lang: Lang, text: string) {
  const s = services();
  const { client } = await dialogClient(new Root(s, text), lang);
  return { s, client };
}

/** Every reply up to and including the next prompt (a message with buttons). */
function untilPrompt(first: Partial<Activity>, client: { getNextReply(): Partial<Activity> | undefined }): Partial<Activity>[] {
  const out = [first];
  let next = first;
  while (!next.suggestedActions && (next = client.getNextReply()!)) out.push(next);
  return out;
}

describe('discrimination dialog', () => {
  test('English: the account in the first message fills where and why; rights, body, drafts, consent, reference', async () => {
    const story = 'I was refused entry to a nightclub on Saturday, the bouncer said no black guys tonight';
    const { s, client } = await start('en', story);

    let reply = await client.sendActivity(story);
    expect(reply.text).toContain('Thank you for telling me');
    reply = client.getNextReply();
    // Where (nightlife) and why (skin colour) were in the account: only "when" is asked.
    expect(reply.text).toBe('When did it happen? Choose below, or write the date.');
    expect(buttonsOf(reply)).toEqual(['Today', 'This week', 'This month', 'Within the last year', 'More than a year ago']);

    reply = await client.sendActivity('This week');
    const activities = untilPrompt(reply, client);
    const messages = activities.map((a) => a.text ?? '');
    const [rights, body, introDa, draftDa, introOwn, draftOwn, consent] = messages;
    expect(rights).toContain('skin colour');
    expect(body).toContain('The place to complain is Ligebehandlingsnævnet (Board of Equal Treatment – decides complaints about discrimination).');
    // The Board has no fixed deadline: no invented date, the data's note instead.
    expect(body).not.toContain('Deadline:');
    expect(body).toContain('There is no fixed deadline for complaining to the Board');
    expect(body).toContain('It is free.');
    expect(body).toContain('https://ast.dk/naevn/ligebehandlingsnaevnet');
    // Refusing entry because of skin colour is also a crime: the police report is offered beside the Board.
    expect(body).toContain('Politiet (the police – for reporting discrimination that is a crime) – https://politi.dk – Phone: 114');
    expect(body).toContain('Institut for Menneskerettigheder (Danish Institute for Human Rights – free advice if you have been discriminated against) – https://www.humanrights.dk');
    expect(introDa).toContain('Here it is in Danish');
    expect(draftDa).toContain('Klage over forskelsbehandling');
    expect(draftDa).toContain('Til: Ligebehandlingsnævnet');
    expect(draftDa).toContain('(skrevet på engelsk)');
    expect(draftDa).toContain(`»${story}«`);
    expect(draftDa).toContain('Hvor: Natteliv eller butikker');
    expect(draftDa).toContain('Hvornår: I denne uge');
    expect(draftDa).toContain('på grund af: Hudfarve');
    expect(introOwn).toContain('in English');
    expect(draftOwn).toContain('Complaint about discrimination');
    expect(draftOwn).toContain(`“${story}”`);
    expect(draftOwn).toContain('Where: Nightlife or shops');
    expect(consent).toContain('Shall I save this draft');
    expect(buttonsOf(activities.at(-1))).toEqual(['Yes, save it', "No, don't save it"]);

    // Nothing is stored before the resident says yes.
    expect(await s.requests.list()).toHaveLength(0);
    reply = await client.sendActivity('Yes, save it');
    expect(reply.text).toMatch(REF);
    const reference = REF.exec(reply.text!)![0];
    const stored = await s.requests.get(reference);
    expect(stored).toMatchObject({ kind: 'complaint', language: 'en', status: 'new' });
    expect(stored!.summary).toBe('Klage over forskelsbehandling – Natteliv eller butikker, Hudfarve. Modtager: Ligebehandlingsnævnet.');
    expect(stored!.details).toMatchObject({ area: 'nightlife_shops', ground: 'skin_colour', when: 'thisWeek', body: 'ligebehandlingsnaevnet', story });
    expect(stored!.details.draftDa).toBe(draftDa);
    expect(stored!.details.draftResidentLanguage).toBe(draftOwn);

    reply = client.getNextReply();
    expect(reply.text).toContain('Would you like to talk to a person');
    reply = await client.sendActivity('No, thank you');
    expect(reply).toBeUndefined();
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  test('Danish from the menu: listens first, asks why with buttons, police deadline from data, no consent means nothing stored, a person on request', async () => {
    const { s, client } = await start('da', '');
    let reply = await client.sendActivity('Forskelsbehandling');
    expect(reply.text).toContain('Fortæl med dine egne ord, hvad der skete');

    reply = await client.sendActivity('Politiet stoppede mig og visiterede mig midt på gaden uden nogen grund');
    expect(reply.text).toContain('Tak, fordi du fortæller mig det');
    reply = client.getNextReply();
    expect(reply.text).toBe('Hvornår skete det? Vælg herunder, eller skriv datoen.');

    reply = await client.sendActivity('den 15. november om aftenen');
    expect(reply.text).toBe('Hvorfor tror du, at du blev behandlet anderledes?');
    expect(buttonsOf(reply)).toContain('Etnisk oprindelse');

    reply = await client.sendActivity('det ved jeg ikke rigtig');
    expect(reply.text).toContain('Vælg gerne grunden med knapperne herunder');
    reply = await client.sendActivity('Etnisk oprindelse');
    const messages = untilPrompt(reply, client).map((a) => a.text ?? '');
    expect(messages[0]).toContain('Politiet skal behandle alle lige');
    expect(messages[1]).toContain('Det rigtige sted at klage er Den Uafhængige Politiklagemyndighed.');
    expect(messages[1]).toContain('Frist: 6 måneder fra den dag, det skete.');
    expect(messages[1]).toContain('https://politiklagemyndigheden.dk');
    // Danish resident: one draft, in Danish, with their words and the time as they wrote it.
    expect(messages).toHaveLength(5);
    expect(messages[3]).toContain('»Politiet stoppede mig og visiterede mig midt på gaden uden nogen grund«');
    expect(messages[3]).toContain('Hvornår: »den 15. november om aftenen« (med mine egne ord)');
    expect(messages[3]).toContain('(skrevet på dansk)');

    reply = await client.sendActivity('Nej, gem det ikke');
    expect(reply.text).toBe('Okay, jeg har ikke gemt noget. Udkastet findes kun her i vores chat.');
    expect(await s.requests.list()).toHaveLength(0);
    reply = client.getNextReply();
    expect(buttonsOf(reply)).toEqual(['Ja, tal med en person', 'Nej tak']);
    reply = await client.sendActivity('Ja, tal med en person');
    expect(reply.text).toBe('HUMAN reason=asked urgent=false topic=discrimination');
    expect(client.dialogTurnResult.status).toBe('complete');
    expect(client.dialogTurnResult.result).toEqual({ quiet: true });
  });

  test('Arabic (right to left): account in Arabic, Danish draft marks it as Arabic, Arabic copy, stored with consent', async () => {
    const { s, client } = await start('ar', 'أريد تقديم شكوى');
    let reply = await client.sendActivity('أريد تقديم شكوى');
    expect(visible(reply.text)).toContain('احكِ لي بكلماتك ماذا حدث');

    const story = 'رفض صاحب الشقة أن يؤجرني عندما سمع اسمي العربي';
    reply = await client.sendActivity(story);
    expect(visible(reply.text)).toContain('شكرًا لأنك أخبرتني');
    reply = client.getNextReply();
    expect(visible(reply.text)).toBe('متى حدث ذلك؟ اختر من الأزرار أدناه، أو اكتب التاريخ.');

    reply = await client.sendActivity('هذا الشهر');
    const messages = untilPrompt(reply, client).map((a) => visible(a.text));
    expect(messages[0]).toContain('في السكن والمحلات');
    // The body's name stays Danish (it is what the resident will look for), explained in Arabic, no English.
    expect(messages[1]).toContain('الجهة الصحيحة لتقديم الشكوى هي Ligebehandlingsnævnet (مجلس المساواة في المعاملة – ينظر في الشكاوى من التمييز ويبتّ فيها).');
    expect(messages[1]).not.toContain('Board of Equal Treatment');
    expect(messages[3]).toContain('(skrevet på arabisk)');
    expect(messages[3]).toContain(`»${story}«`);
    expect(messages[3]).toContain('Hvor: Bolig');
    expect(messages[3]).toContain('på grund af: Etnisk oprindelse');
    expect(messages[3]).toContain('Hvornår: I denne måned');
    expect(messages[4]).toContain('بالعربية');
    expect(messages[5]).toContain('شكوى بشأن التمييز');
    expect(messages[5]).toContain(`«${story}»`);
    expect(messages[5]).toContain('المكان: السكن');

    reply = await client.sendActivity('نعم، احفظها');
    expect(visible(reply.text)).toMatch(REF);
    const stored = await s.requests.get(REF.exec(reply.text!)![0]);
    expect(stored).toMatchObject({ kind: 'complaint', language: 'ar' });
    expect(stored!.details).toMatchObject({ area: 'housing', ground: 'ethnic_origin', when: 'thisMonth', story });

    reply = client.getNextReply();
    reply = await client.sendActivity('لا، شكرًا');
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  test('where no body decides such cases (age, housing), it says so and gives advice instead of a wrong address', async () => {
    const story = 'The landlord told me I am too old to rent the apartment, he wants young tenants';
    const { client } = await start('en', story);
    await client.sendActivity(story);
    client.getNextReply();
    const reply = await client.sendActivity('Today');
    const body = untilPrompt(reply, client).map((a) => a.text ?? '')[1];
    expect(body).toContain('No public board decides this kind of case');
    expect(body).not.toContain('The place to complain is');
    expect(body).toContain('Institut for Menneskerettigheder');
  });

  // The word lists (locales/<lng>/training/discrimination.json) in all nine languages: where and why are
  // understood from the account, so only "when" is asked before the advice.
  test.each([
    ['da', 'Dørmanden på natklubben ville ikke lukke mig ind fordi jeg er sort', 'nightlife_shops', 'skin_colour'],
    ['en', 'My boss said I am too old for this job and gave it to someone younger', 'work', 'age'],
    ['ar', 'الشرطة أوقفتني وفتشتني في الشارع فقط لأنني عربي', 'police', 'ethnic_origin'],
    ['fa', 'صاحبخانه آپارتمان را به من اجاره نداد چون حجاب دارم', 'housing', 'religion'],
    ['pl', 'W szkole nauczyciel traktuje moją córkę gorzej, bo jest muzułmanką', 'education', 'religion'],
    ['so', 'Dhakhtarka isbitaalka ma uusan i daweyn sababtoo ah waxaan ahay naafo', 'health', 'disability'],
    ['tr', 'İşyerinde patronum başörtüm yüzünden bana farklı davranıyor ve maaşımı düşürdü', 'work', 'religion'],
    ['uk', 'У лікарні лікар відмовився мене приймати, бо я українка і маю акцент', 'health', 'ethnic_origin'],
    ['ur', 'پولیس نے مجھے سڑک پر روکا اور تلاشی لی صرف اس لیے کہ میں پاکستانی ہوں', 'police', 'ethnic_origin'],
  ] as const)('%s: where and why are read from the account', async (lang, story, area, ground) => {
    const { s, client } = await start(lang, story);
    await client.sendActivity(story);
    const whenPrompt = client.getNextReply();
    const firstWhen = buttonsOf(whenPrompt)[0];
    expect(firstWhen).toBeTruthy();
    const consent = untilPrompt(await client.sendActivity(firstWhen), client).at(-1)!;
    await client.sendActivity(buttonsOf(consent)[0]);
    const [stored] = await s.requests.list();
    expect(stored.details).toMatchObject({ area, ground, when: 'today', story });
    expect(stored.language).toBe(lang);
  });
});
