import Redis from 'ioredis';
import { LockLostError, RedisConversationLock } from '../src/storage/conversationLock';
import { RedisStorage } from '../src/storage/redisStorage';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/** Two instances (two connections) and one conversation: turns never overlap, and a turn that lost its lock writes nothing. */
describe('RedisConversationLock', () => {
  const prefix = uniquePrefix('lock');
  const a = new Redis(REDIS_URL);
  const b = new Redis(REDIS_URL);
  const storageA = new RedisStorage(a, { keyPrefix: prefix, ttlSeconds: 60 });
  const storageB = new RedisStorage(b, { keyPrefix: prefix, ttlSeconds: 60 });
  const lock = (redis: Redis, storage: RedisStorage, leaseMs: number, waitMs = 5000) =>
    new RedisConversationLock(redis, storage, { leaseMs, waitMs, transcriptLimit: 30 });
  afterAll(async () => {
    await deleteKeys(prefix);
    await Promise.all([a.quit(), b.quit()]);
  });

  test('work on two instances for the same conversation runs one at a time', async () => {
    const lockA = lock(a, storageA, 2000);
    const lockB = lock(b, storageB, 2000);
    let inside = 0;
    let maxInside = 0;
    const work = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 2));
      inside--;
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? lockA : lockB).run('test/conv-1', work)));
    expect(maxInside).toBe(1);
  });

  test('a turn that takes longer than the lease keeps the lock (renewed) until it is done', async () => {
    const lockA = lock(a, storageA, 300);
    const lockB = lock(b, storageB, 3000);
    const order: string[] = [];
    const slow = lockA.run('test/conv-2', async () => {
      order.push('slow start');
      await new Promise((r) => setTimeout(r, 900));
      order.push('slow end');
    });
    await new Promise((r) => setTimeout(r, 50));
    const next = lockB.run('test/conv-2', async () => {
      order.push('next');
    });
    await Promise.all([slow, next]);
    expect(order).toEqual(['slow start', 'slow end', 'next']);
  });

  test('a turn whose lock expired meanwhile (taken by another turn) writes nothing: state and transcript stay as the other turn left them', async () => {
    const key = 'test/brobygger/conversations/conv-3';
    const lockA = lock(a, storageA, 400);
    const lockB = lock(b, storageB, 400);
    const stalled = lockA.run(
      'test/conv-3',
      async (lease) => {
        // This process freezes (no renewals) for longer than the lease: simulated by deleting its lock key,
        // which is what expiry does, and letting another instance take the conversation.
        await a.del(storageA.keys.lock('test/conv-3'));
        await lockB.run(
          'test/conv-3',
          async (other) => {
            other.stage({ changes: { [key]: { turns: 1, by: 'b', eTag: '*' } }, transcript: { key: 'test/conv-3', append: [{ from: 'b' }] } });
            await other.commit();
          },
          [key],
        );
        lease.stage({ changes: { [key]: { turns: 1, by: 'a', eTag: '*' } }, transcript: { key: 'test/conv-3', append: [{ from: 'a' }] } });
        await lease.commit();
      },
      [key],
    );
    await expect(stalled).rejects.toBeInstanceOf(LockLostError);
    expect((await storageA.read([key]))[key]).toMatchObject({ turns: 1, by: 'b' });
    expect(await a.lrange(storageA.keys.log('test/conv-3'), 0, -1)).toEqual([JSON.stringify({ from: 'b' })]);
  });

  test("the commit writes state, transcript and releases the lock at once; the next turn reads what it wrote", async () => {
    const key = 'test/brobygger/conversations/conv-4';
    const userKey = 'test/brobygger/users/resident-4';
    const lockA = lock(a, storageA, 2000);
    const lockB = lock(b, storageB, 2000);
    await lockA.run(
      'test/conv-4',
      async (lease) => {
        expect(lease.prefetched).toEqual({});
        lease.stage({ changes: { [key]: { turns: 1 }, [userKey]: { language: 'en' } }, transcript: { key: 'test/conv-4', append: [{ n: 1 }] } });
        await lease.commit();
        expect(await a.exists(storageA.keys.lock('test/conv-4'))).toBe(0);
      },
      [key, userKey],
    );
    await lockB.run(
      'test/conv-4',
      async (lease) => {
        expect(lease.prefetched?.[key]).toMatchObject({ turns: 1 });
        expect(lease.prefetched?.[userKey]).toMatchObject({ language: 'en' });
      },
      [key, userKey],
    );
  });
});
