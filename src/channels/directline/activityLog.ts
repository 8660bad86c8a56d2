import type { Activity } from 'botbuilder';
import { RedisKeys } from '../../storage/keys';
import type { RedisClient } from '../../storage/redisClient';

/** What a conversation's Direct Line record says about it (no resident text). */
export interface ConversationRecord {
  user: string;
  locale?: string;
  started: string;
}

export interface ActivityPage {
  activities: Partial<Activity>[];
  /** The sequence number of the last activity read (the client's next watermark). */
  watermark: number;
}

/**
 * Each Direct Line conversation's activities, in order, numbered 1, 2, 3… (the number is the watermark and
 * the tail of the activity id, `<conversation>|0000003`). Kept in Redis when configured, expiring like state.
 */
export interface ActivityLog {
  /** Records that the conversation started; true only for the call that started it. */
  start(conversationId: string, record: ConversationRecord): Promise<boolean>;
  conversation(conversationId: string): Promise<ConversationRecord | undefined>;
  /** Appends an activity and returns it with its id, and its sequence number. */
  append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: Partial<Activity>; seq: number }>;
  /** Activities after `watermark` (0: all that are kept). */
  since(conversationId: string, watermark: number): Promise<ActivityPage>;
  /** Drops the conversation's activities ("delete my data"); numbering goes on, so open streams stay in step. */
  forget(conversationId: string): Promise<void>;
  close(): void;
}

/** A long conversation keeps its latest activities; a reload shows those. */
export const ACTIVITIES_KEPT = 500;

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

function withId(conversationId: string, seq: number, json: string): Partial<Activity> {
  return { ...(JSON.parse(json) as Partial<Activity>), id: activityId(conversationId, seq) };
}

// KEYS: sequence, activities, record. ARGV: activity JSON (without id), kept, ttl ms.
// One script so number, entry, trim and expiry happen together; all keys share the conversation's hash slot.
const APPEND = `
local n = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], n, n .. ':' .. ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[2]) + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return n`;

// KEYS: record. ARGV: record JSON, ttl ms. Returns 1 when this call created the record.
const START = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0`;

type RedisWithScripts = RedisClient & {
  brobyggerDirectLineAppend(seqKey: string, logKey: string, recordKey: string, json: string, kept: number, ttlMs: number): Promise<number>;
  brobyggerDirectLineStart(recordKey: string, json: string, ttlMs: number): Promise<number>;
};

export class RedisActivityLog implements ActivityLog {
  private readonly redis: RedisWithScripts;
  private readonly keys: RedisKeys;

  constructor(redis: RedisClient, private readonly options: { keyPrefix: string; ttlSeconds: number }) {
    this.keys = new RedisKeys(options.keyPrefix);
    if (!('brobyggerDirectLineAppend' in redis)) {
      redis.defineCommand('brobyggerDirectLineAppend', { numberOfKeys: 3, lua: APPEND });
      redis.defineCommand('brobyggerDirectLineStart', { numberOfKeys: 1, lua: START });
    }
    this.redis = redis as RedisWithScripts;
  }

  async start(conversationId: string, record: ConversationRecord): Promise<boolean> {
    return (await this.redis.brobyggerDirectLineStart(this.key(conversationId, 'conversation'), JSON.stringify(record), this.ttlMs)) === 1;
  }

  async conversation(conversationId: string): Promise<ConversationRecord | undefined> {
    const raw = await this.redis.get(this.key(conversationId, 'conversation'));
    return raw ? (JSON.parse(raw) as ConversationRecord) : undefined;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: Partial<Activity>; seq: number }> {
    const { id: _ignored, ...rest } = activity;
    const json = JSON.stringify(rest);
    const seq = await this.redis.brobyggerDirectLineAppend(
      this.key(conversationId, 'seq'),
      this.key(conversationId, 'activities'),
      this.key(conversationId, 'conversation'),
      json,
      ACTIVITIES_KEPT,
      this.ttlMs,
    );
    return { activity: withId(conversationId, seq, json), seq };
  }

  async since(conversationId: string, watermark: number): Promise<ActivityPage> {
    const entries = await this.redis.zrangebyscore(this.key(conversationId, 'activities'), `(${watermark}`, '+inf');
    let last = watermark;
    const activities = entries.map((entry) => {
      const sep = entry.indexOf(':');
      const seq = Number(entry.slice(0, sep));
      last = seq;
      return withId(conversationId, seq, entry.slice(sep + 1));
    });
    return { activities, watermark: last };
  }

  async forget(conversationId: string): Promise<void> {
    await this.redis.del(this.key(conversationId, 'activities'));
  }

  close(): void {
    // The connection belongs to the state backend.
  }

  private get ttlMs(): number {
    return this.options.ttlSeconds * 1000;
  }

  private key(conversationId: string, part: string): string {
    // In the conversation's hash tag (src/storage/keys.ts): its activities share the Cluster slot of its state
    // and lock, so the append script may touch them all.
    return `${this.options.keyPrefix}${this.keys.conversationTag(conversationId)}:directline:${part}`;
  }
}

interface MemoryConversation {
  seq: number;
  entries: { seq: number; json: string }[];
  record?: ConversationRecord;
  expiresAt: number;
}

/** The same log in this process (no REDIS_URL): lost on restart, expiring like the in-memory state. */
export class MemoryActivityLog implements ActivityLog {
  private readonly conversations = new Map<string, MemoryConversation>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly options: { ttlSeconds: number; clock?: () => Date }) {
    this.sweep = setInterval(() => this.dropExpired(), 60_000);
    this.sweep.unref();
  }

  async start(conversationId: string, record: ConversationRecord): Promise<boolean> {
    const c = this.touch(conversationId);
    if (c.record) return false;
    c.record = record;
    return true;
  }

  async conversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return this.live(conversationId)?.record;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: Partial<Activity>; seq: number }> {
    const c = this.touch(conversationId);
    const { id: _ignored, ...rest } = activity;
    const json = JSON.stringify(rest);
    const seq = ++c.seq;
    c.entries.push({ seq, json });
    if (c.entries.length > ACTIVITIES_KEPT) c.entries.splice(0, c.entries.length - ACTIVITIES_KEPT);
    return { activity: withId(conversationId, seq, json), seq };
  }

  async since(conversationId: string, watermark: number): Promise<ActivityPage> {
    const entries = this.live(conversationId)?.entries.filter((e) => e.seq > watermark) ?? [];
    return {
      activities: entries.map((e) => withId(conversationId, e.seq, e.json)),
      watermark: entries.at(-1)?.seq ?? watermark,
    };
  }

  async forget(conversationId: string): Promise<void> {
    const c = this.live(conversationId);
    if (c) c.entries = [];
  }

  close(): void {
    clearInterval(this.sweep);
    this.conversations.clear();
  }

  private now(): number {
    return (this.options.clock?.() ?? new Date()).getTime();
  }

  private live(conversationId: string): MemoryConversation | undefined {
    const c = this.conversations.get(conversationId);
    if (c && c.expiresAt <= this.now()) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return c;
  }

  private touch(conversationId: string): MemoryConversation {
    const expiresAt = this.now() + this.options.ttlSeconds * 1000;
    const c = this.live(conversationId);
    if (c) {
      c.expiresAt = expiresAt;
      return c;
    }
    const created: MemoryConversation = { seq: 0, entries: [], expiresAt };
    this.conversations.set(conversationId, created);
    return created;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, c] of this.conversations) if (c.expiresAt <= now) this.conversations.delete(id);
  }
}
