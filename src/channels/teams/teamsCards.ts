import { CardFactory, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { TFunction } from 'i18next';
import { HUB_STAFF_ID } from '../../handoff/service';
import type { CannedReplies, HandoffEvent, HandoffService, HandoffSession, StaffDirectory } from '../../handoff';
import type { Logger } from '../../log';
import type { ConversationLock } from '../../storage/conversationLock';
import { cardDigest, handoffCard } from './cards';
import type { CardRecord, StaffConversation, TeamsStore } from './store';
import { TEAMS_CHANNEL_ID, threadConversationId } from './teamsActivity';
import { createHash } from 'node:crypto';

/** Proactive messages into Teams (the adapter's `continueConversationAsync`). */
export interface TeamsSender {
  /** Posts into a conversation; returns the new message's id. */
  post(staff: StaffConversation, conversationId: string, activity: Partial<Activity>): Promise<string>;
  update(staff: StaffConversation, activityId: string, activity: Partial<Activity>): Promise<void>;
  delete(staff: StaffConversation, conversationId: string, activityId: string): Promise<void>;
}

export function adapterSender(adapter: CloudAdapter, appId: string): TeamsSender {
  const referenceFor = (staff: StaffConversation, conversationId: string): Partial<ConversationReference> => ({
    channelId: TEAMS_CHANNEL_ID,
    serviceUrl: staff.serviceUrl,
    conversation: { id: conversationId, isGroup: true, conversationType: staff.kind, tenantId: staff.tenantId, name: '' },
    bot: { id: staff.botId, name: 'Brobygger' },
  });
  return {
    async post(staff, conversationId, activity) {
      let id = '';
      await adapter.continueConversationAsync(appId, referenceFor(staff, conversationId), async (context) => {
        // The continuation activity has a made-up id, which would make this a reply to a message that does not
        // exist; a new post (a channel's new thread, a line in a thread or group chat) is what is meant.
        delete (context.activity as Partial<Activity>).id;
        id = (await context.sendActivity(activity))?.id ?? '';
      });
      if (!id) throw new Error('Teams did not return a message id');
      return id;
    },
    async update(staff, activityId, activity) {
      await adapter.continueConversationAsync(appId, referenceFor(staff, staff.conversationId), async (context) => {
        await context.updateActivity({ ...activity, id: activityId });
      });
    },
    async delete(staff, conversationId, activityId) {
      await adapter.continueConversationAsync(appId, referenceFor(staff, conversationId), async (context) => {
        await context.deleteActivity(activityId);
      });
    },
  };
}

export interface TeamsCardsOptions {
  store: TeamsStore;
  lock: ConversationLock;
  service: HandoffService;
  staff: StaffDirectory;
  canned: CannedReplies;
  sender: TeamsSender;
  /** The staff's working language (the card is shared by the whole channel). */
  t: TFunction;
  /** TEAMS_STAFF_CONVERSATION with the bot's account and connector, when configured. */
  configured?: StaffConversation;
  logger?: Logger;
  clock: () => Date;
}

/** A key of the staff message that came from Teams itself, so its event is not echoed into the thread. */
export const fromTeamsKey = (text: string) => `staff:${createHash('sha256').update(text).digest('base64url').slice(0, 16)}`;

/**
 * The handoff cards in the staff conversation, driven by the handoff service's events (which every
 * instance receives): one card per handoff, updated for everyone when its state changes, and the resident's
 * messages (and staff replies sent elsewhere) posted in the card's thread. All work for one conversation
 * runs under one lock across instances, and what was done is recorded in storage, so several instances post
 * each card and each message exactly once.
 */
export class TeamsCards {
  constructor(private readonly o: TeamsCardsOptions) {}

  async onEvent(event: HandoffEvent): Promise<void> {
    try {
      // The resident asked for their data to be deleted: so goes what Teams shows of them.
      if (event.type === 'queue') await this.sync(event.conversationId, (event.change === 'left' && event.reason === 'deleteData') || event.change === 'ended');
      else if (event.from === 'resident' || event.from === 'staff') await this.relay(event);
    } catch (err) {
      this.o.logger?.warn({ event: 'teams.cardFailed', error: (err as Error).name, kind: event.type }, 'could not update Teams');
    }
  }

  /** Where cards go now: the configured conversation, else the one the app was installed in. */
  async staffConversation(): Promise<StaffConversation | undefined> {
    const stored = await this.o.store.staffConversation();
    const configured = this.o.configured;
    if (!configured) return stored;
    return stored?.conversationId === configured.conversationId ? stored : configured;
  }

  /** Posts the card of a new handoff, or brings an existing card up to date. */
  async sync(conversationId: string, deleted = false): Promise<void> {
    await this.o.lock.run(lockKey(conversationId), async () => {
      const [stored, record] = await Promise.all([this.o.service.session(conversationId), this.o.store.card(conversationId)]);
      const session = deleted && stored?.sessionId === record?.sessionId ? undefined : stored;
      if (session && session.status !== 'ended' && record?.sessionId !== session.sessionId) {
        const staff = await this.staffConversation();
        if (!staff) return;
        const card = this.render(conversationId, session.sessionId, session);
        const activityId = await this.o.sender.post(staff, staff.conversationId, cardActivity(card));
        await this.o.store.saveCard({ conversationId, sessionId: session.sessionId, activityId, staff, digest: cardDigest(card), relayed: [] });
        this.o.logger?.info({ event: 'teams.cardPosted', urgent: session.urgent, topic: session.topic, language: session.language }, 'handoff card posted to Teams');
        return;
      }
      if (!record) return;
      const card = this.render(conversationId, record.sessionId, session);
      const digest = cardDigest(card);
      if (digest !== record.digest) await this.o.sender.update(record.staff, record.activityId, cardActivity(card));
      if (!session && record.relayedIds?.length) {
        const thread = threadConversationId(record.staff, record.activityId);
        for (const id of record.relayedIds) await this.o.sender.delete(record.staff, thread, id).catch(() => undefined);
      }
      if (digest !== record.digest || (!session && record.relayedIds?.length)) await this.o.store.saveCard({ ...record, digest, relayedIds: session ? record.relayedIds : [] });
    });
  }

  /** Cards for handoffs that were already waiting when the app was installed. */
  async postOpenHandoffs(): Promise<void> {
    const anyone = { staffId: '', name: '', role: 'counsellor' as const, languages: [], topics: [] };
    for (const item of await this.o.service.queue(anyone)) await this.sync(item.conversationId).catch(() => undefined);
  }

  /** The card as it stands now, optionally for one staff member (their button press or refresh). */
  async current(conversationId: string, sessionId: string, viewerStaffId?: string, notice?: string): Promise<Record<string, unknown>> {
    return this.render(conversationId, sessionId, await this.o.service.session(conversationId), viewerStaffId, notice);
  }

  async record(conversationId: string): Promise<CardRecord | undefined> {
    return this.o.store.card(conversationId);
  }

  /** A staff member is about to send this text from Teams: its event must not come back into the thread. */
  async expectFromTeams(conversationId: string, text: string): Promise<void> {
    await this.o.lock.run(lockKey(conversationId), async () => {
      const record = await this.o.store.card(conversationId);
      if (record) await this.o.store.saveCard({ ...record, relayed: [...record.relayed, fromTeamsKey(text)] });
    });
  }

  private async relay(event: Extract<HandoffEvent, { type: 'message' }>): Promise<void> {
    await this.o.lock.run(lockKey(event.conversationId), async () => {
      const record = await this.o.store.card(event.conversationId);
      if (!record) return;
      const session = await this.o.service.session(event.conversationId);
      if (!session || session.sessionId !== record.sessionId) return;
      const relayed = record.relayed;
      const key = `${event.from}:${createHash('sha256').update(`${event.timestamp}\n${event.text}`).digest('base64url').slice(0, 16)}`;
      if (relayed.includes(key)) return;
      if (event.from === 'staff') {
        // Sent from the thread itself, which already shows it: marked as relayed instead (for every instance).
        const own = relayed.indexOf(fromTeamsKey(event.text));
        if (own >= 0) {
          await this.o.store.saveCard({ ...record, relayed: [...relayed.filter((_, i) => i !== own), key] });
          return;
        }
      }
      const t = this.o.t;
      const who = event.from === 'resident' ? String(t('teams:staff.resident')) : this.staffName(session.claimedBy);
      const urgent = event.danger ? `${t('teams:card.urgent')} – ` : '';
      // In a group chat there is no thread: say whose chat the line belongs to.
      const where = record.staff.kind === 'groupChat' ? ` (${t(`teams:languages.${session.language}`)}, ${t(`teams:topics.${session.topic}`)})` : '';
      const id = await this.o.sender.post(record.staff, threadConversationId(record.staff, record.activityId), {
        type: 'message',
        // Plain: a resident's "<b>" or "[link](…)" is shown as typed, never as markup.
        textFormat: 'plain',
        text: `${urgent}${who}${where}: ${event.text}`,
      });
      await this.o.store.saveCard({ ...record, relayed: [...relayed, key], relayedIds: [...(record.relayedIds ?? []), id] });
    });
  }

  private render(conversationId: string, sessionId: string, session: HandoffSession | undefined, viewerStaffId?: string, notice?: string): Record<string, unknown> {
    return handoffCard(
      {
        conversationId,
        sessionId,
        session,
        holderName: session?.claimedBy ? this.staffName(session.claimedBy) : undefined,
        enderName: session?.endedBy ? this.staffName(session.endedBy) : undefined,
        canned: session ? { resident: this.o.canned[session.language], danish: this.o.canned.da } : undefined,
        now: this.o.clock(),
        viewerStaffId,
        notice,
      },
      this.o.t,
    );
  }

  staffName(staffId: string | undefined): string {
    if (!staffId) return '';
    return staffId === HUB_STAFF_ID ? String(this.o.t('teams:card.hub')) : this.o.staff.get(staffId).name;
  }
}

/** One lock per resident conversation for everything Teams does about it (a different key from its turn lock). */
function lockKey(conversationId: string): string {
  return `teams-card/${conversationId}`;
}

export function cardActivity(card: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)], summary: String(card.fallbackText ?? '') };
}
