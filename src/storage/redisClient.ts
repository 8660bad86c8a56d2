import Redis, { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';

/**
 * The three ways to reach Redis, one client type for the rest of the code: a single server (REDIS_URL), a
 * Sentinel-managed master (REDIS_SENTINELS + REDIS_SENTINEL_NAME) or a Cluster (REDIS_CLUSTER_NODES). The
 * same commands and scripts run on all three, because every command and script of ours touches one hash tag.
 */
export type RedisClient = Redis | Cluster;

export interface HostPort {
  host: string;
  port: number;
}

export type RedisConnection =
  | { mode: 'single'; url: string }
  /** `url` (optional) gives username, password and TLS (rediss://) for every node; its host is not used. */
  | { mode: 'cluster'; nodes: HostPort[]; url?: string }
  /** `sentinelPassword`: when the sentinels themselves require one (they are asked without, else). */
  | { mode: 'sentinel'; sentinels: HostPort[]; name: string; url?: string; sentinelPassword?: string };

// Commands fail fast while Redis is away (no offline queue) so a resident gets "please try again" at once
// instead of a hanging turn; the client keeps reconnecting in the background.
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 3000,
  // A turn never waits longer than this for one command (a stalled or half-dead server); long enough for a
  // busy machine and a 3 s stall.
  commandTimeout: 10_000,
};

/** Reconnect quickly at first, then every 2 s at most. */
const reconnectDelay = (times: number) => Math.min(times * 100, 2000);

/** Username, password and TLS from a redis:// or rediss:// URL. */
function credentials(url: string | undefined): RedisOptions {
  if (!url) return {};
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** The error a demoted master answers with after a Sentinel failover: reconnect (to the new master) and resend. */
const reconnectOnReadonly = (err: Error) => (/READONLY/.test(err.message) ? 2 : false);

/**
 * Scripts defined without a fixed number of keys (their first argument is the count). ioredis's cluster
 * auto-pipelining picks a script's node from its first argument, so it would group such a script by the slot
 * of "3" and send it in a pipeline whose other keys live on another node; ioredis then refuses the whole
 * pipeline ("All keys in the pipeline should belong to the same slots allocation group", ioredis#2109),
 * failing every turn in it. These go out on their own, routed by their real keys.
 */
export const SCRIPTS_WITH_VARIABLE_KEYS = ['brobyggerCommitTurn'] as const;

export interface ClientOptions {
  /** Commands issued in the same tick leave in one socket write (many conversations at once). */
  autoPipelining?: boolean;
}

/** A client for the connection, not yet connected (`lazyConnect`): call `connectClient`. */
export function createClient(connection: RedisConnection, options: ClientOptions = {}): RedisClient {
  const enableAutoPipelining = options.autoPipelining ?? true;
  if (connection.mode === 'single') {
    return new Redis(connection.url, { ...FAIL_FAST, enableAutoPipelining, lazyConnect: true, retryStrategy: reconnectDelay });
  }
  if (connection.mode === 'sentinel') {
    return new Redis({
      ...FAIL_FAST,
      ...credentials(connection.url),
      sentinels: connection.sentinels,
      name: connection.name,
      ...(connection.sentinelPassword ? { sentinelPassword: connection.sentinelPassword } : {}),
      enableTLSForSentinelMode: connection.url?.startsWith('rediss:') ?? false,
      enableAutoPipelining,
      lazyConnect: true,
      retryStrategy: reconnectDelay,
      sentinelRetryStrategy: reconnectDelay,
      // No failoverDetector (+switch-master): measured, its disconnect racing a reconnect in progress left the
      // client ended for good in 1 of 4 failovers. Without it the client asks the sentinels again whenever its
      // connection fails (a dead master) or the old master answers READONLY (a demoted one).
      reconnectOnError: reconnectOnReadonly,
    });
  }
  const clusterOptions: ClusterOptions = {
    enableOfflineQueue: false,
    enableAutoPipelining,
    autoPipeliningIgnoredCommands: [...SCRIPTS_WITH_VARIABLE_KEYS],
    lazyConnect: true,
    // Redirections and a failover in progress are retried a little, then the turn fails politely.
    maxRedirections: 16,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: 2000,
    slotsRefreshInterval: 2000,
    clusterRetryStrategy: reconnectDelay,
    redisOptions: { ...FAIL_FAST, ...credentials(connection.url) },
  };
  return new Cluster(connection.nodes, clusterOptions);
}

const closing = new WeakSet<RedisClient>();

/**
 * Connects, and keeps the client connecting for as long as it is in use: should the client ever end by
 * itself (ioredis gives up in some failover races), it is started again.
 */
export async function connectClient(client: RedisClient): Promise<void> {
  keepConnecting(client);
  await client.connect();
}

function keepConnecting(client: RedisClient): void {
  client.on('error', () => undefined); // reported through readiness and turn errors, not as unhandled events
  client.on('end', () => {
    if (closing.has(client)) return;
    setTimeout(() => {
      if (!closing.has(client) && client.status === 'end') client.connect().catch(() => undefined);
    }, 500).unref();
  });
}

/**
 * Ends the client for good: pending replies first (QUIT, for a second at most: a client cut off from Redis
 * would wait for ever), then every connection it has (Sentinel's too).
 */
export async function closeClient(client: RedisClient): Promise<void> {
  closing.add(client);
  await withTimeout(client.quit(), 1000).catch(() => undefined);
  client.disconnect();
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/**
 * True when every part of the data set answers: the server (single, Sentinel's current master) or every
 * master of the cluster. While one cluster master is away (before its replica took over) some conversations
 * cannot be served, and readiness says so.
 */
export async function allAnswer(client: RedisClient): Promise<boolean> {
  try {
    if (!isCluster(client)) return (await client.ping()) === 'PONG';
    if (client.status !== 'ready') return false;
    const masters = client.nodes('master');
    if (masters.length === 0) return false;
    const answers = await Promise.all(masters.map((m) => withTimeout(m.ping(), 1000).catch(() => 'no')));
    if (!answers.every((a) => a === 'PONG')) return false;
    // Every slot has a master the client knows of (a cluster mid-failover has uncovered slots).
    const info = await withTimeout(masters[0].cluster('INFO') as Promise<string>, 1000);
    return /cluster_state:ok/.test(info);
  } catch {
    return false;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]);
}

/** A copy of the client for a connection of its own (a subscriber), following the same failovers. */
export function duplicateClient(client: RedisClient): RedisClient {
  const copy = isCluster(client)
    ? // Pub/sub over SSUBSCRIBE: one subscriber connection per master, each channel on the node owning its slot.
      client.duplicate([], { shardedSubscribers: true, enableOfflineQueue: true })
    : client.duplicate({ enableOfflineQueue: true, lazyConnect: true, commandTimeout: undefined });
  keepConnecting(copy);
  copy.connect().catch(() => undefined);
  return copy;
}
