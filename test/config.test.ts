import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  test('defaults: port 3978, in-memory state, 30 days of state, 2,000 characters a message', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.redisUrl).toBeUndefined();
    expect(config.stateTtlSeconds).toBe(30 * 86400);
    expect(config.maxMessageLength).toBe(2000);
    expect(config.microsoftApp.appId).toBeUndefined();
    // Unauthenticated, the bot only listens on this machine.
    expect(config.host).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  test('an empty value means "not set"', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '  ', MicrosoftAppId: '' })).toMatchObject({ port: 3978, redisUrl: undefined });
  });

  test('a bad value stops start-up with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL: must start with redis:\/\//);
    expect(() => loadConfig({ STATE_TTL_DAYS: '-1' })).toThrow(/STATE_TTL_DAYS/);
    expect(() => loadConfig({ MicrosoftAppType: 'Public' })).toThrow(/MicrosoftAppType/);
  });

  test('Bot Framework credentials use the Bot Framework names and must be complete', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
    expect(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x' }).microsoftApp).toMatchObject({ appId: 'abc', appType: 'MultiTenant' });
  });

  test('staff tokens are staffId:token pairs with tokens long enough to be secret', () => {
    expect(loadConfig({ STAFF_TOKENS: 'amira:0123456789abcdef, jonas:fedcba9876543210' }).staffTokens).toEqual([
      { staffId: 'amira', token: '0123456789abcdef' },
      { staffId: 'jonas', token: 'fedcba9876543210' },
    ]);
    expect(() => loadConfig({ STAFF_TOKENS: 'amira:short' })).toThrow(/STAFF_TOKENS/);
    expect(() => loadConfig({ STAFF_TOKENS: 'no-colon-here-at-all' })).toThrow(/STAFF_TOKENS/);
  });

  test('Redis: one server, a cluster or a Sentinel set; the lock lease and WAIT for replicas', () => {
    expect(loadConfig({ REDIS_URL: 'redis://r:6379' }).redis).toEqual({ mode: 'single', url: 'redis://r:6379' });
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'a:7000, b:7001,[::1]:7002' }).redis).toEqual({
      mode: 'cluster',
      nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }, { host: '::1', port: 7002 }],
      url: undefined,
    });
    expect(loadConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'brobygger', REDIS_URL: 'rediss://:secret@x:1' }).redis).toEqual({
      mode: 'sentinel',
      sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }],
      name: 'brobygger',
      url: 'rediss://:secret@x:1',
      sentinelPassword: undefined,
    });
    expect(() => loadConfig({ REDIS_SENTINELS: 's1:26379' })).toThrow(/REDIS_SENTINEL_NAME: required/);
    expect(() => loadConfig({ REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'x', REDIS_CLUSTER_NODES: 'a:1' })).toThrow(/not both/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:7000,b' })).toThrow(/REDIS_CLUSTER_NODES: expected a comma-separated list of host:port, got "b"/);
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'bot{1}:' })).toThrow(/REDIS_KEY_PREFIX/);
    expect(loadConfig({})).toMatchObject({ redis: undefined, turnLockLeaseMs: 2000, turnLockTimeoutMs: 15000, redisWaitReplicas: 0 });
  });

  test('web chat: Azure Direct Line needs its secret and an https domain; embed origins are origins', () => {
    const c = loadConfig({ DIRECTLINE_SECRET: 'directline-secret-0123', DIRECTLINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline/', WEBCHAT_EMBED_ORIGINS: 'https://www.kk.dk, https://kk.dk' });
    expect(c.directLine).toEqual({ secret: 'directline-secret-0123', domain: 'https://europe.directline.botframework.com/v3/directline', tokenLifetimeSeconds: 1800 });
    expect(c.webChat).toEqual({ tokensPerMinute: 20, embedOrigins: ['https://www.kk.dk', 'https://kk.dk'] });
    expect(() => loadConfig({ DIRECTLINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline' })).toThrow(/DIRECTLINE_SECRET: required/);
    expect(() => loadConfig({ DIRECTLINE_SECRET: 'directline-secret-0123', DIRECTLINE_DOMAIN: 'http://directline.example.com/v3/directline' })).toThrow(/DIRECTLINE_DOMAIN/);
    expect(() => loadConfig({ WEBCHAT_EMBED_ORIGINS: 'https://www.kk.dk/page' })).toThrow(/WEBCHAT_EMBED_ORIGINS/);
    expect(() => loadConfig({ DIRECTLINE_TOKEN_MINUTES: '10' })).toThrow(/DIRECTLINE_TOKEN_MINUTES/);
  });
});
