import { randomBytes } from 'node:crypto';
import { encodeLogEntry } from './logEntryCodec';
import type { Storage, StoreItems } from 'botbuilder';
import { LockLostError, LockTimeoutError, StorageConflictError } from './errors';
import { hashTag } from './keys';
import { isCluster, type RedisClient, type SCRIPTS_WITH_VARIABLE_KEYS } from './redisClient';
import { parseStored, nextETag, type RedisStorage } from './redisStorage';
import type { RecentLog } from './recentLog';
import type { ReplicaAck } from './replicaAck';

export { LockLostError, LockTimeoutError } from './errors';

/**
 * Serialises the turns of one conversation so that two messages arriving at once (on one instance or on
 * several sharing Redis) are handled one after the other and both leave their mark in state, and makes a
 * turn's writes all-or-nothing.
 *
 * Within a process, turns for the same key queue on a promise chain (no polling). Across processes a Redis
 * lock guards the same key: `SET NX PX <lease>` with a token of this turn, renewed every third of the lease
 * while the turn runs. A process that dies stops renewing, so its lock is free one lease later (2 s by
 * default) instead of blocking the conversation.
 *
 * A short lease has a price: a turn stalled for longer than the lease (a frozen process, a Redis pause) may
 * find that its lock expired and another turn took it. Such a turn must not write: its commit is one Lua
 * script in the conversation's hash slot that first checks the lock still holds this turn's token (fencing),
 * then writes the state document and the transcript lines and lets the lock go, all at once. If the token is
 * gone nothing is written and the turn fails with LockLostError (the resident is asked to send it again).
 */
export interface TurnWrites {
  /** State documents to write (botbuilder store items; their eTags are checked for the conversation's own). */
  changes?: StoreItems;
  deletions?: string[];
  /** The conversation's transcript (a RecentLog key): lines to append, or delete it all. */
  transcript?: { key: string; append?: unknown[]; delete?: boolean };
}

/** What the work inside the lock may use. */
export interface TurnLease {
  /** The documents named in `prefetchKeys`, read once the lock was held (undefined without any). */
  prefetched?: StoreItems;
  /** Adds writes to this turn's next commit. */
  stage(writes: TurnWrites): void;
  /**
   * Writes what was staged: the conversation's own documents and transcript fenced and at once, and lets the
   * lock go with them (the turn is over; the next turn may start at once). Documents of another hash slot
   * (user state) are written first, last writer wins, and acknowledged before the lock goes. Rejects with
   * LockLostError (nothing of the conversation written) or StorageConflictError (nothing written, lock kept).
   */
  commit(): Promise<void>;
}

export interface ConversationLock {
  /**
   * Runs `work` while no other work for `key` (`<channel>/<conversation id>`) runs, here or on another
   * instance. The documents in `prefetchKeys` are read together with the lock request (one round trip).
   * Whatever `work` left uncommitted (a failed turn's transcript) is committed and the lock let go after it.
   */
  run<T>(key: string, work: (lease: TurnLease) => Promise<T>, prefetchKeys?: string[]): Promise<T>;
}

/** A promise chain per key, removed when the chain is idle. */
class InProcessQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

function mergeStaged(into: Required<Pick<TurnWrites, 'changes' | 'deletions'>> & Pick<TurnWrites, 'transcript'>, writes: TurnWrites): void {
  Object.assign(into.changes, writes.changes ?? {});
  into.deletions.push(...(writes.deletions ?? []));
  if (writes.transcript) {
    if (writes.transcript.delete || !into.transcript) into.transcript = { ...writes.transcript, append: [...(writes.transcript.append ?? [])] };
    else into.transcript.append = [...(into.transcript.append ?? []), ...(writes.transcript.append ?? [])];
  }
}

const emptyStage = () => ({ changes: {} as StoreItems, deletions: [] as string[], transcript: undefined as TurnWrites['transcript'] });

/** In-process state: one process, so a turn can neither lose its lock nor race another instance. */
export class LocalConversationLock implements ConversationLock {
  private readonly queue = new InProcessQueue();

  constructor(private readonly store: { storage: Storage; transcripts: RecentLog<unknown> }) {}

  run<T>(key: string, work: (lease: TurnLease) => Promise<T>, prefetchKeys?: string[]): Promise<T> {
    return this.queue.run(key, async () => {
      let staged = emptyStage();
      const commit = async () => {
        const { changes, deletions, transcript } = staged;
        staged = emptyStage();
        if (Object.keys(changes).length) await this.store.storage.write(changes);
        if (deletions.length) await this.store.storage.delete(deletions);
        if (transcript?.delete) await this.store.transcripts.delete(transcript.key);
        else if (transcript?.append?.length) await this.store.transcripts.append(transcript.key, transcript.append);
      };
      const prefetched = prefetchKeys?.length ? await this.store.storage.read(prefetchKeys) : undefined;
      try {
        return await work({ prefetched, stage: (w) => mergeStaged(staged, w), commit });
      } finally {
        await commit().catch(() => undefined);
      }
    });
  }
}

const RENEW_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/**
 * The turn's commit, in the conversation's slot. KEYS: lock, transcript list, then the state documents.
 * ARGV: token, release ('1'), state TTL, transcript op ('', 'append', 'delete'), transcript limit, n,
 * n transcript entries, then per document: op ('set' or 'del'), expected eTag, new eTag, JSON.
 * Returns -1 when the lock is not ours (nothing written), 0 on an eTag conflict (nothing written, lock kept).
 */
const COMMIT_TURN = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local n = tonumber(ARGV[6])
local docs = 7 + n
for i = 3, #KEYS do
  local a = docs + (i - 3) * 4
  local expected = ARGV[a + 1]
  if ARGV[a] == 'set' and expected ~= '' and expected ~= '*' then
    local current = redis.call('GET', KEYS[i])
    if current then
      local sep = string.find(current, '|', 1, true)
      if not sep or string.sub(current, 1, sep - 1) ~= expected then return 0 end
    end
  end
end
for i = 3, #KEYS do
  local a = docs + (i - 3) * 4
  if ARGV[a] == 'set' then
    redis.call('SET', KEYS[i], ARGV[a + 2] .. '|' .. ARGV[a + 3], 'EX', ARGV[3])
  else
    redis.call('DEL', KEYS[i])
  end
end
if ARGV[4] == 'delete' then
  redis.call('DEL', KEYS[2])
elseif ARGV[4] == 'append' and n > 0 then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, 7, 6 + n))
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[5]), -1)
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
if ARGV[2] == '1' then redis.call('DEL', KEYS[1]) end
return 1
`;

export interface RedisConversationLockOptions {
  /** How long a lock outlives its holder's last renewal: a dead instance's conversations wait this long. */
  leaseMs: number;
  /** How long a turn waits for the lock before giving up ("still busy with your previous message"). */
  waitMs: number;
  /** Transcript lines kept per conversation. */
  transcriptLimit: number;
  replicaAck?: ReplicaAck;
}

type RedisWithLock = RedisClient & {
  brobyggerRenewLock(key: string, token: string, ms: number): Promise<number>;
  brobyggerCommitTurn(numKeys: number, ...args: (string | number)[]): Promise<number>;
};

// A token only has to differ from every other holder's: a random per-process tag and a counter.
const PROCESS_TAG = randomBytes(6).toString('hex');
let tokens = 0;

export class RedisConversationLock implements ConversationLock {
  private readonly queue = new InProcessQueue();
  private readonly redis: RedisWithLock;

  constructor(redis: RedisClient, private readonly storage: RedisStorage, private readonly options: RedisConversationLockOptions) {
    // A defined command runs as EVALSHA: the script is not sent with every call.
    if (!('brobyggerCommitTurn' in redis)) {
      redis.defineCommand('brobyggerRenewLock', { numberOfKeys: 1, lua: RENEW_IF_OWNER });
      // Its number of keys varies with the turn: on a cluster it is kept out of auto-pipelines (see redisClient).
      redis.defineCommand('brobyggerCommitTurn' satisfies (typeof SCRIPTS_WITH_VARIABLE_KEYS)[number], { lua: COMMIT_TURN });
    }
    this.redis = redis as RedisWithLock;
  }

  run<T>(key: string, work: (lease: TurnLease) => Promise<T>, prefetchKeys: string[] = []): Promise<T> {
    return this.queue.run(key, async () => {
      const keys = this.storage.keys;
      const lockKey = keys.lock(key);
      const tag = hashTag(lockKey);
      const token = `${PROCESS_TAG}${(++tokens).toString(36)}`;
      // On one server (single or Sentinel) every command shares one connection, so a read sent right behind
      // the lock request runs after it. On a cluster only the conversation's own slot is on that connection:
      // documents elsewhere (user state) are read once the lock is held, so they too follow its last holder's writes.
      const withLock = prefetchKeys.filter((k) => !isCluster(this.redis) || hashTag(this.storage.redisKey(k)) === tag);
      const afterLock = prefetchKeys.filter((k) => !withLock.includes(k));
      const prefetched = await this.acquire(lockKey, token, key, withLock);
      let lost = false;
      let released = false;
      const renew = setInterval(() => {
        this.redis
          .brobyggerRenewLock(lockKey, token, this.options.leaseMs)
          .then((ok) => {
            if (ok !== 1 && !released) lost = true;
          })
          .catch(() => undefined);
      }, Math.max(50, Math.floor(this.options.leaseMs / 3)));
      let staged = emptyStage();

      const commit = async (): Promise<void> => {
        const { changes, deletions, transcript } = staged;
        staged = emptyStage();
        if (released) {
          if (Object.keys(changes).length || deletions.length || transcript) throw new LockLostError(key);
          return;
        }
        if (lost) throw new LockLostError(key);
        const own = (k: string) => hashTag(this.storage.redisKey(k)) === tag;
        // Another slot's documents (user state): last writer wins, acknowledged before the lock goes, so the
        // next turn of this conversation reads what this one wrote.
        const elsewhere = Object.fromEntries(Object.entries(changes).filter(([k]) => !own(k)).map(([k, v]) => [k, { ...v, eTag: '*' }]));
        const elsewhereGone = deletions.filter((k) => !own(k));
        await Promise.all([this.storage.write(elsewhere), this.storage.delete(elsewhereGone)]);

        const docKeys: string[] = [];
        const docArgs: string[] = [];
        for (const [k, v] of Object.entries(changes)) {
          if (!own(k)) continue;
          const { eTag, ...value } = v ?? {};
          docKeys.push(this.storage.redisKey(k));
          docArgs.push('set', typeof eTag === 'string' ? eTag : '', nextETag(), JSON.stringify(value));
        }
        for (const k of deletions) {
          if (!own(k)) continue;
          docKeys.push(this.storage.redisKey(k));
          docArgs.push('del', '', '', '');
        }
        const logKey = keys.log(transcript?.key ?? key);
        if (hashTag(logKey) !== tag) throw new Error(`transcript ${transcript?.key} is not in the conversation's slot`);
        const entries = transcript?.delete ? [] : (transcript?.append ?? []).map(encodeLogEntry);
        const op = transcript?.delete ? 'delete' : entries.length ? 'append' : '';
        const result = await this.redis.brobyggerCommitTurn(
          2 + docKeys.length,
          lockKey,
          logKey,
          ...docKeys,
          token,
          '1',
          this.storage.ttlSeconds,
          op,
          this.options.transcriptLimit,
          entries.length,
          ...entries,
          ...docArgs,
        );
        if (result === -1) {
          released = true;
          throw new LockLostError(key);
        }
        if (result === 0) throw new StorageConflictError(docKeys.join(', '));
        released = true;
        clearInterval(renew);
        await this.options.replicaAck?.after(lockKey);
      };

      try {
        let prefetchedAll = prefetched;
        if (afterLock.length) prefetchedAll = { ...prefetched, ...(await this.storage.read(afterLock)) };
        return await work({ prefetched: prefetchKeys.length ? prefetchedAll : undefined, stage: (w) => mergeStaged(staged, w), commit });
      } finally {
        clearInterval(renew);
        // What a failed turn left (its transcript lines), and the lock: a turn that got no further than this
        // still lets the conversation go at once.
        if (!released) await commit().catch(() => this.redis.brobyggerCommitTurn(2, lockKey, keys.log(key), token, '1', 0, '', 0, 0).catch(() => undefined));
      }
    });
  }

  /**
   * SET NX with the reads in the same tick: with auto-pipelining they leave in one write on one connection
   * and Redis runs them in order, so a read that follows a won lock sees every write made before it.
   */
  private async acquire(lockKey: string, token: string, key: string, prefetchKeys: string[]): Promise<StoreItems> {
    const deadline = Date.now() + this.options.waitMs;
    let pause = 2;
    for (;;) {
      const won = this.redis.set(lockKey, token, 'PX', this.options.leaseMs, 'NX');
      const reads = prefetchKeys.map((k) => this.redis.get(this.storage.redisKey(k)));
      for (const r of reads) r.catch(() => undefined); // judged below, once we know whether the lock was won
      const ok = await won;
      if (ok === 'OK') {
        try {
          const values = await Promise.all(reads);
          const items: StoreItems = {};
          prefetchKeys.forEach((k, i) => {
            const item = parseStored(values[i]);
            if (item) items[k] = item;
          });
          return items;
        } catch (err) {
          await this.redis.brobyggerCommitTurn(2, lockKey, this.storage.keys.log(key), token, '1', 0, '', 0, 0).catch(() => undefined);
          throw err;
        }
      }
      if (Date.now() >= deadline) throw new LockTimeoutError(key);
      await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
      pause = Math.min(pause * 2, 50);
    }
  }
}
