import { MemoryStorage, type Storage } from 'botbuilder';
import Redis from 'ioredis';
import { ExpiringMemoryStorage } from '../src/storage/expiringMemoryStorage';
import { RedisStorage } from '../src/storage/redisStorage';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/**
 * One contract, every store: what botbuilder's `Storage` promises (read what was written, eTag
 * compare-and-set, "*" overwrites, delete), run against MemoryStorage and our RedisStorage.
 */
function storageContract(name: string, make: () => Promise<{ storage: Storage; done: () => Promise<void> }>) {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let done: () => Promise<void>;
    beforeEach(async () => ({ storage, done } = await make()));
    afterEach(() => done());

    test('reads back what was written, with an eTag', async () => {
      await storage.write({ a: { count: 1, nested: { lang: 'ar', text: 'مرحبا' } } });
      const items = await storage.read(['a', 'missing']);
      expect(items.a).toMatchObject({ count: 1, nested: { lang: 'ar', text: 'مرحبا' } });
      expect(typeof items.a.eTag).toBe('string');
      expect(items.missing).toBeUndefined();
    });

    test('a write with the current eTag succeeds and changes the eTag', async () => {
      await storage.write({ a: { count: 1 } });
      const first = (await storage.read(['a'])).a;
      await storage.write({ a: { ...first, count: 2 } });
      const second = (await storage.read(['a'])).a;
      expect(second.count).toBe(2);
      expect(second.eTag).not.toBe(first.eTag);
    });

    test('a write with a stale eTag fails with a conflict and changes nothing', async () => {
      await storage.write({ a: { count: 1 } });
      const stale = (await storage.read(['a'])).a;
      await storage.write({ a: { ...stale, count: 2 } });
      await expect(storage.write({ a: { ...stale, count: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['a'])).a.count).toBe(2);
    });

    test('"*" and a missing eTag overwrite whatever is there', async () => {
      await storage.write({ a: { count: 1 } });
      await storage.write({ a: { count: 5, eTag: '*' } });
      expect((await storage.read(['a'])).a.count).toBe(5);
      await storage.write({ a: { count: 6 } });
      expect((await storage.read(['a'])).a.count).toBe(6);
    });

    test('writes several keys at once and deletes them', async () => {
      await storage.write({ a: { v: 1 }, b: { v: 2 } });
      expect(Object.keys(await storage.read(['a', 'b'])).sort()).toEqual(['a', 'b']);
      await storage.delete(['a', 'b']);
      expect(await storage.read(['a', 'b'])).toEqual({});
    });

    test('keys with slashes and unicode are kept apart', async () => {
      await storage.write({ 'test/bot/conversations/x': { v: 1 }, 'test/bot/conversations/x/': { v: 2 }, 'ø/ش': { v: 3 } });
      const items = await storage.read(['test/bot/conversations/x', 'test/bot/conversations/x/', 'ø/ش']);
      expect([items['test/bot/conversations/x'].v, items['test/bot/conversations/x/'].v, items['ø/ش'].v]).toEqual([1, 2, 3]);
    });
  });
}

storageContract('MemoryStorage', async () => ({ storage: new MemoryStorage(), done: async () => {} }));

storageContract('ExpiringMemoryStorage', async () => {
  const storage = new ExpiringMemoryStorage(60);
  return { storage, done: async () => storage.close() };
});

storageContract('RedisStorage', async () => {
  const redis = new Redis(REDIS_URL);
  const prefix = uniquePrefix('storage');
  return {
    storage: new RedisStorage(redis, { keyPrefix: prefix, ttlSeconds: 60 }),
    done: async () => {
      await deleteKeys(prefix);
      await redis.quit();
    },
  };
});

describe('RedisStorage specifics', () => {
  test('every key carries the TTL and its prefix, renewed on each write', async () => {
    const redis = new Redis(REDIS_URL);
    const prefix = uniquePrefix('ttl');
    const storage = new RedisStorage(redis, { keyPrefix: prefix, ttlSeconds: 3 * 86400 });
    await storage.write({ 'conv/1': { v: 1 } });
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toEqual([`${prefix}state:conv/1`]);
    await redis.expire(keys[0], 10);
    await storage.write({ 'conv/1': { v: 2 } });
    const ttl = await redis.ttl(keys[0]);
    expect(ttl).toBeGreaterThan(3 * 86400 - 5);
    await deleteKeys(prefix);
    await redis.quit();
  });

  test('of two writers holding the same eTag, exactly one wins', async () => {
    const redis = new Redis(REDIS_URL);
    const prefix = uniquePrefix('race');
    const storage = new RedisStorage(redis, { keyPrefix: prefix, ttlSeconds: 60 });
    await storage.write({ k: { n: 0 } });
    const base = (await storage.read(['k'])).k;
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => storage.write({ k: { ...base, n: i + 1 } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await deleteKeys(prefix);
    await redis.quit();
  });
});

describe('ExpiringMemoryStorage specifics', () => {
  test('an item unwritten for the TTL is gone; a write renews it', async () => {
    let now = 1_000_000;
    const storage = new ExpiringMemoryStorage(60, () => now);
    await storage.write({ a: { v: 1 }, b: { v: 1 } });
    now += 50_000;
    await storage.write({ b: { v: 2 } });
    now += 20_000;
    const items = await storage.read(['a', 'b']);
    expect(items.a).toBeUndefined();
    expect(items.b.v).toBe(2);
    storage.close();
  });
});
