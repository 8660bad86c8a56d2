import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';

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

/** Redis pub/sub; the subscriber connection is a duplicate made on first use. */
export class RedisEventBus implements EventBus {
  private subscriber?: Redis;
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly counts = new Map<string, number>();
  /** The Redis SUBSCRIBE of each key while it is in flight (and after it succeeded), so every caller can wait for it. */
  private readonly active = new Map<string, Promise<void>>();

  constructor(private readonly redis: Redis, private readonly keyPrefix: string) {}

  async publish(channel: string, message: unknown): Promise<void> {
    await this.redis.publish(this.key(channel), JSON.stringify(message));
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    const sub = this.ensureSubscriber();
    const key = this.key(channel);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.local.on(key, handler);
    let pending = this.active.get(key);
    if (!pending) {
      pending = sub.subscribe(key).then(() => undefined);
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
      if (this.release(key, subscribed)) await sub.unsubscribe(key).catch(() => undefined);
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
      this.subscriber.disconnect();
      this.subscriber = undefined;
    }
  }

  private ensureSubscriber(): Redis {
    if (!this.subscriber) {
      // Its own connection: a Redis connection in subscriber mode can do nothing else.
      this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, lazyConnect: false });
      this.subscriber.on('error', () => undefined);
      this.subscriber.on('message', (key: string, payload: string) => {
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
    return `${this.keyPrefix}events:${channel}`;
  }
}
