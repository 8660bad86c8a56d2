import { ActionTypes, MessageFactory } from 'botbuilder';
import { Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { DIRECTORY_TOPICS, inLanguage, type DirectoryEntry, type DirectoryTopic } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { normalizeText } from '../src/language/normalize';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import { turnData } from '../src/state/turnData';
import { recordTrace } from '../src/state/turnTrace';
import { turnUnderstanding } from '../src/state/turnUnderstanding';
import type { DialogServices } from './services';

export const INFORMATION_DIALOG = 'information';
/** Entries shown for one question: enough to choose from, few enough to read. */
const SHOWN = 3;
/** Below this the topic model is not sure: the resident picks from the likeliest topics. */
const SURE_OF_TOPIC = 0.35;

/**
 * Everything else the city helps with, from the referral directory (data/directory.json): Danish lessons,
 * mentors after prison, family support, crisis psychologists, advice on radicalisation, leisure jobs,
 * volunteering, Borgerservice, legal aid, tenants' advice. Answers with the 1–3 entries that fit (what each is
 * and how to reach it, in the resident's language) and offers a person.
 */
export class InformationDialog extends Dialog {
  constructor(private readonly services: DialogServices) {
    super(INFORMATION_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: { outOfScope?: boolean; text?: string }): Promise<DialogTurnResult> {
    // Nothing the city's assistant does: an honest "not here", Borgerservice for most municipal matters, a person.
    if (options?.outOfScope) return this.answer(dc, 'borgerservice', 'information:outOfScope');
    const understood = turnUnderstanding(dc.context);
    // Begun with an earlier message (a change of course agreed to with "yes" or "1"): its topic is the one.
    const reading = options?.text && understood?.reread && options.text.trim() !== understood.reading.text ? understood.reread(options.text) : understood?.reading;
    // The menu's "Other help" names no topic: the topics are offered.
    const topic = options?.text === '' ? undefined : reading?.intent.topic;
    if (topic && reading && (reading.intent.topicConfidence ?? 0) >= SURE_OF_TOPIC) return this.answer(dc, topic);
    // Not sure which: the topics as buttons (the likeliest first).
    dc.activeDialog!.state = { asking: true };
    const t = turnT(dc.context);
    const order: DirectoryTopic[] = topic ? [topic, ...DIRECTORY_TOPICS.filter((x) => x !== topic)] : [...DIRECTORY_TOPICS];
    await dc.context.sendActivity(MessageFactory.suggestedActions(order.map((x) => t(`information:topic.${x}`)).map((title) => ({ type: ActionTypes.ImBack, title, value: title })), t('information:whichTopic')));
    recordTrace(dc.context, { route: 'information', asked: 'topic' });
    return { status: DialogTurnStatus.waiting };
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const t = turnT(dc.context);
    const reading = turnUnderstanding(dc.context)?.reading;
    const said = normalizeText(reading?.text ?? '');
    const picked = DIRECTORY_TOPICS.find((x) => normalizeText(t(`information:topic.${x}`)) === said) ?? (reading?.intent.route === 'information' ? reading.intent.topic : undefined);
    if (picked) return this.answer(dc, picked);
    // Not one of the topics: the router reads the message afresh.
    return dc.endDialog({ reroute: true });
  }

  private async answer(dc: DialogContext, topic: DirectoryTopic, introKey = 'information:intro'): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = turnT(context);
    const lang = turnLanguage(context);
    const e = turnUnderstanding(context)?.reading.entities;
    const district = e?.district;
    const entries = this.services.catalog.directoryFor(topic, { district, age: e?.age }).slice(0, SHOWN);
    const shown = entries.length ? entries : this.services.catalog.directoryFor(topic).slice(0, SHOWN);
    const text = [t(introKey, { topic: t(`information:topic.${topic}`).toLowerCase() }), ...shown.map((x) => entryText(x, t, lang))].join('\n\n');
    await context.sendActivity(`${text}\n\n${t('information:offerPerson')}`);
    turnData(context).conversation.lastAnswer = { kind: 'directory', ids: shown.map((x) => x.id) };
    recordTrace(context, {
      route: introKey === 'information:outOfScope' ? 'menu' : 'information',
      slots: { topic },
      directory: shown.map((x) => ({ id: x.id, topic: x.topic, reachable: !!(x.contact.phone || x.contact.website) })),
    });
    // The menu follows ("anything else?"), with a person among its buttons.
    return dc.endDialog();
  }
}

/** One entry: its name, what it is (in the resident's language), and how to reach it. */
export function entryText(entry: DirectoryEntry, t: TFunction, lang: Lang): string {
  const reach = [
    entry.contact.phone ? t('information:phone', { phone: entry.contact.phone }) : '',
    entry.contact.website ?? '',
    entry.contact.email ?? '',
    entry.contact.address ?? '',
  ].filter(Boolean);
  return [`• ${entry.name}`, `  ${inLanguage(entry.about, lang)}`, `  ${reach.join(' · ')}`].join('\n');
}
