import type { Activity, ConversationReference } from 'botbuilder';
import type { Config } from '../config';
import type { Translator } from '../language/i18n';
import type { Lang } from '../language/languages';
import type { Logger } from '../log';
import type { StoredRequest } from '../requests/requestStore';
import type { StateBackend } from '../storage/backend';
import { StaffAuth } from '../staff/auth';
import type { StaffDeps } from '../staff/routes';
import { toActivity } from './activities';
import { loadCannedReplies } from './canned';
import { HandoffService, type ScreenResult } from './service';
import { StaffDirectory } from './staffDirectory';
import { HandoffStore } from './store';
import { HandoffTexts } from './texts';
import type { HandoffFacts } from './types';

export { HandoffService } from './service';
export type { EscalateInput, ScreenResult } from './service';
export { factsFromCatalog } from './facts';
export { toActivity } from './activities';
export * from './types';

export interface HandoffDeps {
  config: Pick<Config, 'staffTokens' | 'handoffUnclaimedMs' | 'maxMessageLength' | 'dataDir'>;
  backend: Pick<StateBackend, 'storage' | 'events'>;
  translator: Translator;
  /** Opening hours and helplines: `factsFromCatalog(catalog)`. */
  facts: HandoffFacts;
  /** Sends activities into the resident's conversation (the adapter's `continueConversationAsync`). */
  sendToResident(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void>;
  /** The safety screen for messages written while waiting (a danger message makes the chat urgent). */
  screen(text: string, lang: Lang): ScreenResult;
  requests: { list(limit?: number): Promise<StoredRequest[]> };
  logger?: Logger;
  clock?: () => Date;
  /** How often each instance looks for chats nobody claimed in time (ms); 0 turns the sweep off. */
  sweepEveryMs?: number;
}

export interface Handoff {
  service: HandoffService;
  /** For `handoffGate.ts` (src/bot) and `dialogs/human.ts`. */
  screen: HandoffDeps['screen'];
  /** For `registerStaffRoutes(server, staffDeps)`. */
  staffDeps: StaffDeps;
  /** Removes a conversation's handoff (the resident asked to delete their data). */
  forget(conversationId: string): Promise<void>;
  /** Stops the unclaimed-chat sweep. */
  stop(): void;
}

export function createHandoff(deps: HandoffDeps): Handoff {
  const auth = new StaffAuth(deps.config.staffTokens);
  const staff = StaffDirectory.load(deps.config.dataDir, auth.staffIds);
  const store = new HandoffStore(deps.backend.storage);
  const service = new HandoffService({
    store,
    events: deps.backend.events,
    texts: new HandoffTexts(deps.translator, deps.facts),
    facts: deps.facts,
    staff,
    sendToResident: (address, messages) => deps.sendToResident(address as Partial<ConversationReference>, messages.map(toActivity)),
    unclaimedMs: deps.config.handoffUnclaimedMs,
    maxMessageLength: deps.config.maxMessageLength,
    logger: deps.logger,
    clock: deps.clock,
  });

  const every = deps.sweepEveryMs ?? Math.min(30_000, Math.max(1000, Math.round(deps.config.handoffUnclaimedMs / 4)));
  const timer =
    every > 0
      ? setInterval(() => {
          service.sweepUnclaimed().catch((err) => deps.logger?.warn({ err }, 'unclaimed-chat sweep failed'));
        }, every)
      : undefined;
  timer?.unref();

  return {
    service,
    screen: deps.screen,
    staffDeps: { handoff: service, auth, staff, requests: deps.requests, canned: loadCannedReplies(deps.translator), logger: deps.logger },
    forget: (conversationId) => service.forget(conversationId),
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
