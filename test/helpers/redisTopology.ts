import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Throw-away Redis deployments for tests, on loopback ports the OS hands out: a single server, a Cluster
 * (3 masters, optionally one replica each) and a Sentinel set (master, replica, 3 sentinels). Every process
 * is a child of the test; `stop()` kills them all (also when a test failed, from afterAll) and removes
 * their directories. Start-up is about 1–3 s per deployment, so a test file shares one.
 */
export interface RedisProcess {
  port: number;
  role: 'master' | 'replica' | 'sentinel';
  child: ChildProcess;
  dir: string;
  /** Kills the process with SIGKILL (a crash, not a shutdown) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again with the same port, configuration and directory (its data file, if any). */
  restart(): Promise<void>;
}

export interface RedisDeployment {
  mode: 'single' | 'cluster' | 'sentinel';
  /** The environment a bot needs to use it (REDIS_URL, or REDIS_CLUSTER_NODES, or REDIS_SENTINELS + name). */
  env: Record<string, string>;
  processes: RedisProcess[];
  /** Runs redis-cli against one port; returns stdout. */
  cli(port: number, ...args: string[]): string;
  stop(): Promise<void>;
}

export const hasRedisServer = spawnSync('sh', ['-c', 'command -v redis-server && command -v redis-cli']).status === 0;

/** A port the OS says is free now (bound to 0, read back, released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const ALL: RedisProcess[] = [];
// Whatever happens to the test run, no redis-server outlives it.
process.once('exit', () => {
  for (const p of ALL) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

function cli(port: number, ...args: string[]): string {
  const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const answers = (port: number) => {
  try {
    return cli(port, 'PING').trim() === 'PONG';
  } catch {
    return false;
  }
};

async function startProcess(role: RedisProcess['role'], port: number, dir: string, args: string[]): Promise<RedisProcess> {
  const run = () => {
    const child = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.resume();
    return child;
  };
  const proc: RedisProcess = {
    port,
    role,
    dir,
    child: run(),
    async kill() {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
      const gone = new Promise((r) => proc.child.once('exit', r));
      proc.child.kill('SIGKILL');
      await gone;
    },
    async restart() {
      await proc.kill();
      proc.child = run();
      await waitUntil(`redis on ${port} after restart`, () => answers(port));
    },
  };
  ALL.push(proc);
  await waitUntil(`redis ${role} on ${port}`, () => answers(port));
  return proc;
}

/** Persistence settings the failover tests rely on (see README, "Running Redis"). */
const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''];
// A replica syncs at once (Redis waits 5 s by default in case more replicas come).
const COMMON = (port: number) => ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--enable-debug-command', 'local', '--repl-diskless-sync-delay', '0'];

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `brobygger-${name}-`));
}

async function stopAll(processes: RedisProcess[], dirs: string[]): Promise<void> {
  await Promise.all(processes.map((p) => p.kill()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}

/** One plain redis-server (no persistence unless asked). */
export async function startSingle(options: { durable?: boolean } = {}): Promise<RedisDeployment> {
  const port = await freePort();
  const dir = tempDir('single');
  const p = await startProcess('master', port, dir, [...COMMON(port), ...(options.durable ? DURABLE : ['--save', '', '--appendonly', 'no'])]);
  return {
    mode: 'single',
    env: { REDIS_URL: `redis://127.0.0.1:${port}` },
    processes: [p],
    cli,
    stop: () => stopAll([p], [dir]),
  };
}

/**
 * A Cluster of 3 masters (+ `replicas` per master). `cluster-node-timeout` is short so that a killed master's
 * replica takes over in about two seconds.
 */
export async function startCluster(options: { replicas?: 0 | 1; nodeTimeoutMs?: number } = {}): Promise<RedisDeployment> {
  const replicas = options.replicas ?? 0;
  const count = 3 * (1 + replicas);
  const dir = tempDir('cluster');
  const processes: RedisProcess[] = [];
  try {
    const ports: number[] = [];
    while (ports.length < count * 2) {
      const p = await freePort();
      if (!ports.includes(p)) ports.push(p);
    }
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const port = ports[i];
        const nodeDir = path.join(dir, String(port));
        fs.mkdirSync(nodeDir);
        processes.push(
          await startProcess(i < 3 ? 'master' : 'replica', port, nodeDir, [
            ...COMMON(port),
            ...DURABLE,
            '--cluster-enabled', 'yes',
            '--cluster-config-file', path.join(nodeDir, 'nodes.conf'),
            '--cluster-port', String(ports[count + i]),
            '--cluster-node-timeout', String(options.nodeTimeoutMs ?? 1000),
            // A replica that lost contact briefly may still take over (the test kills masters on purpose).
            '--cluster-replica-validity-factor', '0',
          ]),
        );
      }),
    );
    processes.sort((a, b) => ports.indexOf(a.port) - ports.indexOf(b.port));
    const nodes = ports.slice(0, count).map((p) => `127.0.0.1:${p}`);
    cli(ports[0], '--cluster', 'create', ...nodes, '--cluster-replicas', String(replicas), '--cluster-yes');
    await waitUntil('cluster state ok on every node', () => ports.slice(0, count).every((p) => /cluster_state:ok/.test(cli(p, 'CLUSTER', 'INFO'))), 20_000);
    // Roles as the cluster assigned them (redis-cli may pair them differently from the order given).
    for (const p of processes) p.role = /role:master/.test(cli(p.port, 'INFO', 'replication')) ? 'master' : 'replica';
    if (replicas) {
      await waitUntil('replicas in sync', () =>
        processes.filter((p) => p.role === 'replica').every((p) => /master_link_status:up/.test(cli(p.port, 'INFO', 'replication'))),
      );
    }
  } catch (err) {
    await stopAll(processes, [dir]);
    throw err;
  }
  return {
    mode: 'cluster',
    env: { REDIS_CLUSTER_NODES: processes.filter((p) => p.role === 'master').map((p) => `127.0.0.1:${p.port}`).join(',') },
    processes,
    cli,
    stop: () => stopAll(processes, [dir]),
  };
}

export const SENTINEL_NAME = 'brobygger';

/** A master, one replica and three sentinels (quorum 2) that fail over about a second after the master dies. */
export async function startSentinel(options: { downAfterMs?: number } = {}): Promise<RedisDeployment> {
  const dir = tempDir('sentinel');
  const processes: RedisProcess[] = [];
  try {
    const [masterPort, replicaPort, ...sentinelPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const dataDir = (name: string) => {
      const d = path.join(dir, name);
      fs.mkdirSync(d);
      return d;
    };
    processes.push(await startProcess('master', masterPort, dataDir('master'), [...COMMON(masterPort), ...DURABLE]));
    processes.push(
      await startProcess('replica', replicaPort, dataDir('replica'), [...COMMON(replicaPort), ...DURABLE, '--replicaof', '127.0.0.1', String(masterPort)]),
    );
    await waitUntil('replica in sync', () => /master_link_status:up/.test(cli(replicaPort, 'INFO', 'replication')));
    // Each sentinel is told the others and the replica up front (instead of learning them from hello
    // messages every 2 s), so the set can fail over as soon as it is up.
    const ids = sentinelPorts.map((_, i) => `${'0'.repeat(39)}${i + 1}`);
    await Promise.all(
      sentinelPorts.map(async (port, i) => {
        const d = dataDir(`sentinel-${i}`);
        const conf = path.join(d, 'sentinel.conf');
        fs.writeFileSync(
          conf,
          [
            `port ${port}`,
            'bind 127.0.0.1',
            'protected-mode no',
            `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${masterPort} 2`,
            `sentinel down-after-milliseconds ${SENTINEL_NAME} ${options.downAfterMs ?? 1000}`,
            `sentinel failover-timeout ${SENTINEL_NAME} 5000`,
            `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
            `sentinel myid ${ids[i]}`,
            `sentinel known-replica ${SENTINEL_NAME} 127.0.0.1 ${replicaPort}`,
            ...sentinelPorts.flatMap((other, j) => (j === i ? [] : [`sentinel known-sentinel ${SENTINEL_NAME} 127.0.0.1 ${other} ${ids[j]}`])),
            '',
          ].join('\n'),
        );
        processes.push(await startProcess('sentinel', port, d, [conf, '--sentinel']));
      }),
    );
    // The sentinels must know the replica and each other before a failover can happen.
    await waitUntil('sentinels see the replica and each other', () =>
      sentinelPorts.every((p) => {
        const info = cli(p, 'SENTINEL', 'MASTER', SENTINEL_NAME);
        const field = (name: string) => Number(new RegExp(`(?:^|\\n)${name}\\n(\\d+)`).exec(info)?.[1] ?? -1);
        return field('num-slaves') >= 1 && field('num-other-sentinels') >= 2;
      }),
    20_000);
  } catch (err) {
    await stopAll(processes, [dir]);
    throw err;
  }
  return {
    mode: 'sentinel',
    env: {
      REDIS_SENTINELS: processes.filter((p) => p.role === 'sentinel').map((p) => `127.0.0.1:${p.port}`).join(','),
      REDIS_SENTINEL_NAME: SENTINEL_NAME,
    },
    processes,
    cli,
    stop: () => stopAll(processes, [dir]),
  };
}

export function startDeployment(mode: RedisDeployment['mode'], options: { replicas?: 0 | 1 } = {}): Promise<RedisDeployment> {
  if (mode === 'cluster') return startCluster(options);
  if (mode === 'sentinel') return startSentinel();
  return startSingle();
}

/** The modes the mode-independent tests run on: all three where redis-server is installed. */
export const REDIS_MODES: RedisDeployment['mode'][] = hasRedisServer ? ['single', 'cluster', 'sentinel'] : ['single'];

/** The environment for a bot on this deployment (none: the shared test Redis of REDIS_URL). */
export function redisEnv(deployment: RedisDeployment | undefined): Record<string, string | undefined> {
  if (!deployment) return {};
  return { REDIS_URL: undefined, REDIS_CLUSTER_NODES: undefined, REDIS_SENTINELS: undefined, REDIS_SENTINEL_NAME: undefined, ...deployment.env };
}
