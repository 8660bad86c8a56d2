import Redis from 'ioredis';
import { RequestStore, type NewRequest } from '../src/requests/requestStore';
import { RedisStorage } from '../src/storage/redisStorage';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';

/** "Delete my data" and the staff listing, against Redis as in production. */
const TTL_SECONDS = 600;
const prefix = uniquePrefix('requests-store');
let redis: Redis;
let store: RequestStore;

beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  store = new RequestStore(new RedisStorage(redis, { keyPrefix: prefix, ttlSeconds: TTL_SECONDS }));
});

afterAll(async () => {
  await redis.quit();
  await deleteKeys(prefix);
});

const request = (conversationId: string, userId: string | undefined, summary = 'Tolk til lægen'): NewRequest => ({
  kind: 'interpreter',
  language: 'ar',
  conversationId,
  ...(userId ? { userId } : {}),
  summary,
  details: {},
});

/** The Redis keys of the reference sets, as stored (the storage puts `state:` after the prefix). */
const setKeys = async () => (await redis.keys(`${prefix}state:requests/by-*`)).map((k) => k.slice(`${prefix}state:`.length)).sort();

describe('RequestStore: delete my data', () => {
  test("removes the resident's requests from all their conversations, keeps another resident's, and the staff listing no longer shows them", async () => {
    // A Teams-style conversation id: the characters must not break the set's key.
    const first = await store.save(request('conv-a', 'amina'));
    const second = await store.save(request('29:1abc|x/y;messageid=1', 'amina', 'Klage over udlejer'));
    const other = await store.save(request('conv-c', 'jonas'));
    expect(await store.get(first.reference)).toMatchObject({ userId: 'amina', conversationId: 'conv-a' });
    expect(await store.get(second.reference)).toBeDefined();
    expect((await store.list()).map((r) => r.reference)).toEqual(expect.arrayContaining([first.reference, second.reference, other.reference]));

    // Asked in the first conversation: the request from the other one goes too (same channel user).
    expect(await store.deleteForResident({ conversationId: 'conv-a', userId: 'amina' })).toBe(2);

    expect(await store.get(first.reference)).toBeUndefined();
    expect(await store.get(second.reference)).toBeUndefined();
    expect(await store.get(other.reference)).toMatchObject({ userId: 'jonas' });
    const listed = (await store.list()).map((r) => r.reference);
    expect(listed).toContain(other.reference);
    expect(listed).not.toContain(first.reference);
    expect(listed).not.toContain(second.reference);
    // Nothing is left that names the resident or their conversations.
    expect(await setKeys()).toEqual(['requests/by-conversation/conv-c', 'requests/by-user/jonas']);

    // And a second request gives nothing more to delete.
    expect(await store.deleteForResident({ conversationId: 'conv-a', userId: 'amina' })).toBe(0);
    await store.deleteForResident({ conversationId: 'conv-c', userId: 'jonas' });
  });

  test('a request saved without a user id is still deleted with its conversation', async () => {
    const saved = await store.save(request('conv-no-user', undefined));
    expect(await store.deleteForResident({ conversationId: 'conv-no-user', userId: 'someone' })).toBe(1);
    expect(await store.get(saved.reference)).toBeUndefined();
  });

  test('requests saved at the same moment by one resident are all found (creating a set is not lost in a race)', async () => {
    const saved = await Promise.all(Array.from({ length: 12 }, (_, i) => store.save(request(`race-${i}`, 'samira'))));
    expect(await store.deleteForResident({ conversationId: 'race-new', userId: 'samira' })).toBe(12);
    for (const s of saved) expect(await store.get(s.reference)).toBeUndefined();
  });

  test('staff changing a status renews the sets with the request, so the sets never expire first', async () => {
    const saved = await store.save(request('conv-status', 'omar'));
    const byUser = `${prefix}state:requests/by-user/omar`;
    await redis.expire(byUser, 5);
    await store.setStatus(saved.reference, 'in_progress');
    expect(await redis.ttl(byUser)).toBeGreaterThan(5);
    expect(await store.deleteForResident({ conversationId: 'another', userId: 'omar' })).toBe(1);
  });

  test('an old request that has fallen out of the 2000-entry staff index is still found and deleted', async () => {
    const old = await store.save(request('conv-old', 'leyla'));
    // 2000 newer requests from other people push it out of the index.
    for (let i = 0; i < 2000; i++) await store.save(request(`filler-${i}`, undefined, `Fyld ${i}`));
    const listed = (await store.list(5000)).map((r) => r.reference);
    expect(listed).toHaveLength(2000);
    expect(listed).not.toContain(old.reference);
    expect(await store.get(old.reference)).toBeDefined();

    // The resident comes back later in a new conversation and asks to delete their data.
    expect(await store.deleteForResident({ conversationId: 'conv-later', userId: 'leyla' })).toBe(1);
    expect(await store.get(old.reference)).toBeUndefined();
    expect(await setKeys()).not.toContain('requests/by-user/leyla');
  }, 60_000);
});
