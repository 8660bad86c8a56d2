import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import Redis from 'ioredis';
import { childProcessEnv, loadConfig } from '../src/config';

/**
 * `npm run bench:turns [-- --connections 50 --seconds 10] [-- --profile /tmp/prof]`
 *
 * Drives POST /api/messages with deliveryMode expectReplies from many concurrent conversations (one
 * conversation per connection, one message in flight each) against Brobygger (a separate process, with Redis
 * state when Redis answers) and, in the same run, against a bare botbuilder echo bot; prints turns/s, p50,
 * p99 latency, peak RSS of each bot process, and the ratio ours/echo.
 */
interface Result {
  name: string;
  turns: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  peakRssMb: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const CONNECTIONS = arg('connections', 50);
const SECONDS = arg('seconds', 10);
const MESSAGES = ['Hej, hvad kan du hjælpe med?', 'Jeg har brug for en tolk til lægen', 'Is there a youth club open tonight?', 'hej'];

async function redisUrlIfReachable(): Promise<string | undefined> {
  const url = loadConfig().redisUrl ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.quit();
    return url;
  } catch {
    redis.disconnect();
    return undefined;
  }
}

// `--profile DIR`: Brobygger's process writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
const PROFILE_DIR = (() => {
  const i = process.argv.indexOf('--profile');
  return i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
})();

function startProcess(script: string, args: string[], env: NodeJS.ProcessEnv, port: number, execArgv: string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { env, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    const deadline = Date.now() + 30000;
    const poll = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
        res.resume();
        resolve(child);
      });
      req.on('error', () => (Date.now() > deadline ? reject(new Error('did not start')) : setTimeout(poll, 100)));
    };
    child.once('message', () => resolve(child));
    poll();
  });
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function drive(name: string, port: number, pid: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  const connection = async (c: number) => {
    let n = 0;
    while (Date.now() < until) {
      const body = JSON.stringify({
        type: 'message',
        id: `m${c}-${n}`,
        channelId: 'bench',
        serviceUrl: 'http://127.0.0.1:9/unused',
        conversation: { id: `bench-${name}-${c}` },
        from: { id: `resident-${c}` },
        recipient: { id: 'bot' },
        text: MESSAGES[n++ % MESSAGES.length],
        deliveryMode: 'expectReplies',
      });
      const t0 = performance.now();
      const status = await new Promise<number>((resolve) => {
        const req = http.request(
          { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', () => resolve(0));
        req.end(body);
      });
      if (status === 200) latencies.push(performance.now() - t0);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, c) => connection(c)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { name, turns: latencies.length, errors, seconds, p50: pct(0.5), p99: pct(0.99), peakRssMb: peakRssMb(pid) };
}

async function main(): Promise<void> {
  const root = path.join(__dirname, '..');
  const redisUrl = await redisUrlIfReachable();
  const prefix = `bench:${Date.now()}:`;
  const oursPort = 4100 + Math.floor(Math.random() * 500);
  const echoPort = oursPort + 1;
  const ours = await startProcess(
    path.join(root, 'src', 'index.js'),
    [],
    // Each conversation sends back to back for the whole run: far over the per-resident limit, on purpose.
    childProcessEnv({ PORT: String(oursPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, RESIDENT_MESSAGES_PER_WINDOW: '10000', RESIDENT_MESSAGE_WINDOW_SECONDS: '1' }),
    oursPort,
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  );
  const echo = await startProcess(path.join(__dirname, 'echoBot.js'), [String(echoPort)], childProcessEnv({}), echoPort);
  console.log(`bench:turns — ${CONNECTIONS} concurrent conversations, ${SECONDS} s each, expectReplies; Brobygger state: ${redisUrl ? 'Redis' : 'in memory (no Redis reachable)'}`);
  try {
    const results = [await drive('brobygger', oursPort, ours.pid!), await drive('echo', echoPort, echo.pid!)];
    console.log('');
    console.log('bot         turns/s   p50 ms   p99 ms   errors   peak RSS MB');
    for (const r of results) {
      console.log(
        `${r.name.padEnd(10)} ${(r.turns / r.seconds).toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(8)} ${String(r.peakRssMb).padStart(13)}`,
      );
    }
    const [a, b] = results;
    console.log(`\nratio ours/echo (turns/s): ${(a.turns / a.seconds / (b.turns / b.seconds)).toFixed(2)}`);
  } finally {
    ours.removeAllListeners('exit');
    echo.removeAllListeners('exit');
    const oursExited = new Promise((resolve) => ours.once('exit', resolve));
    ours.kill('SIGTERM');
    echo.kill('SIGTERM');
    // The profile is written as the process exits.
    if (PROFILE_DIR) await oursExited;
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
