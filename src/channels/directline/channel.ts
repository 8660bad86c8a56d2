import { randomBytes } from 'node:crypto';
import { ShowTypingMiddleware, type Activity, type CloudAdapter, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, type AuthenticateRequestResult } from 'botframework-connector';
import { dropMalformedEntities } from '../../bot/activitySchema';
import type { Logger } from '../../log';
import type { EventBus } from '../../storage/eventBus';
import type { ActivityLog } from './activityLog';
import { createInProcessHttpClient, ConnectorApiError } from './connectorApi';

/**
 * The Direct Line channel inside the bot: residents' activities go into the conversation's log and through the
 * bot's `CloudAdapter` (the same pipeline as every channel: middleware, turn error handler, state, locks,
 * transcripts, handoff); the bot's replies come back through the Bot Framework connector API to `SERVICE_URL`,
 * which this process serves itself (see connectorApi.ts), and land in the same log. Every change is announced
 * on the event bus so the resident's WebSocket, on whichever instance it is open, sends it at once.
 */
export const CHANNEL_ID = 'directline';
/**
 * The `serviceUrl` of our Direct Line conversations. `.invalid` never resolves: replies to it are handled in
 * this process (by any instance, since the log is shared) and can never leave the machine.
 */
export const SERVICE_URL = 'https://directline.brobygger.invalid/';
export const BOT_ACCOUNT = { id: 'brobygger', name: 'Brobygger', role: 'bot' };

/** Activity types a client may post (Azure also relays these three). */
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);
/** Fields a client may set; ids, addresses, `serviceUrl` and `deliveryMode` are the channel's to decide. */
const CLIENT_FIELDS = ['text', 'textFormat', 'locale', 'localTimestamp', 'localTimezone', 'attachments', 'attachmentLayout', 'channelData', 'value', 'name', 'speak', 'inputHint', 'summary'] as const;

export class BadActivityError extends Error {}

/** What the event bus carries for a conversation: a new entry in the log, or an activity only for open streams. */
export type StreamEvent = { seq: number } | { live: Partial<Activity> };

export function streamChannel(conversationId: string): string {
  return `directline:${conversationId}`;
}

export interface DirectLineChannelDeps {
  log: ActivityLog;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  /** The bot's Microsoft App ID when it has one: incoming turns carry it as their audience, as a channel's would. */
  appId?: string;
  /** A turn that has not answered after this long shows the resident a typing indicator (ms). */
  typingDelayMs?: number;
}

export class DirectLineChannel {
  private adapter?: CloudAdapter;
  private logic?: (context: TurnContext) => Promise<void>;
  private readonly connectorClient: ConnectorClient;
  private readonly typing: ShowTypingMiddleware;

  constructor(private readonly deps: DirectLineChannelDeps) {
    this.connectorClient = new ConnectorClient(
      // Nothing to sign: the request never leaves the process.
      { signRequest: async (request: unknown) => request } as never,
      {
        baseUri: SERVICE_URL,
        // The compat layer wants its full request and header types; this client reads only url, method and body.
        httpClient: createInProcessHttpClient((conversationId, activity, replyToId) => this.fromBot(conversationId, activity, replyToId)) as never,
      },
    );
    this.typing = new ShowTypingMiddleware(deps.typingDelayMs ?? 700, 2000);
  }

  /** For `createCloudAdapter`: our `serviceUrl` is served in-process, every other one over HTTP. */
  readonly connector = (serviceUrl: string): ConnectorClient | undefined => (serviceUrl === SERVICE_URL ? this.connectorClient : undefined);

  /** The adapter and the bot's turn (they are built after this channel, since the adapter needs `connector`). */
  attach(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>): void {
    this.adapter = adapter;
    this.logic = logic;
  }

  get activityLog(): ActivityLog {
    return this.deps.log;
  }

  /**
   * Starts the conversation once: the bot gets `conversationUpdate` with the user and the client's locale (as
   * Azure sends it, so the greeting comes in the language the resident chose). Returns true when it started now.
   */
  async start(conversationId: string, user: string, locale?: string): Promise<boolean> {
    const created = await this.deps.log.start(conversationId, { user, locale, started: this.deps.clock().toISOString() });
    if (!created) return false;
    const update: Partial<Activity> = {
      type: 'conversationUpdate',
      id: randomBytes(8).toString('hex'),
      membersAdded: [{ ...BOT_ACCOUNT }, { id: user, role: 'user' } as never],
      from: { id: user, role: 'user' } as never,
      locale,
    };
    try {
      await this.runTurn(conversationId, update);
    } catch (err) {
      // The conversation is open even if the greeting failed; the resident's first message gets an answer.
      this.deps.logger.warn({ err, channelId: CHANNEL_ID }, 'direct line: the conversation start turn failed');
    }
    return true;
  }

  /** A resident's activity: into the log (the echo their page waits for), then through the bot. */
  async fromResident(conversationId: string, user: string, posted: unknown): Promise<{ id: string }> {
    const activity = clientActivity(posted, user);
    if (activity.type === 'typing') return { id: randomBytes(8).toString('hex') };
    await this.start(conversationId, user, activity.locale);
    const stored = await this.append(conversationId, {
      ...activity,
      channelId: CHANNEL_ID,
      conversation: { id: conversationId } as Activity['conversation'],
      timestamp: this.deps.clock(),
    });
    await this.runTurn(conversationId, stored.activity);
    return { id: stored.activity.id! };
  }

  /** The connector API's `POST /v3/conversations/{id}/activities[/{replyToId}]`, called by the bot. */
  private async fromBot(conversationId: string, posted: Partial<Activity>, replyToId?: string): Promise<{ id: string }> {
    if (!posted || typeof posted.type !== 'string') throw new ConnectorApiError(400, 'BadArgument', 'an activity needs a type');
    if (!(await this.deps.log.conversation(conversationId))) throw new ConnectorApiError(404, 'ConversationNotFound', 'no such conversation');
    const { serviceUrl: _s, ...rest } = posted;
    const activity: Partial<Activity> = {
      ...rest,
      channelId: CHANNEL_ID,
      conversation: { id: conversationId } as Activity['conversation'],
      from: { ...BOT_ACCOUNT, ...(posted.from ?? {}), role: 'bot' },
      timestamp: this.deps.clock(),
    };
    if (replyToId) activity.replyToId = replyToId;
    if (activity.type === 'typing') {
      // A typing indicator is for whoever watches now; a page loaded later must not show it again.
      const live = { ...activity, id: `${conversationId}|typing-${randomBytes(4).toString('hex')}` };
      await this.deps.events.publish(streamChannel(conversationId), { live: toJson(live) } satisfies StreamEvent);
      return { id: live.id };
    }
    const stored = await this.append(conversationId, activity);
    return { id: stored.activity.id! };
  }

  private async append(conversationId: string, activity: Partial<Activity>) {
    const stored = await this.deps.log.append(conversationId, toJson(activity));
    // A lost announcement only delays delivery to an open socket until the next one; polling is unaffected.
    await this.deps.events.publish(streamChannel(conversationId), { seq: stored.seq } satisfies StreamEvent).catch((err) => {
      this.deps.logger.warn({ err }, 'direct line: could not announce an activity');
    });
    return stored;
  }

  private async runTurn(conversationId: string, activity: Partial<Activity>): Promise<void> {
    if (!this.adapter || !this.logic) throw new Error('DirectLineChannel.attach() was not called');
    const incoming = {
      ...activity,
      channelId: CHANNEL_ID,
      serviceUrl: SERVICE_URL,
      conversation: { id: conversationId },
      recipient: { ...BOT_ACCOUNT },
      timestamp: activity.timestamp ?? this.deps.clock(),
    } as Activity;
    const logic = this.logic;
    await this.adapter.processActivityDirect(this.authentication(), incoming, (context) => this.typing.onTurn(context, () => logic(context)));
  }

  /**
   * What the adapter would have made of a channel's request: with a Microsoft App ID the bot is the audience,
   * without one the request is anonymous (as the Emulator's). Replies go to our in-process connector.
   */
  private authentication(): AuthenticateRequestResult {
    const appId = this.deps.appId;
    const claimsIdentity = appId
      ? new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], 'directline')
      : new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType);
    return {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity,
      callerId: undefined as never,
      connectorFactory: { create: async () => this.connectorClient } as never,
    };
  }
}

/** Dates as strings, and nothing that JSON would not keep, so every instance reads back the same activity. */
function toJson(activity: Partial<Activity>): Partial<Activity> {
  return JSON.parse(JSON.stringify(activity)) as Partial<Activity>;
}

/** A client's activity, reduced to what a client may say; `from` is the token's user. */
function clientActivity(posted: unknown, user: string): Partial<Activity> {
  if (!posted || typeof posted !== 'object' || Array.isArray(posted)) throw new BadActivityError('the body must be an activity (a JSON object)');
  const p = posted as Record<string, unknown>;
  if (typeof p.type !== 'string' || !CLIENT_TYPES.has(p.type)) throw new BadActivityError(`"type" must be one of: ${[...CLIENT_TYPES].join(', ')}`);
  if (p.text !== undefined && typeof p.text !== 'string') throw new BadActivityError('"text" must be a string');
  if (p.locale !== undefined && (typeof p.locale !== 'string' || p.locale.length > 20)) throw new BadActivityError('"locale" must be a language tag');
  if (p.attachments !== undefined && !Array.isArray(p.attachments)) throw new BadActivityError('"attachments" must be an array');
  if (p.channelData !== undefined && (typeof p.channelData !== 'object' || p.channelData === null || Array.isArray(p.channelData))) {
    throw new BadActivityError('"channelData" must be an object');
  }
  if (p.name !== undefined && typeof p.name !== 'string') throw new BadActivityError('"name" must be a string');
  const activity: Record<string, unknown> = { type: p.type };
  for (const field of CLIENT_FIELDS) if (p[field] !== undefined) activity[field] = p[field];
  // Entities without a type (or mentions without `mentioned`) break the pipeline (TurnContext.getMentions);
  // Web Chat's own are well formed.
  if (Array.isArray(p.entities)) {
    const kept = { entities: [...p.entities] };
    dropMalformedEntities(kept);
    if (kept.entities.length) activity.entities = kept.entities;
  }
  activity.from = { id: user, role: 'user' };
  return activity as Partial<Activity>;
}
