import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KEY_LAYOUT, type RedisKeys } from './keys';
import { isCluster, type RedisClient } from './redisClient';

/**
 * Brings a single Redis (or a Sentinel set) from key layout 1 (`<prefix>state:<botbuilder key>`,
 * `<prefix>log:<conversation>`) to the cluster-ready layout of keys.ts, once: every instance checks the layout
 * marker at start; the first takes a short lock, renames the old keys (RENAMENX keeps each key's TTL; where
 * a new key exists already, it wins and the old one goes) and sets the marker; the others wait for it.
 * A cluster was never run with layout 1, so it starts at layout 2.
 */
export async function migrateKeyLayout(redis: RedisClient, keys: RedisKeys, options: { ttlSeconds: number; waitMs?: number }): Promise<{ renamed: number }> {
  const marker = keys.layout();
  // Kept as long as state is: when it is gone, so is every key it could have been about.
  const mark = () => redis.set(marker, String(KEY_LAYOUT), 'EX', options.ttlSeconds);
  if (isCluster(redis)) {
    await mark();
    return { renamed: 0 };
  }
  if ((await redis.get(marker)) === String(KEY_LAYOUT)) {
    await redis.expire(marker, options.ttlSeconds);
    return { renamed: 0 };
  }
  const token = randomBytes(8).toString('hex');
  const lock = `${marker}:migrating`;
  if ((await redis.set(lock, token, 'PX', 60_000, 'NX')) !== 'OK') {
    const deadline = Date.now() + (options.waitMs ?? 60_000);
    while (Date.now() < deadline) {
      if ((await redis.get(marker)) === String(KEY_LAYOUT)) return { renamed: 0 };
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('another instance is still migrating the Redis key layout');
  }
  let renamed = 0;
  try {
    for (const pattern of [`${globEscape(keys.prefix)}state:*`, `${globEscape(keys.prefix)}log:*`]) {
      let cursor = '0';
      do {
        const [next, found] = await (redis as Redis).scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const oldKey of found) {
          const newKey = keys.fromLayout1(oldKey);
          if (!newKey) continue;
          if ((await redis.renamenx(oldKey, newKey)) === 1) renamed++;
          else await redis.del(oldKey);
        }
      } while (cursor !== '0');
    }
    await mark();
  } finally {
    await redis.del(lock).catch(() => undefined);
  }
  return { renamed };
}

function globEscape(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
