import type { Activity } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { createServiceDialogs } from '../dialogs';
import type { DialogServices } from '../dialogs/services';
import { createCloudAdapter, installTurnErrorHandler, type BrobyggerAdapter } from './bot/adapter';
import { createDirectLine, type DirectLine } from './channels/directline';
import { registerWebChat } from './channels/webchat';
import { Bot, markRightToLeft, type BotDependencies, type HandoffGate } from './bot/app';
import { createHandoffGate } from './bot/handoffGate';
import { HumanDialog } from '../dialogs/human';
import { createHandoff, factsFromCatalog, type Handoff } from './handoff';
import { RTL_LANGUAGES, type Lang } from './language/languages';
import { createStaffDeps, registerStaffRoutes, type StaffRoutes } from './staff/routes';
import { loadCatalog, type Catalog } from './catalog';
import type { Config } from './config';
import { LanguageDetector } from './language/detect';
import { createTranslator, type Translator } from './language/i18n';
import { createLogger, type Logger } from './log';
import { createLimits } from './limits';
import { Metrics } from './metrics';
import { RequestStore } from './requests/requestStore';
import { createServer, type BotServer } from './server';
import { createTeamsStaff } from './channels/teams';
import { createBackend, type StateBackend } from './storage/backend';
import type { RecentLog } from './storage/recentLog';
import type { TranscriptLine } from './state/types';
import { CONFIDENCE_THRESHOLD, EntityReader, Understanding } from './understanding';
import { dangerOf } from './understanding/policy';

/**
 * The composition root: builds every part from the configuration. `src/index.ts` (the server), the
 * terminal chat, the tests and the benchmarks all start Brobygger through here, so they run the same bot.
 */
export interface Brobygger {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  backend: StateBackend;
  translator: Translator;
  catalog: Catalog;
  understanding: Understanding;
  requests: RequestStore;
  /** The handoff service (queue, sessions) and staff directory. */
  handoff: Handoff;
  adapter: BrobyggerAdapter;
  bot: Bot;
  /** The resident's web chat channel (our Direct Line endpoint). */
  directLine: DirectLine;
  http: BotServer;
  /** Stops taking requests (and ends staff event streams and timers); turns in flight carry on. */
  stopAccepting(): void;
  close(): Promise<void>;
}

export interface ComposeOptions {
  logger?: Logger;
  clock?: () => Date;
  /** Use this backend instead of creating one from the configuration. */
  backend?: StateBackend;
  /** An already trained model (read-only, so tests may share one between bots instead of training each). */
  understanding?: Understanding;
  /** An already built language detector (read-only, shared the same way). */
  detector?: LanguageDetector;
  /** Told what the bot did in each turn (the conversation scenario runner). */
  onTurnTrace?: BotDependencies['onTurnTrace'];
}

export async function createBrobygger(config: Config, options: ComposeOptions = {}): Promise<Brobygger> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  const metrics = new Metrics();

  // Facts and language resources first: a broken data file stops start-up before anything listens.
  const catalog = loadCatalog(config.dataDir);
  const [translator, understanding] = await Promise.all([
    createTranslator(config.localesDir),
    options.understanding ?? Understanding.create(config.localesDir, { cacheDir: config.modelCacheDir }),
  ]);
  const detector = options.detector ?? LanguageDetector.create(config.localesDir);
  const commands = understanding.commands;

  const backend =
    options.backend ??
    (await createBackend({
      redis: config.redis,
      keyPrefix: config.redisKeyPrefix,
      ttlSeconds: config.stateTtlSeconds,
      lockTimeoutMs: config.turnLockTimeoutMs,
      lockLeaseMs: config.turnLockLeaseMs,
      waitReplicas: config.redisWaitReplicas,
      waitTimeoutMs: config.redisWaitTimeoutMs,
      onReplicaShortfall: (acked) => logger.warn({ acked, wanted: config.redisWaitReplicas }, 'a write reached fewer Redis replicas than REDIS_WAIT_REPLICAS in time'),
    }));
  const limits = createLimits(config, { redis: backend.redis, metrics, logger });
  const requests = new RequestStore(backend.storage, clock, limits.openRequests);
  const services: DialogServices = { catalog, requests, clock, localesDir: config.localesDir };

  // Our own Direct Line channel: the adapter reaches its conversations in-process (src/channels/directline).
  const directLine = createDirectLine({ config, backend, logger, clock });
  const adapter = createCloudAdapter(config, { inProcessConnector: directLine.channel.connector });
  installTurnErrorHandler(adapter, { logger, metrics, translator });

  // The handoff service, the gate through which a human-held conversation bypasses the bot, the dialog.
  const facts = factsFromCatalog(catalog);
  const handoff = createHandoff({
    config,
    backend,
    translator,
    facts,
    sendToResident: (reference, activities) =>
      adapter.continueConversationAsync(config.microsoftApp.appId ?? '', reference, async (context) => {
        // A counsellor's message, a queue update or a timer's notice replies to nothing. Sent from this context
        // each would carry the made-up id of botbuilder's continuation event as replyToId, and Web Chat holds
        // a message whose replyToId it has never seen for up to 5 s.
        delete (context.activity as Partial<Activity>).id;
        // Outside a turn the pipeline's outgoing middleware does not run: mark right-to-left text here.
        await context.sendActivities(
          activities.map((a) => (a.text && a.locale && RTL_LANGUAGES.has(a.locale as Lang) ? { ...a, text: markRightToLeft(a.text) } : a)),
        );
      }),
    logger,
    metrics,
    clock,
  });
  metrics.watchHandoffQueue(() => handoff.service.queueFigures());
  const handoffGate: HandoffGate = createHandoffGate(
    handoff.service,
    (text, lang) => {
      // While a person has (or is about to have) the chat, only danger words count: the classifier's guess
      // must never end or re-queue a handoff, and "ok", "tak", "besked 1" are not a crisis.
      const danger = dangerOf(understanding.read(text, lang), { pressedButton: false, handoff: 'queued' });
      return { danger: !!danger, kind: danger?.kind };
    },
    commands,
  );
  // Staff in Microsoft Teams: cards in the staff channel, take-over from the card, replies in its thread.
  const teamsStaff = createTeamsStaff({ config, adapter, backend, handoff, translator, logger, clock });
  adapter.use(teamsStaff.middleware);
  await teamsStaff.start();
  const humanDialogs: Dialog[] = [new HumanDialog(handoff.service)];
  const deleteHandoffData = (conversationId: string) => handoff.forget(conversationId);

  const bot = new Bot({
    storage: backend.storage,
    lock: backend.lock,
    transcripts: backend.transcripts as RecentLog<TranscriptLine>,
    translator,
    detector,
    understanding,
    entities: EntityReader.load(config.localesDir, catalog),
    commands,
    confidentAt: CONFIDENCE_THRESHOLD,
    dialogs: [...createServiceDialogs(services), ...humanDialogs],
    deleteResidentData: async ({ conversationId, userId }) => {
      await requests.deleteForResident({ conversationId, userId });
      await deleteHandoffData(conversationId);
      await directLine.channel.activityLog.forget(conversationId);
    },
    handoffGate,
    staffChannel: teamsStaff.staffChannel,
    helplines: (kind, lang) => facts.helplines(kind, lang),
    maxMessageLength: config.maxMessageLength,
    messageLimit: limits.residentMessages,
    dataLoss: backend.dataLoss,
    recoveryNoticeMs: config.recoveryNoticeMs,
    metrics,
    logger,
    clock,
    onTurnTrace: options.onTurnTrace,
  });
  directLine.channel.attach(adapter, (context) => bot.run(context));
  backend.dataLoss.onLoss((lostAt) => {
    logger.error({ lostAt: lostAt.toISOString() }, 'Redis lost its data (restarted empty?): open handoffs are told, conversations found empty are told they restarted');
    void handoff.recoverAfterDataLoss();
  });

  let staffRoutes: StaffRoutes | undefined;
  const http = createServer({
    adapter,
    bot,
    backend,
    metrics,
    logger,
    directLinePerAddress: limits.directLinePerAddress,
    registerChannelRoutes: (server) => {
      directLine.register(server);
      registerWebChat(server, { config, backend, tokens: directLine.tokens, logger, metrics });
    },
    registerStaffRoutes: (server) => {
      staffRoutes = registerStaffRoutes(server, createStaffDeps(handoff, { staffTokens: config.staffTokens, requests, logger, limits: limits.staff }));
    },
  });
  const stopAccepting = () => {
    http.beginShutdown();
    // Staff event streams never end by themselves; closing them lets shutdown wait only for real turns.
    staffRoutes?.closeStreams();
    directLine.stop();
    handoff.stop();
    void teamsStaff.stop();
  };

  return {
    config,
    logger,
    metrics,
    backend,
    translator,
    catalog,
    understanding,
    requests,
    handoff,
    adapter,
    bot,
    directLine,
    http,
    stopAccepting,
    async close() {
      stopAccepting();
      await teamsStaff.stop();
      await backend.close();
    },
  };
}
