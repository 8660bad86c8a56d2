import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { DATA_DIR, LOCALES_DIR, PROJECT_ROOT } from './paths';
import type { HostPort, RedisConnection } from './storage/redisClient';
import { DEFAULT_MODEL_CACHE_DIR } from './understanding/modelCache';

/** Empty strings in the environment mean "not set", so `FOO=` in .env falls back to the default. */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(unsetIfEmpty, schema);

/** An Azure / Teams app id. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const staffTokens = z.string().transform((raw, ctx) => {
  const tokens: { staffId: string; token: string }[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    const staffId = i > 0 ? part.slice(0, i).trim() : '';
    const token = i > 0 ? part.slice(i + 1).trim() : '';
    if (!staffId || token.length < 16) {
      ctx.addIssue({ code: 'custom', message: 'expected a comma-separated list of staffId:token, each token at least 16 characters' });
      return z.NEVER;
    }
    tokens.push({ staffId, token });
  }
  return tokens;
});

/** `host:port,host:port` (IPv6 as [::1]:6379). */
const hostPorts = z.string().transform((raw, ctx) => {
  const out: HostPort[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(part);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `expected a comma-separated list of host:port, got "${part}"` });
      return z.NEVER;
    }
    out.push({ host: m[1].replace(/^\[|\]$/g, ''), port });
  }
  if (out.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'expected at least one host:port' });
    return z.NEVER;
  }
  return out;
});

export const configSchema = z.object({
  PORT: opt(z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: opt(z.string().optional()),
  LOG_LEVEL: opt(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  REDIS_URL: opt(z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  REDIS_CLUSTER_NODES: opt(hostPorts.optional()),
  REDIS_SENTINELS: opt(hostPorts.optional()),
  REDIS_SENTINEL_NAME: opt(z.string().optional()),
  REDIS_SENTINEL_PASSWORD: opt(z.string().optional()),
  REDIS_WAIT_REPLICAS: opt(z.coerce.number().int().min(0).max(10).default(0)),
  REDIS_WAIT_TIMEOUT_MS: opt(z.coerce.number().int().min(10).max(10000).default(500)),
  REDIS_KEY_PREFIX: opt(z.string().regex(/^[^{}]*$/, 'must not contain { or } (they would put every key in one cluster slot)').default('brobygger:')),
  STATE_TTL_DAYS: opt(z.coerce.number().positive().max(3650).default(30)),
  MAX_MESSAGE_LENGTH: opt(z.coerce.number().int().min(50).max(100000).default(2000)),
  TURN_LOCK_TIMEOUT_MS: opt(z.coerce.number().int().min(100).max(120000).default(15000)),
  TURN_LOCK_LEASE_MS: opt(z.coerce.number().int().min(300).max(120000).default(2000)),
  RECOVERY_NOTICE_HOURS: opt(z.coerce.number().min(0).max(24 * 30).default(24)),
  MicrosoftAppId: opt(z.string().optional()),
  MicrosoftAppPassword: opt(z.string().optional()),
  MicrosoftAppType: opt(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: opt(z.string().optional()),
  BOT_OPENID_METADATA_URL: opt(z.string().url().optional()),
  STAFF_TOKENS: opt(staffTokens.optional()),
  HANDOFF_UNCLAIMED_MINUTES: opt(z.coerce.number().positive().max(1440).default(5)),
  HANDOFF_HUB_ID: opt(z.string().optional()),
  HANDOFF_IDLE_TAKEOVER_MINUTES: opt(z.coerce.number().positive().max(1440).default(15)),
  DIRECTLINE_SECRET: opt(z.string().min(16, 'must be at least 16 characters').optional()),
  DIRECTLINE_DOMAIN: opt(z.string().regex(/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)[:/])\S+$/, 'must be an https:// URL such as https://europe.directline.botframework.com/v3/directline (http:// only on this machine)').transform((u) => u.replace(/\/+$/, '')).optional()),
  DIRECTLINE_TOKEN_MINUTES: opt(z.coerce.number().int().min(16).max(1440).default(30)),
  RESIDENT_MESSAGES_PER_WINDOW: opt(z.coerce.number().int().min(1).max(1000000).default(20)),
  RESIDENT_MESSAGE_WINDOW_SECONDS: opt(z.coerce.number().int().min(1).max(3600).default(10)),
  DIRECTLINE_REQUESTS_PER_MINUTE: opt(z.coerce.number().int().min(1).max(1000000).default(600)),
  STAFF_REQUESTS_PER_MINUTE: opt(z.coerce.number().int().min(1).max(1000000).default(600)),
  STAFF_SIGNIN_FAILURES_PER_MINUTE: opt(z.coerce.number().int().min(1).max(10000).default(10)),
  MAX_OPEN_REQUESTS: opt(z.coerce.number().int().min(1).max(1000).default(5)),
  WEBCHAT_TOKENS_PER_MINUTE: opt(z.coerce.number().int().min(1).max(10000).default(20)),
  WEBCHAT_EMBED_ORIGINS: opt(z.string().transform((raw, ctx) => {
    const origins = raw.split(/[\s,]+/).filter(Boolean);
    const bad = origins.find((o) => !/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(o));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `expected origins like https://www.kk.dk, got "${bad}"` });
      return z.NEVER;
    }
    return origins;
  }).optional()),
  TEAMS_APP_ID: opt(z.string().regex(GUID, 'must be a GUID (the Teams app id)').optional()),
  TEAMS_STAFF_CONVERSATION: opt(z.string().regex(/^19:\S+$/, 'expected a Teams channel or group chat id like 19:...@thread.tacv2').optional()),
  TEAMS_SERVICE_URL: opt(z.string().url().default('https://smba.trafficmanager.net/emea/')),
  DATA_DIR: opt(z.string().default(DATA_DIR)),
  LOCALES_DIR: opt(z.string().default(LOCALES_DIR)),
  MODEL_CACHE_DIR: opt(z.string().optional()),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  logLevel: RawConfig['LOG_LEVEL'];
  redisUrl?: string;
  /** How Redis is reached: REDIS_URL alone, or a cluster or Sentinel set (with REDIS_URL for credentials only). */
  redis?: RedisConnection;
  /** Replicas a write must reach before a turn is answered (Redis WAIT), and how long to wait for them. */
  redisWaitReplicas: number;
  redisWaitTimeoutMs: number;
  redisKeyPrefix: string;
  stateTtlSeconds: number;
  maxMessageLength: number;
  turnLockTimeoutMs: number;
  /** How long a turn lock outlives its holder's last renewal (a dead instance's conversations wait this long). */
  turnLockLeaseMs: number;
  /** After Redis lost its data, how long a conversation found empty is told it restarted. */
  recoveryNoticeMs: number;
  microsoftApp: {
    appId?: string;
    appPassword?: string;
    appType: RawConfig['MicrosoftAppType'];
    tenantId?: string;
    /** Where the Bot Framework's signing keys are described (unset: Azure's public cloud). */
    openIdMetadataUrl?: string;
  };
  staffTokens: { staffId: string; token: string }[];
  handoffUnclaimedMs: number;
  /** The `from.id` of the external agent hub whose `handoff.status` events count (only when authenticated). */
  handoffHubId?: string;
  /** After this long without a word from the holder, any staff member may take a chat over. */
  handoffIdleTakeoverMs: number;
  /** The resident's web chat: our own Direct Line endpoint, or Azure's when `domain` is set. */
  directLine: {
    /** Bearer secret of the Direct Line API (ours, or Azure's with `domain`); never sent to a browser. */
    secret?: string;
    /** Azure's Direct Line base URL (e.g. https://europe.directline.botframework.com/v3/directline); unset: our own endpoint. */
    domain?: string;
    tokenLifetimeSeconds: number;
  };
  /** Rate limits and caps (src/limits/), counted on the state Redis for all instances. */
  limits: {
    /** Messages one resident (conversation + user) may send per `residentWindowSeconds`. */
    residentMessages: number;
    residentWindowSeconds: number;
    /** Direct Line requests per client address per minute. */
    directLinePerMinute: number;
    /** Staff API requests per staff member per minute. */
    staffRequestsPerMinute: number;
    /** Failed staff sign-ins per client address per minute before it is refused (429). */
    staffSignInFailuresPerMinute: number;
    /** Requests to staff (interpreter, mediation, ...) not yet done, per resident and per conversation. */
    maxOpenRequests: number;
  };
  webChat: {
    /** Token requests (`POST /api/webchat/token`) one client address may make per minute. */
    tokensPerMinute: number;
    /** Sites allowed to show the chat in a frame (the embed snippet), besides the bot's own origin. */
    embedOrigins: string[];
  };
  /** Staff in Microsoft Teams (src/channels/teams). */
  teams: {
    /** The Teams app's id in the manifest (defaults to MicrosoftAppId). */
    appId?: string;
    /** Only this channel or group chat may become the staff conversation (else wherever a staff member installs the app). */
    staffConversationId?: string;
    /** Where Teams' connector is, to post to TEAMS_STAFF_CONVERSATION before the install event has told us. */
    serviceUrl: string;
  };
  dataDir: string;
  localesDir: string;
  /** Where the trained understanding model is kept between starts; `false`: train at every start. */
  modelCacheDir: string | false;
}

export class ConfigError extends Error {}

/**
 * Parses the environment once. Tests pass their own `env`; only the entry points pass `process.env`.
 * `.env` in the project root is loaded first when it exists (real environment variables win).
 */
export function loadConfig(env: Record<string, string | undefined> = readProcessEnv()): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid configuration:\n  MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (c.DIRECTLINE_DOMAIN && !c.DIRECTLINE_SECRET) {
    throw new ConfigError('Invalid configuration:\n  DIRECTLINE_SECRET: required when DIRECTLINE_DOMAIN is set (the Direct Line secret of the Azure Bot)');
  }
  if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
    throw new ConfigError('Invalid configuration:\n  MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  if (c.REDIS_CLUSTER_NODES && c.REDIS_SENTINELS) {
    throw new ConfigError('Invalid configuration:\n  REDIS_CLUSTER_NODES, REDIS_SENTINELS: set one of them, not both');
  }
  if (c.REDIS_SENTINELS && !c.REDIS_SENTINEL_NAME) {
    throw new ConfigError('Invalid configuration:\n  REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the name the sentinels monitor the master under)');
  }
  const redis: RedisConnection | undefined = c.REDIS_CLUSTER_NODES
    ? { mode: 'cluster', nodes: c.REDIS_CLUSTER_NODES, url: c.REDIS_URL }
    : c.REDIS_SENTINELS
      ? { mode: 'sentinel', sentinels: c.REDIS_SENTINELS, name: c.REDIS_SENTINEL_NAME!, url: c.REDIS_URL, sentinelPassword: c.REDIS_SENTINEL_PASSWORD }
      : c.REDIS_URL
        ? { mode: 'single', url: c.REDIS_URL }
        : undefined;
  return {
    port: c.PORT,
    // Without Bot Framework credentials anyone who can reach the port can make the bot post to any
    // serviceUrl: listen only on this machine unless told otherwise.
    host: c.HOST ?? (c.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    logLevel: c.LOG_LEVEL,
    redisUrl: c.REDIS_URL,
    redis,
    redisWaitReplicas: c.REDIS_WAIT_REPLICAS,
    redisWaitTimeoutMs: c.REDIS_WAIT_TIMEOUT_MS,
    redisKeyPrefix: c.REDIS_KEY_PREFIX,
    stateTtlSeconds: Math.round(c.STATE_TTL_DAYS * 86400),
    maxMessageLength: c.MAX_MESSAGE_LENGTH,
    turnLockTimeoutMs: c.TURN_LOCK_TIMEOUT_MS,
    turnLockLeaseMs: c.TURN_LOCK_LEASE_MS,
    recoveryNoticeMs: Math.round(c.RECOVERY_NOTICE_HOURS * 3600_000),
    microsoftApp: {
      appId: c.MicrosoftAppId,
      appPassword: c.MicrosoftAppPassword,
      appType: c.MicrosoftAppType,
      tenantId: c.MicrosoftAppTenantId,
      openIdMetadataUrl: c.BOT_OPENID_METADATA_URL,
    },
    staffTokens: c.STAFF_TOKENS ?? [],
    handoffUnclaimedMs: Math.round(c.HANDOFF_UNCLAIMED_MINUTES * 60000),
    handoffHubId: c.HANDOFF_HUB_ID,
    handoffIdleTakeoverMs: Math.round(c.HANDOFF_IDLE_TAKEOVER_MINUTES * 60000),
    directLine: {
      secret: c.DIRECTLINE_SECRET,
      domain: c.DIRECTLINE_DOMAIN,
      tokenLifetimeSeconds: c.DIRECTLINE_TOKEN_MINUTES * 60,
    },
    limits: {
      residentMessages: c.RESIDENT_MESSAGES_PER_WINDOW,
      residentWindowSeconds: c.RESIDENT_MESSAGE_WINDOW_SECONDS,
      directLinePerMinute: c.DIRECTLINE_REQUESTS_PER_MINUTE,
      staffRequestsPerMinute: c.STAFF_REQUESTS_PER_MINUTE,
      staffSignInFailuresPerMinute: c.STAFF_SIGNIN_FAILURES_PER_MINUTE,
      maxOpenRequests: c.MAX_OPEN_REQUESTS,
    },
    webChat: {
      tokensPerMinute: c.WEBCHAT_TOKENS_PER_MINUTE,
      embedOrigins: c.WEBCHAT_EMBED_ORIGINS ?? [],
    },
    teams: {
      appId: c.TEAMS_APP_ID ?? c.MicrosoftAppId,
      staffConversationId: c.TEAMS_STAFF_CONVERSATION?.split(';')[0],
      serviceUrl: c.TEAMS_SERVICE_URL,
    },
    dataDir: c.DATA_DIR,
    localesDir: c.LOCALES_DIR,
    modelCacheDir: c.MODEL_CACHE_DIR === 'off' ? false : (c.MODEL_CACHE_DIR ?? DEFAULT_MODEL_CACHE_DIR),
  };
}

function readProcessEnv(): Record<string, string | undefined> {
  const envFile = path.join(PROJECT_ROOT, '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}

/** The environment for a child process (benchmarks start the bot as one) with some variables replaced. */
export function childProcessEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
