import { TeamsInfo, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { StaffDirectory, StaffMember } from '../../handoff';
import type { Logger } from '../../log';

export const TEAMS_CHANNEL_ID = 'msteams';

export function isTeams(activity: Partial<Activity> | undefined): boolean {
  return activity?.channelId === TEAMS_CHANNEL_ID;
}

/** A channel thread's conversation id is `<channel id>;messageid=<root message id>`. */
export function threadRootOf(conversationId: string | undefined): string | undefined {
  return /;messageid=([^;]+)/.exec(conversationId ?? '')?.[1];
}

export function withoutThread(conversationId: string): string {
  return conversationId.split(';')[0];
}

/** Where a post in the staff conversation goes: a channel card's thread, or the group chat itself. */
export function threadConversationId(staff: { conversationId: string; kind: 'channel' | 'groupChat' }, rootActivityId: string): string {
  return staff.kind === 'channel' ? `${staff.conversationId};messageid=${rootActivityId}` : staff.conversationId;
}

/** The bot was @mentioned in this message (Teams AI has already removed the mention from the text). */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => e?.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
}

/**
 * What a staff member wrote, as plain text: other people's mentions become their names, and the few HTML
 * entities Teams puts in a plain message are decoded.
 */
export function staffText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at[^>]*>(.*?)<\/at>/gi, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * Teams AI's `removeRecipientMention` reads every `entities` entry and throws on one without a `type` (or a
 * mention without `mentioned.id`), failing the whole turn. Such entries carry nothing we use: they go before
 * the bot sees the activity.
 */
export const cleanTeamsEntities: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (isTeams(activity) && activity.entities !== undefined) {
      const entities = Array.isArray(activity.entities) ? activity.entities : [];
      activity.entities = entities.filter((e) => {
        if (!e || typeof e !== 'object' || typeof e.type !== 'string') return false;
        if (e.type !== 'mention') return true;
        const mentioned = (e as { mentioned?: { id?: unknown } }).mentioned;
        return !!mentioned && typeof mentioned.id === 'string';
      });
    }
    await next();
  },
};

/**
 * The staff member behind a Teams activity: by the Entra object id Teams sends (`from.aadObjectId`), else
 * by asking Teams for the member's sign-in name when data/staff.json names someone that way (or the activity
 * carried no object id, as install events may not). Anyone else is undefined.
 */
export async function staffMemberOf(context: TurnContext, staff: StaffDirectory, logger?: Logger): Promise<StaffMember | undefined> {
  const from = context.activity.from;
  if (!from?.id) return undefined;
  const aadObjectId = from.aadObjectId;
  const known = aadObjectId ? staff.byTeamsIdentity({ aadObjectId }) : undefined;
  if (known) return known;
  if (aadObjectId && !staff.hasTeamsUpns) return undefined;
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    return staff.byTeamsIdentity({ aadObjectId: member.aadObjectId ?? aadObjectId, upn: member.userPrincipalName });
  } catch (err) {
    logger?.warn({ event: 'teams.memberLookupFailed', error: (err as Error).name }, 'could not look up a Teams member');
    return undefined;
  }
}
