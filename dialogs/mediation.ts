import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { CONFLICT_TOPICS, HOUSING_TYPES, inLanguage, type ConflictTopic, type Contact, type HousingType } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { recordTrace } from '../src/state/turnTrace';
import { TALKED, type MediationInterpreter, type Talked } from '../src/understanding/entities';
import { fill, FormDialog, type FormContext, type Question } from './form';
import { HUMAN_DIALOG, type HumanDialogOptions } from './main';
import type { DialogServices } from './services';

export const MEDIATION_DIALOG = 'mediation';

/** The route id in data/mediation.json that stands for "the housing social team of this estate". */
const HOUSING_SOCIAL_WORKER_REF = 'housing-social-worker';

export interface MediationSlots {
  topic?: ConflictTopic;
  /** Has anyone threatened or hurt them, or are they afraid of it. */
  threatened?: 'yes' | 'no';
  talked?: Talked;
  housing?: HousingType;
  /** The housing social team of their estate, when one is known. */
  socialWorkerId?: string;
  /** The estate was asked about (the answer may have named none we know). */
  estateAsked?: boolean;
  send?: 'yes' | 'no';
  interpreter?: MediationInterpreter;
  interpreterLanguage?: string;
}

/**
 * Neighbour conflict: what it is about, whether anyone is threatened or hurt (then safety first and an
 * urgent handoff, no mediation talk), whether they have talked, the kind of housing. Gives the practical
 * steps and contacts from data/mediation.json, and offers a mediation request (with an interpreter for the
 * meeting if wanted) saved with a reference number.
 */
export class MediationDialog extends FormDialog<MediationSlots> {
  constructor(services: DialogServices) {
    super('mediation', services);
  }

  protected questions(): Question<MediationSlots>[] {
    const yesNo = (yesKey: string, noKey: string) => [
      { value: 'yes' as const, key: yesKey },
      { value: 'no' as const, key: noKey },
    ];
    return [
      {
        slot: 'topic',
        prompt: () => ({ key: 'mediation:askTopic', retryKey: 'mediation:askTopicRetry', choices: CONFLICT_TOPICS.map((c) => ({ value: c, key: `mediation:topic.${c}` })) }),
      },
      {
        // Asked every time, whatever the topic: a threat changes everything that follows.
        slot: 'threatened',
        prompt: () => ({ key: 'mediation:askDanger', retryKey: 'mediation:askDangerRetry', choices: yesNo('mediation:answer.yes', 'mediation:answer.no') }),
        read: (_s, f) => (f.entities.threatened !== undefined ? (f.entities.threatened ? 'yes' : 'no') : f.entities.answer),
      },
      {
        slot: 'talked',
        prompt: () => ({ key: 'mediation:askTalked', retryKey: 'mediation:askTalkedRetry', choices: TALKED.map((k) => ({ value: k, key: `mediation:talked.${k}` })) }),
        read: (_s, f) => f.entities.answer,
      },
      {
        slot: 'housing',
        prompt: () => ({ key: 'mediation:askHousing', retryKey: 'mediation:askHousingRetry', choices: HOUSING_TYPES.map((h) => ({ value: h, key: `mediation:housing.type.${h}` })) }),
      },
      {
        // Only social housing has a housing social team to point to, and it depends on the estate or district.
        slot: 'estateAsked',
        needed: (s) => s.housing === 'social_housing' && !s.socialWorkerId && !s.estateAsked && this.services.catalog.mediation.housingSocialWorkers.length > 0,
        prompt: () => ({ key: 'mediation:askArea', choices: [{ value: true, key: 'mediation:areaUnknown' }] }),
        read: (_s, f) => (f.reading.text ? true : undefined),
      },
      {
        slot: 'send',
        needed: (s) => !s.send && !!this.offer(s.housing!),
        intro: (s, f) => this.advise(s, f),
        prompt: (s, f) => {
          const offer = this.offer(s.housing!)!;
          const facts = [offer.free ? f.t('mediation:offer.free') : '', offer.voluntary ? f.t('mediation:offer.voluntary') : ''].filter(Boolean).join(' ');
          return { key: 'mediation:askSend', args: { offer: inLanguage(offer.name, f.lang), facts }, retryKey: 'mediation:askSendRetry', choices: yesNo('mediation:send.yes', 'mediation:send.no') };
        },
        read: (_s, f) => f.entities.answer,
      },
      {
        // Mediation meetings are held in Danish: offer an interpreter, the conversation's language first.
        slot: 'interpreter',
        needed: (s) => s.send === 'yes' && !s.interpreter && !!this.offer(s.housing!)?.interpreterAvailable,
        prompt: (_s, f) => ({
          key: 'mediation:askInterpreter',
          args: { language: f.t(`mediation:languageName.${f.lang}`) },
          retryKey: 'mediation:askInterpreterRetry',
          choices: (f.lang === 'da' ? (['none', 'other'] as const) : (['none', 'own', 'other'] as const)).map((c) => ({
            value: c,
            key: `mediation:interpreter.${c}`,
            args: { language: f.t(`mediation:languageName.${f.lang}`) },
          })),
        }),
      },
      {
        slot: 'interpreterLanguage',
        needed: (s) => s.interpreter === 'other' && !s.interpreterLanguage,
        prompt: () => ({ key: 'mediation:askInterpreterLanguage' }),
        read: (_s, f) => (f.reading.text.trim().length >= 2 ? f.reading.text.trim().slice(0, 40) : undefined),
      },
    ];
  }

  protected absorb(s: MediationSlots, f: FormContext, asking: string | undefined, override: boolean): void {
    const e = f.entities;
    const answering = (slot: string) => override || asking === slot;
    if (e.conflict) fill(s, 'topic', e.conflict, answering('topic'));
    if (e.housing) fill(s, 'housing', e.housing, answering('housing'));
    if (e.estateTeam) fill(s, 'socialWorkerId', e.estateTeam, answering('estateAsked'));
    if (asking === 'talked' && e.talked) s.talked = e.talked;
    if (asking === 'interpreter' && e.mediationInterpreter) s.interpreter = e.mediationInterpreter;
    if (s.interpreter === 'own') s.interpreterLanguage ??= f.lang;
  }

  protected override async checkpoint(dc: DialogContext, s: MediationSlots, f: FormContext): Promise<DialogTurnResult | undefined> {
    if (s.threatened !== 'yes') return undefined;
    // Safety first: no mediation advice, the emergency numbers, and a person at once.
    const { emergency, policeNonUrgent } = this.services.catalog.helplines;
    await f.context.sendActivity(f.t('mediation:safety', { emergency: emergency.phone, police: policeNonUrgent.phone }));
    const options: HumanDialogOptions = { reason: 'danger', urgent: true, topic: 'mediation', dangerKind: 'threat', dangerBy: 'word' };
    if (!dc.findDialog(HUMAN_DIALOG)) return dc.endDialog({ quiet: true });
    return dc.replaceDialog(HUMAN_DIALOG, options);
  }

  protected override understood(s: MediationSlots, f: FormContext): string | undefined {
    return s.topic ? f.t('mediation:understood', { topic: f.t(`mediation:topic.${s.topic}`).toLowerCase() }) : undefined;
  }

  protected override traceSlots(s: MediationSlots): Record<string, unknown> {
    return { issue: s.topic, housing: s.housing, talked: s.talked === 'afraid' ? 'no' : s.talked };
  }

  protected async finish(dc: DialogContext, s: MediationSlots, f: FormContext): Promise<DialogTurnResult> {
    const { t, lang, context } = f;
    const offer = this.offer(s.housing!);
    if (!offer) {
      await this.advise(s, f);
      return dc.endDialog();
    }
    if (s.send !== 'yes') {
      await context.sendActivity(t('mediation:notSent'));
      return dc.endDialog();
    }
    const da = { lng: 'da' };
    const worker = this.services.catalog.mediation.housingSocialWorkers.find((w) => w.id === s.socialWorkerId);
    const interpreterDa = !s.interpreter || s.interpreter === 'none' ? t('mediation:staff.noInterpreter', da) : t('mediation:staff.interpreter', { ...da, language: languageLabel(t, s.interpreterLanguage ?? lang, 'da') });
    const saved = await this.services.requests.save({
      kind: 'mediation',
      language: lang,
      conversationId: context.activity.conversation.id,
      userId: context.activity.from.id,
      summary: t('mediation:staff.summary', {
        ...da,
        topic: t(`mediation:topic.${s.topic}`, da),
        housing: t(`mediation:housing.type.${s.housing}`, da),
        talked: t(`mediation:staff.talked.${s.talked}`, da),
        interpreter: interpreterDa,
      }),
      details: {
        topic: s.topic,
        threatenedOrHurt: false,
        talkedToNeighbour: s.talked,
        housing: s.housing,
        socialWorker: worker?.id ?? null,
        offer: offer.id,
        interpreter: { wanted: !!s.interpreter && s.interpreter !== 'none', language: !s.interpreter || s.interpreter === 'none' ? null : (s.interpreterLanguage ?? null) },
      },
    });
    recordTrace(context, { reference: saved.reference });
    await context.sendActivity(t('mediation:saved', { reference: saved.reference, offer: inLanguage(offer.name, lang) }));
    return dc.endDialog({ reference: saved.reference });
  }

  // -------------------------------------------------------------------------------------------------

  private offer(housing: HousingType) {
    return this.services.catalog.mediation.offers.find((o) => o.forHousing.includes(housing));
  }

  /** What to do about this kind of conflict, and where to turn for this kind of housing. */
  private async advise(s: MediationSlots, f: FormContext): Promise<void> {
    const { t, lang, context } = f;
    const catalog = this.services.catalog;
    const numbers = { emergency: catalog.helplines.emergency.phone, police: catalog.helplines.policeNonUrgent.phone };
    // Talking first is left out for someone who already has, or who does not dare to; mediation is offered once, at the end.
    const topicSteps = catalog
      .mediationTopic(s.topic!)
      .stepKeys.filter((k) => !/\.offerMediation/.test(k))
      .filter((k) => s.talked === 'no' || !k.endsWith('.talkFirst'))
      .map((k) => t(k, numbers));
    const lines = [t('mediation:stepsIntro', { topic: t(`mediation:topic.${s.topic}`).toLowerCase() }), ...topicSteps.map((step, i) => `${i + 1}. ${step}`)];
    if (s.talked === 'afraid') lines.push(t('mediation:notAlone'));
    await context.sendActivity(lines.join('\n'));

    const route = catalog.mediation.housingRoutes.find((r) => r.housing === s.housing) ?? catalog.mediation.housingRoutes.find((r) => r.housing === 'other')!;
    const worker = catalog.mediation.housingSocialWorkers.find((w) => w.id === s.socialWorkerId);
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
    await context.sendActivity([t('mediation:whereIntro'), ...housingSteps, ...(contacts.length ? ['', t('mediation:contactsIntro'), ...contacts] : [])].join('\n'));
  }
}

function contactText(t: TFunction, contact: Contact): string {
  const parts = [contact.phone ? t('mediation:contact.phone', { phone: contact.phone }) : '', contact.email ?? '', contact.website ?? ''].filter(Boolean);
  return parts.join(', ');
}

/** One of the bot's languages by its name, or what the resident typed. */
function languageLabel(t: TFunction, language: string, lng: Lang): string {
  return t(`mediation:languageName.${language}`, { lng, defaultValue: language });
}
