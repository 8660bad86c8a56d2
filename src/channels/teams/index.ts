import type { CloudAdapter, Middleware } from 'botbuilder';
import type { StaffChannel } from '../../bot/app';
import type { Config } from '../../config';
import type { Handoff } from '../../handoff';
import type { Translator } from '../../language/i18n';
import type { Logger } from '../../log';
import type { StateBackend } from '../../storage/backend';
import { registerTeamsRoutes } from './routes';
import { TeamsStore, type StaffConversation } from './store';
import { adapterSender, TeamsCards, type TeamsSender } from './teamsCards';
import { cleanTeamsEntities, isTeams } from './teamsActivity';

export { buildTeamsPackage } from './appPackage';

/** The language of the staff's shared cards and of what the bot says to staff. */
const STAFF_LANGUAGE = 'da';

export interface TeamsStaffDeps {
  config: Pick<Config, 'microsoftApp' | 'teams'>;
  adapter: CloudAdapter;
  backend: Pick<StateBackend, 'storage' | 'lock'>;
  handoff: Pick<Handoff, 'service' | 'staff' | 'canned'>;
  translator: Translator;
  logger?: Logger;
  clock?: () => Date;
  /** Tests may send elsewhere; by default through the adapter. */
  sender?: TeamsSender;
}

export interface TeamsStaff {
  /** For the Bot: every Teams activity is staff's and goes to the Teams routes. */
  staffChannel: StaffChannel;
  /** For the adapter (`adapter.use`): cleans what would make Teams AI fail a Teams turn. */
  middleware: Middleware;
  /** Starts following the handoff events (cards, thread relay). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Staff in Microsoft Teams: handoff cards in the staff channel, take over / hand back / close from the
 * card, replies in the card's thread relayed to the resident, staff identity from Teams (data/staff.json).
 */
export function createTeamsStaff(deps: TeamsStaffDeps): TeamsStaff {
  const clock = deps.clock ?? (() => new Date());
  const appId = deps.config.microsoftApp.appId ?? '';
  const t = deps.translator.fixed(STAFF_LANGUAGE);
  const store = new TeamsStore(deps.backend.storage);
  const sender = deps.sender ?? adapterSender(deps.adapter, appId);
  const teams = deps.config.teams;
  const configured: StaffConversation | undefined = teams.staffConversationId
    ? {
        conversationId: teams.staffConversationId,
        kind: /@thread\.(tacv2|skype)$/.test(teams.staffConversationId) ? 'channel' : 'groupChat',
        serviceUrl: teams.serviceUrl,
        tenantId: deps.config.microsoftApp.tenantId,
        botId: `28:${appId}`,
        installedAt: new Date(0).toISOString(),
      }
    : undefined;
  const cards = new TeamsCards({
    store,
    lock: deps.backend.lock,
    service: deps.handoff.service,
    staff: deps.handoff.staff,
    canned: deps.handoff.canned,
    sender,
    t,
    configured,
    logger: deps.logger,
    clock,
  });
  let unsubscribe: (() => Promise<void>) | undefined;
  let stopping: Promise<void> | undefined;

  return {
    staffChannel: {
      isStaffActivity: (context) => isTeams(context.activity),
      registerRoutes: (app) =>
        registerTeamsRoutes(app, {
          cards,
          store,
          service: deps.handoff.service,
          staff: deps.handoff.staff,
          canned: deps.handoff.canned,
          sender,
          translator: deps.translator,
          t,
          staffConversationId: teams.staffConversationId,
          logger: deps.logger,
          clock,
        }),
    },
    middleware: cleanTeamsEntities,
    async start() {
      unsubscribe ??= await deps.handoff.service.subscribe((event) => void cards.onEvent(event));
    },
    stop() {
      // Called twice on close (stop accepting, then close): both wait for the same unsubscribe.
      const stop = unsubscribe;
      unsubscribe = undefined;
      if (stop) stopping = stop();
      return stopping ?? Promise.resolve();
    },
  };
}
