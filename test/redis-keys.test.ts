import Redis from 'ioredis';
import { hashTag, RedisKeys } from '../src/storage/keys';
import { migrateKeyLayout } from '../src/storage/migrateKeys';
import { keySlot } from '../src/storage/replicaAck';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';
import { createRedisBackend } from '../src/storage/backend';

describe('Redis keys for a cluster', () => {
  const keys = new RedisKeys('bb:');

  test('everything of one conversation shares a hash slot; its resident’s user state has a slot of its own', () => {
    const conversation = [
      keys.document('msteams/28:bot/conversations/a:1xYz;messageid=9'),
      keys.lock('msteams/a:1xYz;messageid=9'),
      keys.log('msteams/a:1xYz;messageid=9'),
      keys.document(`handoff/session/${encodeURIComponent('a:1xYz;messageid=9')}`),
    ];
    expect(conversation).toEqual([
      'bb:{c:a:1xYz;messageid=9}:state:msteams/28:bot',
      'bb:{c:a:1xYz;messageid=9}:lock:msteams',
      'bb:{c:a:1xYz;messageid=9}:log:msteams',
      'bb:{c:a:1xYz;messageid=9}:handoff',
    ]);
    expect(new Set(conversation.map(keySlot)).size).toBe(1);
    expect(keys.document('msteams/28:bot/users/29:resident')).toBe('bb:{u:msteams/29:resident}:state:28:bot');
    expect(hashTag(keys.document('msteams/28:bot/users/29:resident'))).not.toBe(hashTag(conversation[0]));
    // Shared documents keep their names (one key each).
    expect(keys.document('requests/BB-ABC234')).toBe('bb:state:requests/BB-ABC234');
  });

  test('braces in a conversation id cannot end its tag early or merge two conversations', () => {
    const odd = keys.lock('webchat/x}y{z');
    expect(odd).toBe('bb:{c:x%7Dy%7Bz}:lock:webchat');
    expect(keySlot(odd)).toBe(keySlot(keys.document('webchat/bot/conversations/x}y{z')));
    expect(hashTag(keys.lock('webchat/x}'))).not.toBe(hashTag(keys.lock('webchat/x')));
    expect(() => new RedisKeys('bot{1}:')).toThrow(/must not contain/);
  });

  test('the slot is Redis’s: the examples of the CLUSTER KEYSLOT documentation', () => {
    expect(keySlot('somekey')).toBe(11058);
    expect(keySlot('foo{hash_tag}')).toBe(2515);
    expect(keySlot('foo')).toBe(12182);
  });
});

describe('state written in the old key layout (single Redis)', () => {
  const prefix = uniquePrefix('layout1');
  afterAll(() => deleteKeys(prefix));

  test('is renamed once at start, keeping its TTL, and the next turn finds it where it was', async () => {
    const redis = new Redis(REDIS_URL);
    const conversationId = 'conv-old';
    // What the previous version wrote: a language chosen and a turn counted, a transcript, a user document.
    await redis.set(`${prefix}state:test/brobygger/conversations/${conversationId}`, `e1|${JSON.stringify({ language: 'en', turns: 3 })}`, 'EX', 1000);
    await redis.set(`${prefix}state:test/brobygger/users/resident-of-${conversationId}`, `e2|${JSON.stringify({ language: 'en', languageChosen: true })}`, 'EX', 1000);
    await redis.rpush(`${prefix}log:test/${conversationId}`, JSON.stringify({ from: 'resident', text: 'hello there', timestamp: '2026-11-01T10:00:00Z' }));
    await redis.set(`${prefix}state:requests/BB-OLD234`, `e3|${JSON.stringify({ reference: 'BB-OLD234' })}`);

    // What a bot does at start: connect, and bring the keys to the current layout.
    const backend = await createRedisBackend({ redisUrl: REDIS_URL, keyPrefix: prefix, ttlSeconds: 3600, lockTimeoutMs: 2000 });
    try {
      const keys = new RedisKeys(prefix);
      expect(await redis.exists(`${prefix}state:test/brobygger/conversations/${conversationId}`)).toBe(0);
      expect(await redis.ttl(keys.document(`test/brobygger/conversations/${conversationId}`))).toBeGreaterThan(900);
      expect(await redis.get(`${prefix}state:requests/BB-OLD234`)).not.toBeNull();
      expect(await redis.get(keys.layout())).toBe('2');

      // The next turn finds the conversation, its resident and its transcript where the bot looks for them.
      const key = `test/brobygger/conversations/${conversationId}`;
      const userKey = `test/brobygger/users/resident-of-${conversationId}`;
      await backend.lock.run(
        `test/${conversationId}`,
        async (lease) => {
          expect(lease.prefetched?.[key]).toMatchObject({ language: 'en', turns: 3 });
          expect(lease.prefetched?.[userKey]).toMatchObject({ language: 'en', languageChosen: true });
          lease.stage({ changes: { [key]: { ...lease.prefetched![key], turns: 4 } }, transcript: { key: `test/${conversationId}`, append: [{ from: 'resident', text: 'ok' }] } });
          await lease.commit();
        },
        [key, userKey],
      );
      expect((await backend.storage.read([key]))[key]).toMatchObject({ turns: 4 });
      const transcript = (await backend.transcripts.recent(`test/${conversationId}`)) as { text: string }[];
      expect(transcript.map((l) => l.text)).toEqual(['hello there', 'ok']);
      // A second start finds the marker and scans nothing.
      expect(await migrateKeyLayout(redis, keys, { ttlSeconds: 3600 })).toEqual({ renamed: 0 });
    } finally {
      await backend.close();
      await redis.quit();
    }
  });
});
