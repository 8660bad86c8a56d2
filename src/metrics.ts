import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What operations watches, as Prometheus text (`GET /metrics`), with prom-client: the process's own figures
 * (event loop lag, GC, heap, CPU; `nodejs_*`, `process_*`) and the bot's (`brobygger_*`). Counters are per
 * process: Prometheus sums the instances.
 *
 * Each Metrics has a registry of its own, so several bots in one process (tests) never count into each
 * other's figures or register a name twice. The process's figures are the process's, whoever asks: they are
 * collected once, in a registry of the module, and added to every scrape (collecting them per bot would start
 * an event-loop monitor and a GC observer per bot, never stopped).
 *
 * Labels are few and bounded (a route, a language, a scope): a label from outside (a conversation, a user)
 * would make a series per resident.
 */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LOCK_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Residents wait for a person in minutes, not milliseconds. */
const WAIT_BUCKETS = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
/** A scrape must not hang on a slow store: the queue figures wait this long, then keep their last values. */
const QUEUE_READ_TIMEOUT_MS = 1000;
const LABEL = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

/** The handoff queue now (HandoffService.queueFigures). */
export interface QueueFigures {
  queued: number;
  claimed: number;
  /** How long the resident waiting longest has waited (0 when nobody waits). */
  oldestWaitSeconds: number;
}

/** Where a turn went: its route (`clubs`, `menu`, `human`, `staff`, ...) and the resident's language. */
export interface TurnLabels {
  route?: string;
  language?: string;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly withProcess: boolean;
  private readonly turns: Counter<'route' | 'language'>;
  private readonly turnErrors: Counter;
  private readonly turnDuration: Histogram;
  private readonly storageConflicts: Counter;
  private readonly rejectedActivities: Counter;
  private readonly handoffs: Counter;
  private readonly handoffWait: Histogram;
  private readonly rateLimits: Counter<'scope'>;
  private readonly lockWait: Histogram;
  private readonly lockFailures: Counter<'kind'>;
  private queueSource?: () => Promise<QueueFigures>;
  private lastQueue: QueueFigures = { queued: 0, claimed: 0, oldestWaitSeconds: 0 };

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.withProcess = options.defaultMetrics !== false;
    if (this.withProcess) processRegistry();
    this.turns = new Counter({ name: 'brobygger_turns_total', help: 'Turns handled, by route and language (sum them for all turns).', labelNames: ['route', 'language'], registers });
    this.turnErrors = new Counter({ name: 'brobygger_turn_errors_total', help: 'Turns that ended in an error sent to onTurnError.', registers });
    this.turnDuration = new Histogram({ name: 'brobygger_turn_duration_seconds', help: 'Time to handle one turn, lock wait included.', buckets: TURN_BUCKETS, registers });
    this.storageConflicts = new Counter({ name: 'brobygger_storage_conflicts_total', help: 'State writes refused because of a stale eTag.', registers });
    this.rejectedActivities = new Counter({ name: 'brobygger_rejected_activities_total', help: 'Requests to /api/messages refused as malformed.', registers });
    this.handoffs = new Counter({ name: 'brobygger_handoffs_total', help: 'Conversations handed to a human.', registers });
    this.handoffWait = new Histogram({ name: 'brobygger_handoff_wait_seconds', help: 'How long residents waited in the queue until a person took the chat.', buckets: WAIT_BUCKETS, registers });
    this.rateLimits = new Counter({ name: 'brobygger_rate_limited_total', help: 'Requests refused by a rate limit, by scope.', labelNames: ['scope'], registers });
    this.lockWait = new Histogram({ name: 'brobygger_lock_wait_seconds', help: "How long a turn waited for its conversation's lock (and its state read).", buckets: LOCK_BUCKETS, registers });
    this.lockFailures = new Counter({ name: 'brobygger_lock_failures_total', help: 'Turns that did not get their lock in time (timeout) or lost it during a stall (lost).', labelNames: ['kind'], registers });

    const queue = () => this.readQueue();
    new Gauge({ name: 'brobygger_handoff_queue_length', help: 'Open handoffs: waiting for a person (queued) or with one (claimed).', labelNames: ['state'], registers, async collect() {
      const figures = await queue();
      this.set({ state: 'queued' }, figures.queued);
      this.set({ state: 'claimed' }, figures.claimed);
    } });
    new Gauge({ name: 'brobygger_handoff_oldest_wait_seconds', help: 'How long the resident waiting longest for a person has waited so far.', registers, async collect() {
      this.set((await queue()).oldestWaitSeconds);
    } });
  }

  /** One turn done: how long it took and where it went. */
  turnCompleted(seconds: number, labels: TurnLabels = {}): void {
    this.turns.inc({ route: bounded(labels.route), language: bounded(labels.language) });
    this.turnDuration.observe(seconds);
  }

  turnFailed(): void {
    this.turnErrors.inc();
  }

  storageConflict(): void {
    this.storageConflicts.inc();
  }

  activityRejected(): void {
    this.rejectedActivities.inc();
  }

  handoffStarted(): void {
    this.handoffs.inc();
  }

  /** A person took a chat after the resident had waited this long. */
  handoffClaimed(waitSeconds: number): void {
    this.handoffWait.observe(Math.max(0, waitSeconds));
  }

  /** A rate limit refused something; `scope` names which limit (`resident`, `ip`, `staffToken`, `signIn`, ...). */
  rateLimited(scope: string): void {
    this.rateLimits.inc({ scope: bounded(scope) });
  }

  /** A turn held its conversation's lock after waiting this long. */
  lockWaited(seconds: number): void {
    this.lockWait.observe(seconds);
  }

  /** A turn did not get its lock in time (`timeout`) or lost it (`lost`). */
  lockFailed(kind: 'timeout' | 'lost'): void {
    this.lockFailures.inc({ kind });
  }

  /** Where the queue figures come from (read at each scrape). */
  watchHandoffQueue(source: () => Promise<QueueFigures>): void {
    this.queueSource = source;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    const own = await this.registry.metrics();
    return this.withProcess ? `${await processRegistry().metrics()}\n${own}` : own;
  }

  /** The queue once per scrape (both gauges ask), within a timeout; a store that is away keeps the last figures. */
  private queueRead?: Promise<QueueFigures>;
  private readQueue(): Promise<QueueFigures> {
    if (!this.queueSource) return Promise.resolve(this.lastQueue);
    this.queueRead ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), QUEUE_READ_TIMEOUT_MS);
        });
        const figures = await Promise.race([this.queueSource!(), timeout]);
        if (figures) this.lastQueue = figures;
      } catch {
        // The store is away: /readyz and the turn errors say so; the scrape still answers.
      } finally {
        clearTimeout(timer);
        this.queueRead = undefined;
      }
      return this.lastQueue;
    })();
    return this.queueRead;
  }
}

let processFigures: Registry | undefined;

/** Event loop lag, GC, heap, CPU, open handles: started at the first Metrics, once per process. */
function processRegistry(): Registry {
  if (!processFigures) {
    processFigures = new Registry();
    collectDefaultMetrics({ register: processFigures });
  }
  return processFigures;
}

/** A label value we chose (a route, a language, a scope); anything else is `other`, so series stay few. */
function bounded(value: string | undefined): string {
  if (value === undefined || value === '') return 'none';
  return LABEL.test(value) ? value : 'other';
}
