import { createHash } from 'node:crypto';
import type { TFunction } from 'i18next';
import { DANGER_KINDS, type DangerKind } from '../../catalog/types';
import { CANNED_KEYS, type CannedKey } from '../../handoff/canned';
import type { HandoffSession } from '../../handoff';
import { AUTONYMS, type Lang } from '../../language/languages';
import { copenhagenParts } from '../../time/copenhagen';

/** The Action.Execute verbs of the handoff card (Universal Actions). */
export const VERBS = {
  claim: 'handoff.claim',
  release: 'handoff.release',
  close: 'handoff.close',
  canned: 'handoff.canned',
  refresh: 'handoff.refresh',
} as const;

/** What every button sends back: which handoff the card is about (inputs are merged in by Teams). */
export interface CardData {
  conversationId: string;
  sessionId: string;
  note?: string;
  canned?: string;
}

export interface CardView {
  conversationId: string;
  sessionId: string;
  /** Undefined once the handoff is gone (the resident asked for their data to be deleted). */
  session?: HandoffSession;
  /** Display names of whoever holds or ended the chat. */
  holderName?: string;
  enderName?: string;
  /** Canned replies in the resident's language, and their Danish meaning. */
  canned?: { resident: Record<CannedKey, string>; danish: Record<CannedKey, string> };
  now: Date;
  /** The staff member this rendering is for (a refresh or a button press), if any. */
  viewerStaffId?: string;
  /** A line for that viewer only ("Amira already has this chat"). */
  notice?: string;
}

type Element = Record<string, unknown>;

/**
 * The handoff card staff see in Teams: who is waiting (language, topic, danger, how long), what they wrote,
 * who has the chat, and the buttons. Everything a resident wrote goes in as a TextRun, which Teams shows as
 * plain text (no markdown, no links). An ended or deleted chat keeps no resident text on the card.
 */
export function handoffCard(view: CardView, t: TFunction): Record<string, unknown> {
  const s = view.session;
  const data: CardData = { conversationId: view.conversationId, sessionId: view.sessionId };
  const open = !!s && s.sessionId === view.sessionId && s.status !== 'ended';
  const body: Element[] = [];
  const language = s ? languageName(s.language, t) : '';
  const topic = s ? String(t(`teams:topics.${s.topic}`)) : '';

  body.push({
    type: 'Container',
    style: open && s!.urgent ? 'attention' : open ? 'emphasis' : 'default',
    bleed: true,
    items: [
      ...(s?.urgent && open ? [{ type: 'TextBlock', text: t('teams:card.urgent'), weight: 'Bolder', size: 'Large', color: 'Attention' }] : []),
      { type: 'TextBlock', text: open ? t('teams:card.waitingTitle') : `${language}${topic ? ` · ${topic}` : ''}`, weight: 'Bolder', wrap: true },
    ],
  });

  if (!s || s.sessionId !== view.sessionId) {
    body.push({ type: 'TextBlock', text: s ? t('teams:notice.ended') : t('teams:card.deleted'), wrap: true, isSubtle: true });
    return card(body, [], t('teams:notice.ended'), undefined);
  }

  const facts = [
    { title: t('teams:card.language'), value: language },
    { title: t('teams:card.topic'), value: topic },
  ];
  const kind = dangerKindOf(s);
  if (kind) facts.push({ title: t('teams:card.danger'), value: dangerLabel(kind, t) });
  if (open && s.status === 'queued') {
    const minutes = Math.max(0, Math.floor((view.now.getTime() - Date.parse(s.waitingSince)) / 60000));
    facts.push({ title: t('teams:card.waiting'), value: t('teams:card.waitingValue', { minutes, time: clock(s.waitingSince) }) });
  }
  body.push({ type: 'FactSet', facts });
  if (open && s.outOfHours) body.push({ type: 'TextBlock', text: t('teams:card.outOfHours'), wrap: true, isSubtle: true, spacing: 'None' });
  if (open && s.flaggedAt && s.status === 'queued') body.push({ type: 'TextBlock', text: t('teams:card.flagged'), wrap: true, color: 'Warning', spacing: 'None' });

  if (open) {
    body.push({ type: 'TextBlock', text: t('teams:card.summary'), weight: 'Bolder', spacing: 'Medium' });
    body.push({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: s.summary || t('teams:card.noSummary'), italic: !s.summary }] });
  }

  const status = statusLine(s, view, t);
  if (status) body.push({ type: 'TextBlock', text: status, wrap: true, weight: 'Bolder', color: s.status === 'claimed' ? 'Good' : 'Default', spacing: 'Medium' });
  if (open && s.status === 'claimed' && view.viewerStaffId && view.viewerStaffId === s.claimedBy) {
    body.push({ type: 'TextBlock', text: t('teams:card.youHaveIt'), wrap: true, spacing: 'None' });
  }
  if (open && s.status === 'claimed' && s.idleFlaggedAt) {
    body.push({ type: 'TextBlock', text: t('teams:card.idle', { name: view.holderName ?? '' }), wrap: true, color: 'Warning', spacing: 'None' });
  }
  if (view.notice) body.push({ type: 'TextBlock', text: view.notice, wrap: true, color: 'Attention', weight: 'Bolder' });

  const actions: Element[] = [];
  if (open) {
    const execute = (verb: string, title: string, extra: Element = {}) => ({ type: 'Action.Execute', verb, title, data, ...extra });
    if (s.status === 'queued') actions.push(execute(VERBS.claim, t('teams:card.take'), { style: 'positive' }));
    else if (s.idleFlaggedAt || s.claimedBy === 'external-hub') actions.push(execute(VERBS.claim, t('teams:card.takeOver')));
    if (s.status === 'claimed' && view.canned) {
      body.push({
        type: 'Input.ChoiceSet',
        id: 'canned',
        label: t('teams:card.canned', { language: languageName(s.language, t) }),
        style: 'compact',
        choices: CANNED_KEYS.map((k) => ({
          title: s.language === 'da' ? view.canned!.danish[k] : `${view.canned!.resident[k]} (${view.canned!.danish[k]})`,
          value: k,
        })),
      });
      actions.push(execute(VERBS.canned, t('teams:card.cannedSend')));
      actions.push(execute(VERBS.release, t('teams:card.release')));
    }
    actions.push({
      type: 'Action.ShowCard',
      title: t('teams:card.close'),
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'note', label: t('teams:card.note'), isMultiline: true, isRequired: true, maxLength: 2000, errorMessage: t('teams:card.noteMissing') }],
        actions: [execute(VERBS.close, t('teams:card.closeConfirm'), { style: 'destructive' })],
      },
    });
  }

  const fallback = t(s.urgent && open ? 'teams:card.fallbackUrgent' : 'teams:card.fallback', { language, topic });
  const refresh = open ? { action: { type: 'Action.Execute', title: t('teams:card.refresh'), verb: VERBS.refresh, data } } : undefined;
  return card(body, actions, fallback, refresh);
}

function card(body: Element[], actions: Element[], fallbackText: string, refresh: Element | undefined): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    // 1.5 is what Teams renders on desktop, web and mobile (Action.Execute needs 1.4).
    version: '1.5',
    fallbackText,
    ...(refresh ? { refresh } : {}),
    body,
    ...(actions.length ? { actions } : {}),
  };
}

function statusLine(s: HandoffSession, view: CardView, t: TFunction): string | undefined {
  const at = (iso: string | undefined) => clock(iso ?? view.now.toISOString());
  if (s.status === 'claimed') return t('teams:card.claimedBy', { name: view.holderName ?? s.claimedBy ?? '', time: at(s.claimedAt) });
  if (s.status !== 'ended') return undefined;
  switch (s.endedHow) {
    case 'released':
      return t('teams:card.released', { name: view.enderName ?? s.endedBy ?? '', time: at(s.endedAt) });
    case 'closed':
      return t('teams:card.closed', { name: view.enderName ?? s.endedBy ?? '', time: at(s.endedAt) });
    case 'cancelled':
      return t('teams:card.cancelled', { time: at(s.endedAt) });
    case 'left':
      return t('teams:card.residentLeft', { time: at(s.endedAt) });
    default:
      return t('teams:card.hubEnded', { time: at(s.endedAt) });
  }
}

/** "14:02" in Copenhagen. */
export function clock(iso: string): string {
  return copenhagenParts(new Date(iso)).time;
}

function languageName(lang: Lang, t: TFunction): string {
  const name = String(t(`teams:languages.${lang}`));
  return lang === 'da' ? name : `${name} (${AUTONYMS[lang]})`;
}

/** The kind of danger a handoff was escalated for (an urgent one with no kind named is "unclear"). */
export function dangerKindOf(s: HandoffSession): DangerKind | undefined {
  return s.dangerKind ?? (s.urgent ? 'unknown' : undefined);
}

function dangerLabel(kind: string, t: TFunction): string {
  return String(t(`teams:dangerKinds.${(DANGER_KINDS as readonly string[]).includes(kind) ? kind : 'unknown'}`));
}

/** A digest of a card, so an unchanged card is not sent to Teams again. */
export function cardDigest(card: unknown): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 22);
}
