import Redis from 'ioredis';
import { RedisConversationLock } from '../src/storage/conversationLock';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/** Two instances (two connections) and one conversation: turns never overlap, even when one outlives the lock's expiry. */
describe('RedisConversationLock', () => {
  const prefix = uniquePrefix('lock');
  const a = new Redis(REDIS_URL);
  const b = new Redis(REDIS_URL);
  afterAll(async () => {
    await deleteKeys(prefix);
    await Promise.all([a.quit(), b.quit()]);
  });

  test('work on two instances for the same conversation runs one at a time', async () => {
    const lockA = new RedisConversationLock(a, { keyPrefix: prefix, timeoutMs: 5000 });
    const lockB = new RedisConversationLock(b, { keyPrefix: prefix, timeoutMs: 5000 });
    let inside = 0;
    let maxInside = 0;
    const work = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 2));
      inside--;
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? lockA : lockB).run('conv-1', work)));
    expect(maxInside).toBe(1);
  });

  test('a turn that takes longer than the lock timeout keeps the lock until it is done', async () => {
    const lockA = new RedisConversationLock(a, { keyPrefix: prefix, timeoutMs: 300 });
    const lockB = new RedisConversationLock(b, { keyPrefix: prefix, timeoutMs: 3000 });
    const order: string[] = [];
    const slow = lockA.run('conv-2', async () => {
      order.push('slow start');
      await new Promise((r) => setTimeout(r, 900));
      order.push('slow end');
    });
    await new Promise((r) => setTimeout(r, 50));
    const next = lockB.run('conv-2', async () => {
      order.push('next');
    });
    await Promise.all([slow, next]);
    expect(order).toEqual(['slow start', 'slow end', 'next']);
  });
});
