import type { Storage } from 'botbuilder';
import Redis from 'ioredis';
import { LocalConversationLock, RedisConversationLock, type ConversationLock } from './conversationLock';
import { LocalEventBus, RedisEventBus, type EventBus } from './eventBus';
import { ExpiringMemoryStorage } from './expiringMemoryStorage';
import { MemoryRecentLog, RedisRecentLog, type RecentLog } from './recentLog';
import { RedisStorage } from './redisStorage';

/** Everything the bot keeps outside its process: state documents, turn locks and cross-instance events. */
export interface StateBackend {
  kind: 'redis' | 'memory';
  storage: Storage;
  lock: ConversationLock;
  events: EventBus;
  /** Each conversation's recent transcript lines (JSON objects), outside the state document. */
  transcripts: RecentLog<unknown>;
  /** The Redis connection itself (absent in memory), for parts with data shapes of their own: the Direct Line activity log, rate limits. */
  redis?: Redis;
  /** True when the store answers now. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** Transcript lines a conversation keeps: enough for a counsellor to see what came before a handoff. */
export const TRANSCRIPT_LIMIT = 30;

export interface BackendOptions {
  redisUrl?: string;
  keyPrefix: string;
  ttlSeconds: number;
  lockTimeoutMs: number;
}

/** State in this process only: lost on restart, not shared, but expiring like Redis state. */
export function createMemoryBackend(ttlSeconds = 30 * 86400): StateBackend {
  const events = new LocalEventBus();
  const storage = new ExpiringMemoryStorage(ttlSeconds);
  return {
    kind: 'memory',
    storage,
    lock: new LocalConversationLock(),
    events,
    transcripts: new MemoryRecentLog({ limit: TRANSCRIPT_LIMIT, ttlSeconds }),
    isReachable: async () => true,
    close: async () => {
      storage.close();
      await events.close();
    },
  };
}

/**
 * Connects to Redis and waits until it answers. Commands fail fast while Redis is away (no offline queue)
 * so a resident gets "please try again" at once instead of a hanging turn; ioredis keeps reconnecting.
 */
export async function createRedisBackend(options: BackendOptions & { redisUrl: string }): Promise<StateBackend> {
  const redis = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Commands issued in the same tick (by many conversations at once) leave in one socket write: on this
    // kind of machine a write costs more than the command itself.
    enableAutoPipelining: true,
    connectTimeout: 3000,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  redis.on('error', () => undefined); // reported through readiness and turn errors, not as unhandled events
  await redis.connect();
  const events = new RedisEventBus(redis, options.keyPrefix);
  return {
    kind: 'redis',
    storage: new RedisStorage(redis, { keyPrefix: options.keyPrefix, ttlSeconds: options.ttlSeconds }),
    lock: new RedisConversationLock(redis, { keyPrefix: options.keyPrefix, timeoutMs: options.lockTimeoutMs }),
    events,
    transcripts: new RedisRecentLog(redis, options.keyPrefix, { limit: TRANSCRIPT_LIMIT, ttlSeconds: options.ttlSeconds }),
    redis,
    isReachable: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      await events.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export function createBackend(options: BackendOptions): Promise<StateBackend> {
  return options.redisUrl
    ? createRedisBackend({ ...options, redisUrl: options.redisUrl })
    : Promise.resolve(createMemoryBackend(options.ttlSeconds));
}
