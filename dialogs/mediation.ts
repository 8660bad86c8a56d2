import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { CONFLICT_TOPICS, HOUSING_TYPES, inLanguage, type ConflictTopic, type Contact, type HousingSocialWorker, type HousingType } from '../src/catalog';
import { HOUSING_SOCIAL_WORKER_REF } from '../src/catalog/crossChecks';
import { normalizeText } from '../src/language/normalize';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import type { Lang } from '../src/language/languages';
import { WordLists } from './interpreter';
import { HUMAN_DIALOG, type HumanDialogOptions } from './main';
import { LocalizedChoicePrompt, LocalizedTextPrompt, localized } from './prompts';
import type { DialogServices } from './services';

export const MEDIATION_DIALOG = 'mediation';

type Talked = 'yes' | 'no' | 'afraid';
const TALKED: Talked[] = ['yes', 'no', 'afraid'];
type InterpreterChoice = 'none' | 'own' | 'other';

interface MediationDraft {
  topic?: ConflictTopic;
  talked?: Talked;
  housing?: HousingType;
  /** The boligsocial team for the resident's estate or district, when the data has one. */
  socialWorkerId?: string;
  /** True once the resident said someone is threatened or hurt: the rest of the dialog is skipped. */
  handedOver?: boolean;
  interpreter?: InterpreterChoice;
  interpreterLanguage?: string;
}

const ASK_TOPIC = 'mediation.topic';
const ASK_DANGER = 'mediation.danger';
const ASK_TALKED = 'mediation.talked';
const ASK_HOUSING = 'mediation.housing';
const ASK_AREA = 'mediation.area';
const ASK_SEND = 'mediation.send';
const ASK_INTERPRETER = 'mediation.interpreter';
const ASK_INTERPRETER_LANGUAGE = 'mediation.interpreterLanguage';

/**
 * Neighbour conflict: what it is about, whether anyone is threatened or hurt (then safety first and an
 * urgent handoff, no mediation talk), whether they have talked, and the kind of housing. Gives the practical
 * steps and contacts from data/mediation.json, and offers a mediation request (with an interpreter for the
 * meeting if wanted) saved with a reference number.
 */
export class MediationDialog extends ComponentDialog {
  private readonly words: WordLists;

  constructor(private readonly services: DialogServices) {
    super(MEDIATION_DIALOG);
    this.words = WordLists.load(services.localesDir, 'mediation');
    this.addDialog(new LocalizedChoicePrompt(ASK_TOPIC, this.words.validator('topics')));
    // Words of threat or harm count as yes: when unsure, safety first.
    this.addDialog(new LocalizedChoicePrompt(ASK_DANGER, this.words.validator('danger')));
    this.addDialog(new LocalizedChoicePrompt(ASK_TALKED, this.words.validator('talked')));
    this.addDialog(new LocalizedChoicePrompt(ASK_HOUSING, this.words.validator('housing')));
    this.addDialog(new LocalizedTextPrompt(ASK_AREA));
    this.addDialog(new LocalizedChoicePrompt(ASK_SEND, this.words.validator('answers')));
    this.addDialog(new LocalizedChoicePrompt(ASK_INTERPRETER, this.words.validator('interpreter')));
    this.addDialog(new LocalizedTextPrompt(ASK_INTERPRETER_LANGUAGE, async (p) => (p.recognized.value ?? '').trim().length >= 2));
    this.addDialog(
      new WaterfallDialog('mediation.flow', [
        this.prefillStep.bind(this),
        this.topicStep.bind(this),
        this.dangerStep.bind(this),
        this.safetyOrTalkedStep.bind(this),
        this.housingStep.bind(this),
        this.areaStep.bind(this),
        this.adviceStep.bind(this),
        this.interpreterStep.bind(this),
        this.interpreterLanguageStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
    this.initialDialogId = 'mediation.flow';
  }

  private draft(step: WaterfallStepContext): MediationDraft {
    const values = step.values as { draft?: MediationDraft };
    return (values.draft ??= {});
  }

  /** "The neighbour's music is loud every night, we live in social housing in Tingbjerg": nothing asked twice. */
  private async prefillStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = ((step.options as { text?: string } | undefined)?.text ?? '').trim();
    const draft = this.draft(step);
    if (text) {
      const lang = turnLanguage(step.context);
      draft.topic = this.words.match('topics', text, lang) as ConflictTopic | undefined;
      draft.housing = this.words.match('housing', text, lang) as HousingType | undefined;
      draft.socialWorkerId = this.findSocialWorker(text)?.id;
    }
    return step.next();
  }

  private async topicStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.draft(step).topic) return step.next();
    return step.prompt(
      ASK_TOPIC,
      localized({ promptKey: 'mediation:askTopic', retryKey: 'mediation:askTopicRetry', choiceKeys: CONFLICT_TOPICS.map((c) => `mediation:topic.${c}`) }),
    );
  }

  /** Asked every time, whatever the topic: a threat changes everything that follows. */
  private async dangerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.topic) draft.topic = CONFLICT_TOPICS[(step.result as FoundChoice).index];
    return step.prompt(
      ASK_DANGER,
      localized({ promptKey: 'mediation:askDanger', retryKey: 'mediation:askDangerRetry', choiceKeys: ['mediation:answer.yes', 'mediation:answer.no'] }),
    );
  }

  private async safetyOrTalkedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if ((step.result as FoundChoice).index === 0) {
      // Safety first: no mediation advice, the emergency numbers, and a person at once.
      draft.handedOver = true;
      const { emergency, policeNonUrgent } = this.services.catalog.helplines;
      await step.context.sendActivity(turnT(step.context)('mediation:safety', { emergency: emergency.phone, police: policeNonUrgent.phone }));
      const options: HumanDialogOptions = { reason: 'danger', urgent: true, topic: 'mediation' };
      // In a partial build without the handoff dialog, the numbers above are the most we can give.
      if (!step.findDialog(HUMAN_DIALOG)) return step.endDialog({ quiet: true });
      return step.beginDialog(HUMAN_DIALOG, options);
    }
    return step.prompt(
      ASK_TALKED,
      localized({ promptKey: 'mediation:askTalked', retryKey: 'mediation:askTalkedRetry', choiceKeys: TALKED.map((k) => `mediation:talked.${k}`) }),
    );
  }

  private async housingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    // The person who took over says goodbye; no menu after an urgent handoff.
    if (draft.handedOver) return step.endDialog({ quiet: true });
    draft.talked = TALKED[(step.result as FoundChoice).index];
    if (draft.housing) return step.next();
    return step.prompt(
      ASK_HOUSING,
      localized({ promptKey: 'mediation:askHousing', retryKey: 'mediation:askHousingRetry', choiceKeys: HOUSING_TYPES.map((h) => `mediation:housing.type.${h}`) }),
    );
  }

  /** Only social housing has a boligsocial team to point to, and it depends on the estate or district. */
  private async areaStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.housing) draft.housing = HOUSING_TYPES[(step.result as FoundChoice).index];
    if (draft.housing !== 'social_housing' || draft.socialWorkerId || this.services.catalog.mediation.housingSocialWorkers.length === 0) return step.next();
    return step.prompt(ASK_AREA, localized({ promptKey: 'mediation:askArea', suggestionKeys: ['mediation:areaUnknown'] }));
  }

  private async adviceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const t = turnT(step.context);
    const lang = turnLanguage(step.context);
    const catalog = this.services.catalog;
    if (typeof step.result === 'string') draft.socialWorkerId = this.findSocialWorker(step.result)?.id;
    const numbers = { emergency: catalog.helplines.emergency.phone, police: catalog.helplines.policeNonUrgent.phone };

    // What to do about this kind of conflict. Talking first is left out for someone who already has, or who
    // does not dare to; mediation is offered once, at the end.
    const topicSteps = catalog
      .mediationTopic(draft.topic!)
      .stepKeys.filter((k) => !/\.offerMediation/.test(k))
      .filter((k) => draft.talked === 'no' || !k.endsWith('.talkFirst'))
      .map((k) => t(k, numbers));
    const lines = [t('mediation:stepsIntro', { topic: t(`mediation:topic.${draft.topic}`).toLowerCase() }), ...topicSteps.map((s, i) => `${i + 1}. ${s}`)];
    if (draft.talked === 'afraid') lines.push(t('mediation:notAlone'));
    await step.context.sendActivity(lines.join('\n'));

    // Where to turn, for this kind of housing.
    const route = catalog.mediation.housingRoutes.find((r) => r.housing === draft.housing) ?? catalog.mediation.housingRoutes.find((r) => r.housing === 'other')!;
    const worker = catalog.mediation.housingSocialWorkers.find((w) => w.id === draft.socialWorkerId);
    const contacts: string[] = [];
    for (const ref of route.firstContacts) {
      if (ref === HOUSING_SOCIAL_WORKER_REF) {
        if (worker) contacts.push(`• ${inLanguage(worker.name, lang)}: ${contactText(t, worker.contact)}`);
        continue;
      }
      const offer = catalog.mediation.offers.find((o) => o.id === ref);
      if (offer) contacts.push(`• ${inLanguage(offer.name, lang)}: ${contactText(t, offer.contact)}`);
    }
    const housingSteps = route.stepKeys
      .filter((k) => !/\.offerMediation/.test(k))
      .filter((k) => worker || !k.endsWith('.contactHousingSocialTeam'))
      .map((k) => `• ${t(k, numbers)}`);
    await step.context.sendActivity([t('mediation:whereIntro'), ...housingSteps, ...(contacts.length ? ['', t('mediation:contactsIntro'), ...contacts] : [])].join('\n'));

    const offer = this.mediationOffer(draft.housing!);
    if (!offer) return step.endDialog();
    const facts = { keys: [offer.free ? 'mediation:offer.free' : '', offer.voluntary ? 'mediation:offer.voluntary' : ''].filter(Boolean) };
    return step.prompt(
      ASK_SEND,
      localized({
        promptKey: 'mediation:askSend',
        args: { offer: inLanguage(offer.name, lang), facts },
        retryKey: 'mediation:askSendRetry',
        choiceKeys: ['mediation:send.yes', 'mediation:send.no'],
      }),
    );
  }

  /** Mediation meetings are held in Danish: offer an interpreter, the conversation's language first. */
  private async interpreterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnT(step.context);
    if ((step.result as FoundChoice).index !== 0) {
      await step.context.sendActivity(t('mediation:notSent'));
      return step.endDialog();
    }
    const offer = this.mediationOffer(this.draft(step).housing!);
    const lang = turnLanguage(step.context);
    if (!offer?.interpreterAvailable) {
      this.draft(step).interpreter = 'none';
      return step.next();
    }
    const choices: InterpreterChoice[] = lang === 'da' ? ['none', 'other'] : ['none', 'own', 'other'];
    (step.values as { interpreterChoices?: InterpreterChoice[] }).interpreterChoices = choices;
    return step.prompt(
      ASK_INTERPRETER,
      localized({
        promptKey: 'mediation:askInterpreter',
        args: { language: { keys: [`mediation:languageName.${lang}`] } },
        retryKey: 'mediation:askInterpreterRetry',
        choiceKeys: choices.map((c) => `mediation:interpreter.${c}`),
      }),
    );
  }

  private async interpreterLanguageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.interpreter) {
      const choices = (step.values as { interpreterChoices: InterpreterChoice[] }).interpreterChoices;
      draft.interpreter = choices[(step.result as FoundChoice).index];
    }
    if (draft.interpreter === 'own') draft.interpreterLanguage = turnLanguage(step.context);
    if (draft.interpreter === 'other') {
      return step.prompt(ASK_INTERPRETER_LANGUAGE, localized({ promptKey: 'mediation:askInterpreterLanguage' }));
    }
    return step.next();
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.interpreter === 'other') draft.interpreterLanguage = String(step.result).trim();
    const t = turnT(step.context);
    const lang = turnLanguage(step.context);
    const da = { lng: 'da' };
    const offer = this.mediationOffer(draft.housing!)!;
    const worker = this.services.catalog.mediation.housingSocialWorkers.find((w) => w.id === draft.socialWorkerId);
    const interpreterDa = draft.interpreter === 'none' ? t('mediation:staff.noInterpreter', da) : t('mediation:staff.interpreter', { ...da, language: this.languageLabel(t, draft.interpreterLanguage!, 'da') });
    const saved = await this.services.requests.save({
      kind: 'mediation',
      language: lang,
      conversationId: step.context.activity.conversation.id,
      userId: step.context.activity.from.id,
      summary: t('mediation:staff.summary', {
        ...da,
        topic: t(`mediation:topic.${draft.topic}`, da),
        housing: t(`mediation:housing.type.${draft.housing}`, da),
        talked: t(`mediation:staff.talked.${draft.talked}`, da),
        interpreter: interpreterDa,
      }),
      details: {
        topic: draft.topic,
        threatenedOrHurt: false,
        talkedToNeighbour: draft.talked,
        housing: draft.housing,
        socialWorker: worker?.id ?? null,
        offer: offer.id,
        interpreter: { wanted: draft.interpreter !== 'none', language: draft.interpreter === 'none' ? null : draft.interpreterLanguage },
      },
    });
    await step.context.sendActivity(t('mediation:saved', { reference: saved.reference, offer: inLanguage(offer.name, lang) }));
    return step.endDialog({ reference: saved.reference });
  }

  // -------------------------------------------------------------------------------------------------

  private mediationOffer(housing: HousingType) {
    return this.services.catalog.mediation.offers.find((o) => o.forHousing.includes(housing));
  }

  /** The estate's name ("Mjølnerparken") first, then the district ("Nørrebro"). */
  private findSocialWorker(text: string): HousingSocialWorker | undefined {
    const workers = this.services.catalog.mediation.housingSocialWorkers;
    const norm = ` ${normalizeText(text)} `;
    const byArea = workers.find((w) => w.areas.some((a) => norm.includes(` ${normalizeText(a)} `)));
    if (byArea) return byArea;
    const district = this.services.catalog.findDistrict(text);
    return district ? workers.find((w) => w.district === district.id) : undefined;
  }

  /** One of the bot's languages by its name, or what the resident typed. */
  private languageLabel(t: TFunction, language: string, lng: Lang): string {
    return t(`mediation:languageName.${language}`, { lng, defaultValue: language });
  }
}

function contactText(t: TFunction, contact: Contact): string {
  const parts = [contact.phone ? t('mediation:contact.phone', { phone: contact.phone }) : '', contact.email ?? '', contact.website ?? ''].filter(Boolean);
  return parts.join(', ');
}
