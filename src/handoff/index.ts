import type { Activity, ConversationReference } from 'botbuilder';
import type { Config } from '../config';
import type { Translator } from '../language/i18n';
import type { Logger } from '../log';
import type { StateBackend } from '../storage/backend';
import { toActivity } from './activities';
import { loadCannedReplies, type CannedReplies } from './canned';
import { HandoffRecovery } from './recovery';
import { HandoffService, type HandoffMetrics } from './service';
import { StaffDirectory } from './staffDirectory';
import { HandoffStore } from './store';
import { HandoffTexts } from './texts';
import { HANDOFF_CHANNEL, type HandoffFacts } from './types';

export { HandoffService } from './service';
export type { EscalateInput, ScreenResult } from './service';
export { factsFromCatalog } from './facts';
export { toActivity } from './activities';
export { StaffDirectory } from './staffDirectory';
export type { CannedReplies } from './canned';
export * from './types';

export interface HandoffDeps {
  config: Pick<Config, 'staffTokens' | 'handoffUnclaimedMs' | 'maxMessageLength' | 'dataDir'> &
    Partial<Pick<Config, 'handoffHubId' | 'handoffIdleTakeoverMs' | 'microsoftApp' | 'localesDir'>>;
  /** With the backend's `lock`, residents are told when their handoff was lost with Redis's data (recovery.ts). */
  backend: Pick<StateBackend, 'storage' | 'events'> & Partial<Pick<StateBackend, 'lock'>>;
  translator: Translator;
  /** Opening hours and helplines: `factsFromCatalog(catalog)`. */
  facts: HandoffFacts;
  /** Sends activities into the resident's conversation (the adapter's `continueConversationAsync`). */
  sendToResident(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void>;
  logger?: Logger;
  /** Counts handoffs and their waits (src/metrics.ts). */
  metrics?: HandoffMetrics;
  clock?: () => Date;
  /** How often each instance looks for chats nobody claimed in time, or whose holder went silent (ms); 0 turns the sweep off. */
  sweepEveryMs?: number;
}

export interface Handoff {
  /** For `createHandoffGate` (src/bot/handoffGate.ts) and `HumanDialog` (dialogs/human.ts). */
  service: HandoffService;
  /** Who the staff are (data/staff.json), for the staff API. */
  staff: StaffDirectory;
  /** Canned staff replies in every language, for the console. */
  canned: CannedReplies;
  /** Removes a conversation's handoff (the resident asked to delete their data). */
  forget(conversationId: string): Promise<void>;
  /** Redis lost its data: tells the residents of the open chats this instance last saw (see recovery.ts). */
  recoverAfterDataLoss(): Promise<number>;
  /** Stops the unclaimed-chat sweep. */
  stop(): void;
}

const DEFAULT_IDLE_TAKEOVER_MS = 15 * 60_000;

export function createHandoff(deps: HandoffDeps): Handoff {
  const staff = StaffDirectory.load(deps.config.dataDir, [...new Set(deps.config.staffTokens.map((t) => t.staffId))]);
  const store = new HandoffStore(deps.backend.storage);
  const service = new HandoffService({
    store,
    events: deps.backend.events,
    texts: new HandoffTexts(deps.translator, deps.facts),
    facts: deps.facts,
    staff,
    sendToResident: (address, messages) => deps.sendToResident(address as Partial<ConversationReference>, messages.map(toActivity)),
    unclaimedMs: deps.config.handoffUnclaimedMs,
    idleTakeoverMs: deps.config.handoffIdleTakeoverMs ?? DEFAULT_IDLE_TAKEOVER_MS,
    maxMessageLength: deps.config.maxMessageLength,
    // Unauthenticated, anyone can post an event "from" any id: no hub is believed then.
    hubId: deps.config.microsoftApp?.appId ? deps.config.handoffHubId : undefined,
    localesDir: deps.config.localesDir,
    logger: deps.logger,
    metrics: deps.metrics,
    clock: deps.clock,
  });

  const recovery = deps.backend.lock
    ? new HandoffRecovery({
        store,
        lock: deps.backend.lock,
        translator: deps.translator,
        sendToResident: (address, messages) => deps.sendToResident(address as Partial<ConversationReference>, messages.map(toActivity)),
        publish: (event) => deps.backend.events.publish(HANDOFF_CHANNEL, event).catch(() => undefined),
        logger: deps.logger,
      })
    : undefined;
  // Redis may be away; the list then stays as it was. Refreshes that come while one runs are merged into one after it.
  let refreshing: Promise<void> | undefined;
  let again = false;
  const refreshRecovery = (): void => {
    if (!recovery) return;
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = recovery
      .refresh()
      .catch(() => undefined)
      .finally(() => {
        refreshing = undefined;
        if (again) {
          again = false;
          refreshRecovery();
        }
      });
  };
  refreshRecovery();
  // Every change of the queue, on any instance, refreshes the list at once (the sweep below is the fallback).
  const unsubscribe = recovery
    ? deps.backend.events.subscribe(HANDOFF_CHANNEL, (event) => {
        if ((event as { type?: string }).type === 'queue') refreshRecovery();
      }).catch(() => undefined)
    : undefined;

  const every = deps.sweepEveryMs ?? Math.min(30_000, Math.max(1000, Math.round(deps.config.handoffUnclaimedMs / 4)));
  const timer =
    every > 0
      ? setInterval(() => {
          service.sweepUnclaimed().catch((err) => deps.logger?.warn({ err }, 'unclaimed-chat sweep failed'));
          service.sweepIdle().catch((err) => deps.logger?.warn({ err }, 'idle-chat sweep failed'));
          refreshRecovery();
        }, every)
      : undefined;
  timer?.unref();

  return {
    service,
    staff,
    canned: loadCannedReplies(deps.translator),
    forget: (conversationId) => service.forget(conversationId),
    recoverAfterDataLoss: async () => (recovery ? recovery.dataLost() : 0),
    stop: () => {
      if (timer) clearInterval(timer);
      void unsubscribe?.then((stop) => stop?.()).catch(() => undefined);
    },
  };
}
