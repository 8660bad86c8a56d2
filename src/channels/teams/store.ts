import type { Storage } from 'botbuilder';
import { withoutETag } from '../../storage/updateDocument';

/** Where handoff cards go: the staff channel or group chat, as captured when the app was installed there. */
export interface StaffConversation {
  /** The channel (`19:…@thread.tacv2`) or group chat (`19:…@thread.v2`) id, without a `;messageid=` part. */
  conversationId: string;
  kind: 'channel' | 'groupChat';
  serviceUrl: string;
  tenantId?: string;
  /** The bot's own account in Teams (`28:<app id>`). */
  botId: string;
  teamId?: string;
  /** The staff member who installed the app there, and when (ISO 8601). */
  installedBy?: string;
  installedAt: string;
}

/** The card posted for one handoff (one per handoff session, whichever instance posted it). */
export interface CardRecord {
  /** The resident's conversation. */
  conversationId: string;
  sessionId: string;
  /** The card's message id in Teams; in a channel also the root of the card's reply thread. */
  activityId: string;
  staff: StaffConversation;
  /** Digest of the card as last sent, so an unchanged card is not updated again. */
  digest: string;
  /** Keys of resident messages already relayed into the thread (newest last). */
  relayed: string[];
  /** Teams message ids of the lines relayed into the thread, deleted with the chat when the resident asks. */
  relayedIds?: string[];
}

/** A card's message id -> its handoff, for replies in the card's thread. */
interface MessageIndex {
  conversationId: string;
  sessionId: string;
}

const STAFF_CONVERSATION_KEY = 'teams/staffConversation';
const cardKey = (conversationId: string) => `teams/card/${encodeURIComponent(conversationId)}`;
const messageKey = (activityId: string) => `teams/message/${encodeURIComponent(activityId)}`;
/** Enough to recognise a repeat of any recent message; older ones are never published again. */
const RELAYED_KEPT = 100;
/** As many lines as a handoff keeps in its transcript. */
const RELAYED_IDS_KEPT = 500;

/**
 * Teams' own documents in the shared storage (Redis in production; they expire like all state). Writes here
 * happen under the per-conversation Teams lock (see TeamsCards), so they are plain writes.
 */
export class TeamsStore {
  constructor(private readonly storage: Storage) {}

  async staffConversation(): Promise<StaffConversation | undefined> {
    return withoutETag<StaffConversation>((await this.storage.read([STAFF_CONVERSATION_KEY]))[STAFF_CONVERSATION_KEY]);
  }

  async setStaffConversation(conversation: StaffConversation): Promise<void> {
    await this.storage.write({ [STAFF_CONVERSATION_KEY]: { ...conversation, eTag: '*' } });
  }

  async forgetStaffConversation(): Promise<void> {
    await this.storage.delete([STAFF_CONVERSATION_KEY]);
  }

  async card(conversationId: string): Promise<CardRecord | undefined> {
    return withoutETag<CardRecord>((await this.storage.read([cardKey(conversationId)]))[cardKey(conversationId)]);
  }

  async saveCard(record: CardRecord): Promise<void> {
    const relayed = record.relayed.slice(-RELAYED_KEPT);
    const relayedIds = record.relayedIds?.slice(-RELAYED_IDS_KEPT);
    await this.storage.write({
      [cardKey(record.conversationId)]: { ...record, relayed, relayedIds, eTag: '*' },
      [messageKey(record.activityId)]: { conversationId: record.conversationId, sessionId: record.sessionId, eTag: '*' },
    });
  }

  /** The handoff whose card is this Teams message (a thread's root, or the message a reply names). */
  async cardOfMessage(activityId: string): Promise<MessageIndex | undefined> {
    return withoutETag<MessageIndex>((await this.storage.read([messageKey(activityId)]))[messageKey(activityId)]);
  }

  async forgetCard(record: CardRecord): Promise<void> {
    await this.storage.delete([cardKey(record.conversationId), messageKey(record.activityId)]);
  }
}
