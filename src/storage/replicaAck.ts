import type { Redis } from 'ioredis';
import { isCluster, type RedisClient } from './redisClient';

/**
 * Makes an acknowledged write survive a failover: before a turn is answered (or a staff action confirmed),
 * Redis `WAIT`s until the write reached `replicas` replicas, so the replica that takes over has it.
 *
 * WAIT blocks the connection it is sent on (and covers every write sent on it before), and all
 * conversations share one connection per node: so the WAITs of many turns are merged. A turn asking while
 * a WAIT is out joins the next one, sent when that returns; at most one WAIT per node is in flight.
 */
export interface ReplicaAckOptions {
  replicas: number;
  timeoutMs: number;
  /** Told when a WAIT returned with fewer replicas than asked (the write is on the master only). */
  onShort?: (acked: number) => void;
}

interface NodeQueue {
  inFlight?: Promise<number>;
  next?: Promise<number>;
  /** After a WAIT came back short, writes to this node are not waited for until then (ms since epoch). */
  degradedUntil?: number;
}

/**
 * A master left without its replicas (the one that took over after a failover, until the old one is back
 * as its replica) would make every WAIT last its whole timeout. After a short WAIT, this long passes before
 * the next try: turns stay fast, and the writes meanwhile are on the master only (as without WAIT).
 */
const DEGRADED_MS = 5000;

export class ReplicaAck {
  private readonly queues = new Map<string, NodeQueue>();

  constructor(private readonly redis: RedisClient, private readonly options: ReplicaAckOptions) {}

  /** Resolves when every write sent so far to the nodes serving `keys` reached the replicas (or the timeout passed). */
  async after(...keys: string[]): Promise<void> {
    const byNode = new Map<string, string>();
    for (const key of keys) if (!byNode.has(this.nodeOf(key))) byNode.set(this.nodeOf(key), key);
    await Promise.all([...byNode].map(([node, key]) => this.afterOnNode(node, key)));
  }

  private async afterOnNode(node: string, key: string): Promise<void> {
    let queue = this.queues.get(node);
    if (!queue) this.queues.set(node, (queue = {}));
    const q = queue;
    if (q.degradedUntil && Date.now() < q.degradedUntil) return;
    let acked: number;
    if (!q.inFlight) {
      acked = await this.send(q, key);
    } else {
      // A WAIT already out may have been sent before our write: wait for the one after it.
      q.next ??= q.inFlight.then(
        () => this.promote(q, key),
        () => this.promote(q, key),
      );
      acked = await q.next;
    }
    if (acked < this.options.replicas && !(q.degradedUntil && Date.now() < q.degradedUntil)) {
      q.degradedUntil = Date.now() + DEGRADED_MS;
      this.options.onShort?.(acked);
    }
  }

  private promote(q: NodeQueue, key: string): Promise<number> {
    q.next = undefined;
    return this.send(q, key);
  }

  private send(q: NodeQueue, key: string): Promise<number> {
    const { replicas, timeoutMs } = this.options;
    const sent = isCluster(this.redis)
      ? // WAIT has no key: in a pipeline with a command on `key` it goes to the node (and connection) that
        // took the write.
        this.redis
          .pipeline()
          .exists(key)
          .call('WAIT', replicas, timeoutMs)
          .exec()
          .then((results) => {
            const [err, value] = results?.[1] ?? [new Error('no WAIT reply'), 0];
            if (err) throw err;
            return Number(value);
          })
      : (this.redis as Redis).call('WAIT', replicas, timeoutMs).then(Number);
    const tracked = sent.finally(() => {
      if (q.inFlight === tracked) q.inFlight = undefined;
    });
    q.inFlight = tracked;
    return tracked;
  }

  private nodeOf(key: string): string {
    if (!isCluster(this.redis)) return '';
    // Keys whose slots one master serves share its connection, so their WAITs merge.
    const slots = (this.redis as unknown as { slots: string[][] }).slots;
    const slot = keySlot(key);
    return slots[slot]?.[0] ?? String(slot);
  }
}

// CRC16 (XMODEM) of the hash tag, as Redis Cluster computes a key's slot.
const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let j = 0; j < 8; j++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

export function keySlot(key: string): number {
  const open = key.indexOf('{');
  let part = key;
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) part = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(part, 'utf8')) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc % 16384;
}
