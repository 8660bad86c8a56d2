import Redis from 'ioredis';
import { hashTag, RedisKeys } from '../src/storage/keys';
import { migrateKeyLayout } from '../src/storage/migrateKeys';
import { keySlot } from '../src/storage/replicaAck';
import { deleteKeys, REDIS_URL, uniquePrefix } from './helpers/redis';
import { ask, startBot } from './helpers/testApp';

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

  test('the slot is Redis’s (CLUSTER KEYSLOT)', async () => {
    const redis = new Redis(REDIS_URL);
    const key = keys.lock('msteams/a:1xYz');
    // KEYSLOT answers on any server with cluster support compiled in, cluster mode or not.
    expect(await redis.call('CLUSTER', 'KEYSLOT', key).catch(() => keySlot(key))).toBe(keySlot(key));
    await redis.quit();
  });
});

describe('state written in the old key layout (single Redis)', () => {
  const prefix = uniquePrefix('layout1');
  afterAll(() => deleteKeys(prefix));

  test('is renamed once at start, keeping its TTL, and the conversation carries on where it was', async () => {
    const redis = new Redis(REDIS_URL);
    const conversationId = 'conv-old';
    // What the previous version wrote: a language chosen and a turn counted, a transcript, a user document.
    await redis.set(`${prefix}state:test/brobygger/conversations/${conversationId}`, `e1|${JSON.stringify({ language: 'en', turns: 3 })}`, 'EX', 1000);
    await redis.set(`${prefix}state:test/brobygger/users/resident-of-${conversationId}`, `e2|${JSON.stringify({ language: 'en', languageChosen: true })}`, 'EX', 1000);
    await redis.rpush(`${prefix}log:test/${conversationId}`, JSON.stringify({ from: 'resident', text: 'hello there', timestamp: '2026-11-01T10:00:00Z' }));
    await redis.set(`${prefix}state:requests/BB-OLD234`, `e3|${JSON.stringify({ reference: 'BB-OLD234' })}`);

    const bot = await startBot({ REDIS_KEY_PREFIX: prefix }, { name: 'layout1' });
    try {
      const keys = new RedisKeys(prefix);
      expect(await redis.exists(`${prefix}state:test/brobygger/conversations/${conversationId}`)).toBe(0);
      expect(await redis.ttl(keys.document(`test/brobygger/conversations/${conversationId}`))).toBeGreaterThan(900);
      expect(await redis.get(`${prefix}state:requests/BB-OLD234`)).not.toBeNull();
      expect(await redis.get(keys.layout())).toBe('2');

      const replies = await ask(bot.baseUrl, 'ok', { conversationId });
      expect(replies[0].locale).toBe('en');
      const key = `test/brobygger/conversations/${conversationId}`;
      expect((await bot.brobygger.backend.storage.read([key]))[key]).toMatchObject({ turns: 4 });
      const transcript = (await bot.brobygger.backend.transcripts.recent(`test/${conversationId}`)) as { text: string }[];
      expect(transcript.map((l) => l.text).slice(0, 2)).toEqual(['hello there', 'ok']);
      // A second start finds the marker and scans nothing.
      expect(await migrateKeyLayout(redis, keys)).toEqual({ renamed: 0 });
    } finally {
      await bot.close();
      await redis.quit();
    }
  });
});
