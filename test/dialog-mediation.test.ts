import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MediationDialog } from '../dialogs/mediation';
import type { DialogServices } from '../dialogs/services';
import { buttonsOf, dialogClient, drain, REFERENCE, testServices, visible } from './helpers/dialogHarness';

const REF = REFERENCE;
const services = () => testServices();

/** Stands in for the `human` dialog (another engineer's), recording how it was begun. */
class HumanStub extends Dialog {
  static begunWith: unknown[] = [];
  constructor() {
    super('human');
  }
  async beginDialog(dc: import('botbuilder-dialogs').DialogContext, options?: unknown): Promise<DialogTurnResult> {
    HumanStub.begunWith.push(options);
    await dc.context.sendActivity('[human handoff]');
    return dc.endDialog({ quiet: true });
  }
}

/** The mediation dialog beside the human stub, as the main dialog registers them. */
class Host extends ComponentDialog {
  constructor(s: DialogServices) {
    super('host');
    this.addDialog(new MediationDialog(s));
    this.addDialog(new HumanStub());
    this.addDialog(new WaterfallDialog('hostFlow', [(step: WaterfallStepContext) => step.beginDialog('mediation', step.options), (step: WaterfallStepContext) => step.endDialog(step.result)]));
    this.initialDialogId = 'hostFlow';
  }
}

describe('neighbour mediation dialog', () => {
  test('English: topic, safety question, talked, housing, steps and contacts from data, request with interpreter', async () => {
    const s = services();
    const { client } = await dialogClient(new Host(s), 'en', { text: '' });

    let reply = await client.sendActivity('neighbour problem');
    expect(reply.text).toContain('What is it about?');
    expect(buttonsOf(reply)).toContain('Noise');
    reply = await client.sendActivity('the music upstairs is too loud every night');
    expect(reply.text).toContain('has anyone threatened you or hurt you');
    expect(buttonsOf(reply)).toEqual(['Yes', 'No']);
    reply = await client.sendActivity('no');
    expect(reply.text).toBe('Have you talked to your neighbour about it?');
    reply = await client.sendActivity('not yet');
    expect(reply.text).toBe('How do you live?');
    reply = await client.sendActivity('Private rental');

    expect(reply.text).toContain('Here is what you can do about noise:');
    expect(reply.text).toContain('1. Talk to your neighbour calmly');
    expect(reply.text).toContain('Write down when the noise happens');
    reply = client.getNextReply();
    expect(reply.text).toContain('Complain to your landlord in writing.');
    expect(reply.text).toContain('City of Copenhagen neighbour mediation (sample): nabomaegling@example.org');
    reply = client.getNextReply();
    expect(reply.text).toContain('Would you like me to send a request to City of Copenhagen neighbour mediation (sample)?');
    expect(reply.text).toContain('It is free. Both neighbours must agree to take part.');
    reply = await client.sendActivity('Yes, send a request');
    expect(reply.text).toContain('Would you like an interpreter at the meeting?');
    expect(buttonsOf(reply)).toEqual(['No, not needed', 'Yes, English', 'Yes, another language']);
    reply = await client.sendActivity('Yes, another language');
    expect(reply.text).toBe('Which language should the interpreter speak?');
    reply = await client.sendActivity('Tigrinya');
    expect(reply.text).toMatch(REF);

    const stored = await s.requests.get(REF.exec(reply.text!)![0]);
    expect(stored).toMatchObject({
      kind: 'mediation',
      language: 'en',
      details: { topic: 'noise', threatenedOrHurt: false, talkedToNeighbour: 'no', housing: 'private_rental', interpreter: { wanted: true, language: 'Tigrinya' } },
    });
    expect(stored!.summary).toBe('Nabomægling: Støj, Privat leje, har ikke talt med naboen, tolk på Tigrinya.');
  });

  test('Danish: the first message fills topic, housing and estate; the boligsocial team is named; no interpreter', async () => {
    const s = services();
    const text = 'min nabo larmer hele natten, vi bor i boligforeningen i Tingbjerg';
    const { client } = await dialogClient(new Host(s), 'da', { text });

    let reply = await client.sendActivity(text);
    // What was understood is said back first; topic, housing and estate are not asked again.
    expect(reply.text).toContain('støj');
    reply = client.getNextReply();
    expect(reply.text).toContain('Har nogen truet dig');
    reply = await client.sendActivity('nej');
    reply = await client.sendActivity('Jeg tør ikke');
    expect(reply.text).toContain('Det kan du gøre ved støj:');
    expect(reply.text).not.toContain('Tal roligt med din nabo');
    expect(reply.text).toContain('Du behøver ikke tale med din nabo alene');
    reply = client.getNextReply();
    expect(reply.text).toContain('Boligsocialt team Tingbjerg-Husum (eksempel): boligsocial-tingbjerg@example.org');
    expect(reply.text).toContain('ejendomskontoret');
    client.getNextReply();
    reply = await client.sendActivity('ja');
    expect(buttonsOf(reply)).toEqual(['Nej, ikke nødvendigt', 'Ja, et andet sprog']);
    reply = await client.sendActivity('Nej, ikke nødvendigt');
    expect(reply.text).toMatch(/Dit referencenummer er BB-/);
    const [stored] = await s.requests.list();
    expect(stored).toMatchObject({
      language: 'da',
      details: { topic: 'noise', talkedToNeighbour: 'afraid', housing: 'social_housing', socialWorker: 'boligsocial-tingbjerg', interpreter: { wanted: false, language: null } },
    });
  });

  test('Arabic (right to left): a request with an Arabic interpreter for the meeting', async () => {
    const s = services();
    const { client } = await dialogClient(new Host(s), 'ar', { text: '' });
    let reply = await client.sendActivity('جاري');
    expect(visible(reply.text)).toContain('ما هي المشكلة؟');
    reply = await client.sendActivity('القمامة');
    expect(visible(reply.text)).toContain('هل هدّدك أحد');
    reply = await client.sendActivity('لا');
    reply = await client.sendActivity('نعم');
    expect(visible(reply.text)).toBe('ما نوع سكنك؟');
    reply = await client.sendActivity('ملك أو سكن تعاوني');
    expect(visible(reply.text)).toContain('هذا ما يمكنك فعله بخصوص القمامة:');
    expect(visible(reply.text)).not.toContain('تحدّث مع جارك بهدوء عن القمامة'); // they already talked
    reply = client.getNextReply();
    expect(visible(reply.text)).toContain('جمعية الملّاك');
    client.getNextReply();
    reply = await client.sendActivity('نعم، أرسل الطلب');
    expect(buttonsOf(reply)).toContain('نعم، العربية');
    reply = await client.sendActivity('نعم، العربية');
    expect(visible(reply.text)).toContain('رقم المرجع الخاص بك هو');
    const stored = await s.requests.get(REF.exec(visible(reply.text))![0]);
    expect(stored).toMatchObject({ language: 'ar', details: { topic: 'rubbish', talkedToNeighbour: 'yes', housing: 'owner', interpreter: { wanted: true, language: 'ar' } } });
    expect(stored!.summary).toContain('tolk på arabisk');
  });

  test('threatened or hurt: safety first (112, police), an urgent handoff, no mediation talk, nothing stored', async () => {
    HumanStub.begunWith = [];
    const s = services();
    const { client } = await dialogClient(new Host(s), 'en', { text: 'my neighbour keeps harassing me' });
    let reply = await client.sendActivity('my neighbour keeps harassing me');
    expect(reply.text).toContain('harassment');
    reply = client.getNextReply();
    expect(reply.text).toContain('has anyone threatened you or hurt you');
    reply = await client.sendActivity('yes');
    expect(reply.text).toContain('call 112');
    expect(reply.text).toContain('call 114');
    expect(reply.text).not.toMatch(/mediation/i);
    expect(client.getNextReply().text).toBe('[human handoff]');
    expect(client.getNextReply()).toBeUndefined();
    expect(HumanStub.begunWith).toEqual([{ reason: 'danger', urgent: true, topic: 'mediation', dangerKind: 'threat', dangerBy: 'word' }]);
    expect(client.dialogTurnResult.status).toBe('complete');
    expect(client.dialogTurnResult.result).toEqual({ quiet: true });
    expect(await s.requests.list()).toEqual([]);
  });

  test('declining the request stores nothing', async () => {
    const s = services();
    const { client } = await dialogClient(new Host(s), 'en', { text: 'the neighbour\'s dog barks all day, I own my flat' });
    await client.sendActivity('x');
    drain(client);
    await client.sendActivity('no');
    drain(client);
    await client.sendActivity('yes');
    drain(client);
    const reply = await client.sendActivity('no');
    expect(reply.text).toContain("I haven't sent anything");
    expect(await s.requests.list()).toEqual([]);
  });

  test('an answer that tells of a threat, in the resident\'s words, counts as yes', async () => {
    HumanStub.begunWith = [];
    const { client } = await dialogClient(new Host(services()), 'ar', { text: 'مشكلة مع الجيران بسبب الإزعاج' });
    await client.sendActivity('مشكلة مع الجيران بسبب الإزعاج');
    drain(client);
    const reply = await client.sendActivity('جاري هددني');
    expect(visible(reply.text)).toContain('112');
    expect(HumanStub.begunWith).toEqual([{ reason: 'danger', urgent: true, topic: 'mediation', dangerKind: 'threat', dangerBy: 'word' }]);
  });
});
