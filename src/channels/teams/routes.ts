import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AdaptiveCard, Application } from '@microsoft/teams-ai';
import type { TFunction } from 'i18next';
import { Audit } from '../../audit';
import type { AppTurnState } from '../../bot/turnState';
import { CANNED_KEYS, type CannedKey } from '../../handoff/canned';
import { HandoffError, type CannedReplies, type HandoffService, type StaffDirectory, type StaffMember } from '../../handoff';
import type { Translator } from '../../language/i18n';
import { DEFAULT_LANGUAGE, langFromLocale } from '../../language/languages';
import type { Logger } from '../../log';
import { VERBS, type CardData } from './cards';
import type { StaffConversation, TeamsStore } from './store';
import type { TeamsCards, TeamsSender } from './teamsCards';
import { isTeams, mentionsBot, staffMemberOf, staffText, threadRootOf, withoutThread } from './teamsActivity';

export interface TeamsRoutesOptions {
  cards: TeamsCards;
  store: TeamsStore;
  service: HandoffService;
  staff: StaffDirectory;
  canned: CannedReplies;
  sender: TeamsSender;
  translator: Translator;
  /** The staff's working language. */
  t: TFunction;
  /** Only this conversation may become the staff conversation (TEAMS_STAFF_CONVERSATION). */
  staffConversationId?: string;
  logger?: Logger;
  clock: () => Date;
}

const INVOKE_ACTION = 'adaptiveCard/action';
const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';

/**
 * Staff in Teams, as routes on the bot's one Application: card buttons (Universal Actions `Action.Execute`,
 * answered with the refreshed card), replies in a card's thread or a 1:1 chat (relayed to the resident), and
 * the app's installation in the staff channel. Every Teams activity ends here; none reaches the resident's
 * pipeline.
 */
export function registerTeamsRoutes(app: Application<AppTurnState>, o: TeamsRoutesOptions): void {
  const verb = (name: string) => async (context: TurnContext) => {
    const a = context.activity;
    return isTeams(a) && a.type === ActivityTypes.Invoke && a.name === INVOKE_ACTION && a.value?.action?.type === 'Action.Execute' && a.value?.action?.verb === name;
  };
  for (const name of Object.values(VERBS)) {
    app.adaptiveCards.actionExecute<Partial<CardData>>(verb(name), (context, _state, data) => onCardAction(context, name, data ?? {}, o));
  }
  app.addRoute(async (context) => isTeams(context.activity) && context.activity.type === ActivityTypes.ConversationUpdate, (context) => onConversationUpdate(context, o));
  app.addRoute(async (context) => isTeams(context.activity) && context.activity.type === ActivityTypes.Message, (context) => onStaffMessage(context, o));
  // Everything else from Teams (typing, reactions, other invokes) is not for the resident's pipeline either.
  app.addRoute(async (context) => isTeams(context.activity), async () => undefined);
}

/** The refusal for anyone Teams knows but data/staff.json does not, in their Teams language. */
function refusal(context: TurnContext, o: TeamsRoutesOptions): string {
  const lang = langFromLocale(context.activity.locale) ?? DEFAULT_LANGUAGE;
  return String(o.translator.fixed(lang)('teams:staff.unknownUser'));
}

async function onCardAction(context: TurnContext, name: string, data: Partial<CardData>, o: TeamsRoutesOptions): Promise<AdaptiveCard | string> {
  const { t } = o;
  const me = await staffMemberOf(context, o.staff, o.logger);
  const conversationId = typeof data.conversationId === 'string' ? data.conversationId : '';
  const sessionId = typeof data.sessionId === 'string' ? data.sessionId : '';
  if (!conversationId || !sessionId) return String(t('teams:notice.ended'));
  if (!me) {
    // Teams asks for a refresh whenever someone looks at the card: they are shown what the channel shows.
    if (name === VERBS.refresh) return respondWithCard(context, await o.cards.current(conversationId, sessionId));
    o.logger?.info({ event: 'teams.unknownUser', action: name }, 'a Teams user not in data/staff.json pressed a card button');
    new Audit(o.logger).record({ action: 'signIn', outcome: 'failed', route: `teams:${name}` });
    return refusal(context, o);
  }
  let notice: string | undefined;
  const session = await o.service.session(conversationId);
  if (name !== VERBS.refresh) {
    if (!session || session.sessionId !== sessionId || session.status === 'ended') {
      notice = String(t('teams:notice.ended'));
    } else {
      try {
        if (name === VERBS.claim) await o.service.claim(conversationId, me);
        else if (name === VERBS.release) await o.service.release(conversationId, me);
        else if (name === VERBS.close) await o.service.close(conversationId, me, data.note);
        else if (name === VERBS.canned) notice = await sendCanned(conversationId, me, data.canned, o);
      } catch (err) {
        notice = await noticeFor(err, conversationId, o);
      }
    }
  }
  // The card for everyone is updated from the handoff's event; the presser gets theirs, with any notice, now.
  return respondWithCard(context, await o.cards.current(conversationId, sessionId, me.staffId, notice));
}

async function sendCanned(conversationId: string, me: StaffMember, key: unknown, o: TeamsRoutesOptions): Promise<string> {
  const session = await o.service.session(conversationId);
  if (typeof key !== 'string' || !(CANNED_KEYS as readonly string[]).includes(key) || !session) return String(o.t('teams:notice.chooseCanned'));
  await o.service.staffMessage(conversationId, me, o.canned[session.language][key as CannedKey], session.language);
  return String(o.t('teams:notice.sent'));
}

/** What a staff member is told when the handoff service said no. */
async function noticeFor(err: unknown, conversationId: string, o: TeamsRoutesOptions): Promise<string> {
  const { t } = o;
  if (!(err instanceof HandoffError)) throw err;
  if (err.code === 'not_found') return String(t('teams:notice.ended'));
  if (err.code === 'upstream') return String(t('teams:notice.upstream'));
  if (err.code === 'bad_request') {
    if (/note/.test(err.message)) return String(t('teams:card.noteMissing'));
    if (/longer/.test(err.message)) return String(t('teams:notice.tooLong', { max: o.service.maxMessageLength }));
    return err.message;
  }
  const session = await o.service.session(conversationId);
  if (session?.status === 'claimed' && session.claimedBy) return String(t('teams:notice.taken', { name: o.cards.staffName(session.claimedBy) }));
  return String(t('teams:notice.claimFirst'));
}

/** The invoke response Teams expects for Action.Execute: 200 with the card that replaces the presser's. */
async function respondWithCard(context: TurnContext, card: Record<string, unknown>): Promise<AdaptiveCard> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: CARD_RESPONSE, value: card } } });
  return card as unknown as AdaptiveCard;
}

/**
 * A counsellor's reply: in a card's thread (channel), replying to a card (group chat), or in a 1:1 chat with
 * the bot, where it goes to the one chat they hold. Colleagues talking among themselves in the channel (the
 * app may read every channel message) are left alone.
 */
async function onStaffMessage(context: TurnContext, o: TeamsRoutesOptions): Promise<void> {
  const { t } = o;
  const a = context.activity;
  if (a.from?.role === 'bot') return;
  const kind = a.conversation?.conversationType;
  const root = kind === 'channel' ? threadRootOf(a.conversation.id) : undefined;
  const cardRef = (root && (await o.store.cardOfMessage(root))) || (a.replyToId ? await o.store.cardOfMessage(a.replyToId) : undefined);
  const addressed = kind === 'personal' || !!cardRef || mentionsBot(a);
  if (!addressed) return;

  const me = await staffMemberOf(context, o.staff, o.logger);
  if (!me) {
    o.logger?.info({ event: 'teams.unknownUser', action: 'message' }, 'a Teams user not in data/staff.json wrote to the bot');
    new Audit(o.logger).record({ action: 'signIn', outcome: 'failed', route: 'teams:message' });
    await context.sendActivity(refusal(context, o));
    return;
  }
  const text = staffText(a.text);
  if (!text) return;

  let conversationId = cardRef?.conversationId;
  if (!cardRef) {
    if (kind === 'channel') {
      await context.sendActivity(String(t('teams:staff.replyInThread')));
      return;
    }
    const held = (await o.service.queue(me)).filter((item) => item.claimedBy === me.staffId);
    if (held.length !== 1) {
      await context.sendActivity(String(t(held.length === 0 ? 'teams:staff.holdNone' : 'teams:staff.holdMany')));
      return;
    }
    conversationId = held[0].conversationId;
  }
  const session = await o.service.session(conversationId!);
  if (!session || (cardRef && session.sessionId !== cardRef.sessionId) || session.status === 'ended') {
    await context.sendActivity(String(t('teams:notice.ended')));
    return;
  }
  try {
    // Written where colleagues see it already (the card's thread, the group chat): not echoed back there.
    if (cardRef && kind !== 'personal') await o.cards.expectFromTeams(conversationId!, text);
    await o.service.staffMessage(conversationId!, me, text);
  } catch (err) {
    await context.sendActivity(await noticeFor(err, conversationId!, o));
  }
}

/**
 * The app added to a team channel or group chat by a known staff member: that conversation becomes the
 * staff conversation (or only TEAMS_STAFF_CONVERSATION may, when set). Added to a 1:1 chat: a hello. Removed
 * from the staff conversation: cards stop.
 */
async function onConversationUpdate(context: TurnContext, o: TeamsRoutesOptions): Promise<void> {
  const { t } = o;
  const a = context.activity;
  const botId = a.recipient?.id;
  const channelData = (a.channelData ?? {}) as {
    team?: { id?: string };
    channel?: { id?: string };
    tenant?: { id?: string };
    settings?: { selectedChannel?: { id?: string } };
  };
  const kind = a.conversation?.conversationType;
  const where = withoutThread(channelData.settings?.selectedChannel?.id ?? channelData.channel?.id ?? a.conversation.id);

  if ((a.membersRemoved ?? []).some((m) => m.id === botId)) {
    const stored = await o.store.staffConversation();
    if (stored && (stored.conversationId === where || (stored.teamId && stored.teamId === channelData.team?.id))) await o.store.forgetStaffConversation();
    return;
  }
  if (!(a.membersAdded ?? []).some((m) => m.id === botId)) return;

  const me = await staffMemberOf(context, o.staff, o.logger);
  if (kind === 'personal') {
    await context.sendActivity(me ? String(t('teams:staff.personalHello', { name: me.name })) : refusal(context, o));
    return;
  }
  if (kind !== 'channel' && kind !== 'groupChat') return;
  if (o.staffConversationId && o.staffConversationId !== where) return;
  if (!me) {
    await context.sendActivity(String(t('teams:staff.installRefused')));
    return;
  }
  const staff: StaffConversation = {
    conversationId: where,
    kind,
    serviceUrl: a.serviceUrl,
    tenantId: channelData.tenant?.id ?? a.conversation.tenantId,
    botId: botId!,
    teamId: channelData.team?.id,
    installedBy: me.staffId,
    installedAt: o.clock().toISOString(),
  };
  await o.store.setStaffConversation(staff);
  o.logger?.info({ event: 'teams.installed', kind }, 'Teams staff conversation set');
  await o.sender.post(staff, staff.conversationId, { type: 'message', text: String(t('teams:staff.installed')) });
  await o.cards.postOpenHandoffs();
}

