import type { Storage } from 'botbuilder';
import { LocalConversationLock, RedisConversationLock, type ConversationLock } from './conversationLock';
import { LocalEventBus, RedisEventBus, type EventBus } from './eventBus';
import { NEVER_LOST, RedisDataLossWatch, type DataLossWatch } from './dataLoss';
import { ExpiringMemoryStorage } from './expiringMemoryStorage';
import { migrateKeyLayout } from './migrateKeys';
import { MemoryRecentLog, RedisRecentLog, type RecentLog } from './recentLog';
import { allAnswer, closeClient, connectClient, createClient, type RedisClient, type RedisConnection } from './redisClient';
import { RedisStorage } from './redisStorage';
import { ReplicaAck } from './replicaAck';

export type { RedisConnection } from './redisClient';

/** Everything the bot keeps outside its process: state documents, turn locks and cross-instance events. */
export interface StateBackend {
  kind: 'redis' | 'memory';
  /** How Redis is reached (for /readyz and logs). */
  mode: 'memory' | RedisConnection['mode'];
  storage: Storage;
  lock: ConversationLock;
  events: EventBus;
  /** Each conversation's recent transcript lines (JSON objects), outside the state document. */
  transcripts: RecentLog<unknown>;
  /** Notices when Redis lost its data (restarted empty), and which conversations that touched. */
  dataLoss: DataLossWatch;
  /**
   * The Redis client itself (single, Sentinel or Cluster; absent in memory), for parts with data shapes of
   * their own: the Direct Line activity log, rate limits. Each of their commands and scripts must keep to
   * one hash tag (keys.ts: a conversation's things under `conversationTag`).
   */
  redis?: RedisClient;
  /** True when the store answers now (every part of it, on a cluster). */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** Transcript lines a conversation keeps: enough for a counsellor to see what came before a handoff. */
export const TRANSCRIPT_LIMIT = 30;

export interface BackendOptions {
  /** A single Redis server (shorthand for `redis: { mode: 'single', url }`). */
  redisUrl?: string;
  redis?: RedisConnection;
  keyPrefix: string;
  ttlSeconds: number;
  /** How long a turn waits for its conversation's lock. */
  lockTimeoutMs: number;
  /** How long a lock outlives its holder's last renewal (default 2 s). */
  lockLeaseMs?: number;
  /** Replicas every acknowledged write must reach (Redis WAIT) before a turn is answered; 0: do not wait. */
  waitReplicas?: number;
  waitTimeoutMs?: number;
  /** Told when WAIT returned with fewer replicas than asked. */
  onReplicaShortfall?: (acked: number) => void;
}

export const DEFAULT_LOCK_LEASE_MS = 2000;
const MARKER_MIN_TTL_SECONDS = 86400;

/** State in this process only: lost on restart, not shared, but expiring like Redis state. */
export function createMemoryBackend(ttlSeconds = 30 * 86400): StateBackend {
  const events = new LocalEventBus();
  const storage = new ExpiringMemoryStorage(ttlSeconds);
  const transcripts = new MemoryRecentLog<unknown>({ limit: TRANSCRIPT_LIMIT, ttlSeconds });
  return {
    kind: 'memory',
    mode: 'memory',
    storage,
    lock: new LocalConversationLock({ storage, transcripts }),
    events,
    transcripts,
    dataLoss: NEVER_LOST,
    isReachable: async () => true,
    close: async () => {
      storage.close();
      await events.close();
    },
  };
}

function connectionOf(options: BackendOptions): RedisConnection {
  if (options.redis) return options.redis;
  if (options.redisUrl) return { mode: 'single', url: options.redisUrl };
  throw new Error('no Redis connection given');
}

/** Connects to Redis (single, Sentinel or Cluster), waits until it answers, and brings old keys to the current layout. */
export async function createRedisBackend(options: BackendOptions): Promise<StateBackend> {
  const connection = connectionOf(options);
  const redis: RedisClient = createClient(connection);
  await connectClient(redis);
  const replicaAck = options.waitReplicas
    ? new ReplicaAck(redis, { replicas: options.waitReplicas, timeoutMs: options.waitTimeoutMs ?? 500, onShort: options.onReplicaShortfall })
    : undefined;
  const storage = new RedisStorage(redis, { keyPrefix: options.keyPrefix, ttlSeconds: options.ttlSeconds, replicaAck });
  // The markers outlive state and never expire between two checks, however short STATE_TTL_DAYS is.
  const markerTtlSeconds = Math.max(options.ttlSeconds, MARKER_MIN_TTL_SECONDS);
  await migrateKeyLayout(redis, storage.keys, { ttlSeconds: markerTtlSeconds });
  const dataLoss = await RedisDataLossWatch.start(redis, storage.keys, { ttlSeconds: markerTtlSeconds });
  const events = new RedisEventBus(redis, options.keyPrefix);
  return {
    kind: 'redis',
    mode: connection.mode,
    storage,
    lock: new RedisConversationLock(redis, storage, {
      leaseMs: options.lockLeaseMs ?? DEFAULT_LOCK_LEASE_MS,
      waitMs: options.lockTimeoutMs,
      transcriptLimit: TRANSCRIPT_LIMIT,
      replicaAck,
    }),
    events,
    transcripts: new RedisRecentLog(redis, options.keyPrefix, { limit: TRANSCRIPT_LIMIT, ttlSeconds: options.ttlSeconds }),
    dataLoss,
    redis,
    isReachable: () => allAnswer(redis),
    close: async () => {
      dataLoss.close();
      await events.close();
      await closeClient(redis);
    },
  };
}

export function createBackend(options: BackendOptions): Promise<StateBackend> {
  return options.redis || options.redisUrl ? createRedisBackend(options) : Promise.resolve(createMemoryBackend(options.ttlSeconds));
}
