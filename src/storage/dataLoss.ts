import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { RedisKeys } from './keys';
import { isCluster, type RedisClient } from './redisClient';
import { keySlot } from './replicaAck';

/**
 * Knowing that Redis lost its data (a server restarted without persistence, a cluster master that came
 * back empty with no replica to take over), so that residents can be told instead of silently finding the
 * bot back at its menu.
 *
 * A marker key, `<prefix>epoch`, names the data set: `{ id, createdAt, lostAt? }`, kept as long as state is
 * (its TTL, renewed at every check, is the state's: with every instance gone that long, all state is gone too). Each instance
 * remembers the id it saw. When the key is missing (checked at start, whenever the connection comes back,
 * and every few seconds), the data is gone: the first instance to notice writes a new marker with `lostAt`
 * (SET NX), the others find it and see the new id. On a cluster every master has a marker of its own (in its
 * lowest slot), so a master that came back empty is noticed for the conversations it serves.
 *
 * What it cannot know: a loss while no instance ran (every instance restarted too) looks like a new data set.
 * The marker survives memory pressure only with `maxmemory-policy noeviction` (README, "Running Redis").
 */
export interface DataSetMarker {
  id: string;
  createdAt: string;
  /** Set on the marker written after a loss was noticed. */
  lostAt?: string;
}

export interface DataLossWatch {
  /** When the data set holding this conversation (`<channel>/<id>`) was found lost, if it was (the latest loss). */
  lostAt(conversationKey: string): Date | undefined;
  /** Called once per loss noticed by this instance. */
  onLoss(listener: (lostAt: Date) => void): void;
  close(): void;
}

export const NEVER_LOST: DataLossWatch = { lostAt: () => undefined, onLoss: () => undefined, close: () => undefined };

interface Marker {
  key: string;
  /** Slots of the master whose marker this is (cluster). */
  slots?: [number, number][];
  known?: DataSetMarker;
}

export class RedisDataLossWatch implements DataLossWatch {
  private markers: Marker[] = [];
  private readonly known = new Map<string, DataSetMarker>();
  private readonly events = new EventEmitter();
  private readonly timer: NodeJS.Timeout;
  private checking?: Promise<void>;

  private constructor(private readonly redis: RedisClient, private readonly keys: RedisKeys, everyMs: number, private readonly ttlSeconds: number) {
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
    // A connection that came back may be to a server that came back empty.
    redis.on('ready', () => void this.check());
  }

  static async start(redis: RedisClient, keys: RedisKeys, options: { ttlSeconds: number; everyMs?: number }): Promise<RedisDataLossWatch> {
    const watch = new RedisDataLossWatch(redis, keys, options.everyMs ?? 5000, options.ttlSeconds);
    await watch.check();
    return watch;
  }

  lostAt(conversationKey: string): Date | undefined {
    const marker = this.markerFor(this.keys.lock(conversationKey));
    const lostAt = marker?.known?.lostAt;
    return lostAt ? new Date(lostAt) : undefined;
  }

  onLoss(listener: (lostAt: Date) => void): void {
    this.events.on('loss', listener);
  }

  close(): void {
    clearInterval(this.timer);
    this.events.removeAllListeners();
  }

  /** Compares every marker with what this instance saw before; never throws (Redis may be away). */
  check(): Promise<void> {
    this.checking ??= this.checkNow()
      .catch(() => undefined)
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkNow(): Promise<void> {
    this.markers = this.currentMarkers();
    for (const marker of this.markers) {
      const before = this.known.get(marker.key);
      let now = parse(await this.redis.get(marker.key));
      if (!now) {
        // Missing: a loss if this instance had seen a marker here, else a new data set (or a new master's slots).
        const fresh: DataSetMarker = { id: randomBytes(8).toString('hex'), createdAt: new Date().toISOString(), ...(before ? { lostAt: new Date().toISOString() } : {}) };
        const won = await this.redis.set(marker.key, JSON.stringify(fresh), 'EX', this.ttlSeconds, 'NX');
        now = won === 'OK' ? fresh : parse(await this.redis.get(marker.key));
        if (!now) continue;
      } else {
        await this.redis.expire(marker.key, this.ttlSeconds);
      }
      marker.known = now;
      this.known.set(marker.key, now);
      if (before && before.id !== now.id) this.events.emit('loss', new Date(now.lostAt ?? Date.now()));
    }
  }

  /** One marker key (single, Sentinel) or one per cluster master, in a slot that master serves. */
  private currentMarkers(): Marker[] {
    if (!isCluster(this.redis)) return [{ key: this.keys.epoch(), known: this.known.get(this.keys.epoch()) }];
    const slots = (this.redis as unknown as { slots: string[][] }).slots;
    const ranges = new Map<string, [number, number][]>();
    for (let slot = 0; slot < 16384; slot++) {
      const master = slots[slot]?.[0];
      if (!master) continue;
      const list = ranges.get(master) ?? [];
      const last = list.at(-1);
      if (last && last[1] === slot - 1) last[1] = slot;
      else list.push([slot, slot]);
      ranges.set(master, list);
    }
    return [...ranges.values()].map((list) => {
      const key = `${this.keys.epoch()}:{${tagForSlot(list[0][0])}}`;
      return { key, slots: list, known: this.known.get(key) };
    });
  }

  private markerFor(key: string): Marker | undefined {
    if (!isCluster(this.redis)) return this.markers[0];
    const slot = keySlot(key);
    return this.markers.find((m) => m.slots?.some(([from, to]) => slot >= from && slot <= to));
  }
}

/** A short hash tag whose slot is `slot` (found by trying; about 16,000 tries at most). */
const tags = new Map<number, string>();
function tagForSlot(slot: number): string {
  let tag = tags.get(slot);
  for (let i = 0; tag === undefined; i++) if (keySlot(`{e${i}}`) === slot) tag = `e${i}`;
  tags.set(slot, tag);
  return tag;
}

function parse(raw: string | null): DataSetMarker | undefined {
  if (!raw) return undefined;
  try {
    const m = JSON.parse(raw) as DataSetMarker;
    return typeof m.id === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}
