import Redis from 'ioredis';
import { RedisKeys } from '../src/storage/keys';
import { MemoryRecentLog, RedisRecentLog, type RecentLog } from '../src/storage/recentLog';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/** A conversation's recent transcript, kept apart from its state: the same contract in memory and in Redis. */
function recentLogContract(name: string, make: () => Promise<{ log: RecentLog<{ n: number; text: string }>; done: () => Promise<void> }>) {
  describe(`RecentLog: ${name}`, () => {
    test('keeps the newest entries in order, up to the limit, per key', async () => {
      const { log, done } = await make();
      for (let n = 1; n <= 7; n++) await log.append('conv-a', [{ n, text: `linje ${n} – مرحبا` }]);
      await log.append('conv-b', [{ n: 100, text: 'other' }]);
      expect((await log.recent('conv-a')).map((e) => e.n)).toEqual([3, 4, 5, 6, 7]);
      expect((await log.recent('conv-a'))[0].text).toBe('linje 3 – مرحبا');
      expect(await log.recent('conv-b')).toEqual([{ n: 100, text: 'other' }]);
      expect(await log.recent('nobody')).toEqual([]);
      await log.delete('conv-a');
      expect(await log.recent('conv-a')).toEqual([]);
      await done();
    });
  });
}

recentLogContract('memory', async () => ({ log: new MemoryRecentLog({ limit: 5, ttlSeconds: 60 }), done: async () => {} }));

recentLogContract('Redis', async () => {
  const redis = new Redis(REDIS_URL);
  const prefix = uniquePrefix('recentlog');
  return {
    log: new RedisRecentLog(redis, prefix, { limit: 5, ttlSeconds: 60 }),
    done: async () => {
      await deleteKeys(prefix);
      await redis.quit();
    },
  };
});

test('memory entries expire like state; an append renews them', async () => {
  let now = 0;
  const log = new MemoryRecentLog<number>({ limit: 5, ttlSeconds: 10 }, () => now);
  await log.append('k', [1]);
  now = 9_000;
  await log.append('k', [2]);
  now = 18_000;
  expect(await log.recent('k')).toEqual([1, 2]);
  now = 30_000;
  expect(await log.recent('k')).toEqual([]);
});

test('Redis entries carry the TTL', async () => {
  const redis = new Redis(REDIS_URL);
  const prefix = uniquePrefix('recentlog-ttl');
  await new RedisRecentLog(redis, prefix, { limit: 5, ttlSeconds: 3600 }).append('k', [{ a: 1 }]);
  expect(await redis.ttl(new RedisKeys(prefix).log('k'))).toBeGreaterThan(3500);
  await deleteKeys(prefix);
  await redis.quit();
});
