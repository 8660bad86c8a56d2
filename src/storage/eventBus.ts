import { EventEmitter } from 'node:events';
import { RedisKeys } from './keys';
import { closeClient, duplicateClient, isCluster, type RedisClient } from './redisClient';

/**
 * Publish/subscribe across bot instances: a resident's message during a handoff is published here so that
 * whichever instance serves the staff member sees it at once.
 */
export interface EventBus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns a function that stops the subscription. */
  subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: unknown): Promise<void> {
    // Round-trip through JSON so subscribers see the same shapes as over Redis.
    this.emitter.emit(channel, JSON.parse(JSON.stringify(message)));
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    this.emitter.on(channel, handler);
    return async () => {
      this.emitter.off(channel, handler);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Redis pub/sub; the subscriber connection is a duplicate made on first use. On a cluster it is sharded
 * pub/sub (SPUBLISH/SSUBSCRIBE): a channel lives on the node owning its slot, instead of every message being
 * broadcast to every node; ioredis keeps one subscriber per master and moves a subscription when its slot
 * moves (a failover). On one server (single or Sentinel) it is plain PUBLISH/SUBSCRIBE, which every Redis
 * version has; after a Sentinel failover the subscriber reconnects to the new master and subscribes again.
 * Messages are not stored: one published while the subscriber reconnects is missed, so events only tell
 * consoles to look again, and the truth stays in storage.
 */
export class RedisEventBus implements EventBus {
  private subscriber?: RedisClient;
  private readonly keys: RedisKeys;
  private readonly sharded: boolean;
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly counts = new Map<string, number>();
  /** The Redis SUBSCRIBE of each key while it is in flight (and after it succeeded), so every caller can wait for it. */
  private readonly active = new Map<string, Promise<void>>();

  constructor(private readonly redis: RedisClient, keyPrefix: string) {
    this.keys = new RedisKeys(keyPrefix);
    this.sharded = isCluster(redis);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    const payload = JSON.stringify(message);
    if (this.sharded) await this.redis.spublish(this.key(channel), payload);
    else await this.redis.publish(this.key(channel), payload);
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    const sub = this.ensureSubscriber();
    const key = this.key(channel);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.local.on(key, handler);
    let pending = this.active.get(key);
    if (!pending) {
      pending = (this.sharded ? sub.ssubscribe(key) : sub.subscribe(key)).then(() => undefined);
      this.active.set(key, pending);
    }
    const subscribed = pending;
    try {
      // Every caller waits until Redis confirmed the subscription: events published after this returns arrive.
      await subscribed;
    } catch (err) {
      // Undo this caller's share; the next subscribe tries Redis again instead of trusting a failed one.
      this.local.off(key, handler);
      if (this.active.get(key) === subscribed) this.active.delete(key);
      this.release(key, subscribed);
      throw err;
    }
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      this.local.off(key, handler);
      if (this.release(key, subscribed)) await (this.sharded ? sub.sunsubscribe(key) : sub.unsubscribe(key)).catch(() => undefined);
    };
  }

  /** Drops one subscriber of `key`; true when it was the last one of this subscription (then unsubscribe). */
  private release(key: string, subscription: Promise<void>): boolean {
    const left = (this.counts.get(key) ?? 1) - 1;
    if (left > 0) {
      this.counts.set(key, left);
      return false;
    }
    this.counts.delete(key);
    if (this.active.get(key) === subscription) this.active.delete(key);
    return true;
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    this.counts.clear();
    this.active.clear();
    if (this.subscriber) {
      await closeClient(this.subscriber);
      this.subscriber = undefined;
    }
  }

  private ensureSubscriber(): RedisClient {
    if (!this.subscriber) {
      // Its own connection: a Redis connection in subscriber mode can do nothing else.
      this.subscriber = duplicateClient(this.redis);
      this.subscriber.on(this.sharded ? 'smessage' : 'message', (key: string, payload: string) => {
        try {
          this.local.emit(key, JSON.parse(payload));
        } catch {
          // A message that is not JSON was not sent by us; ignore it.
        }
      });
    }
    return this.subscriber;
  }

  private key(channel: string): string {
    return this.keys.events(channel);
  }
}
