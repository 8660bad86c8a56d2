import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Activity } from 'botbuilder';
import { freePort } from './redisTopology';

/**
 * A bot as its own operating-system process (`src/index.ts`, compiled on load by test/helpers/register-ts.js),
 * so fault tests can kill it with SIGKILL as a crash would, and nothing of it survives in the test process.
 */
export interface BotProcess {
  baseUrl: string;
  child: ChildProcess;
  /** What the process wrote to stderr (warnings and errors; logs are JSON lines). */
  stderr(): string;
  /** SIGKILL, and waits until the process is gone. */
  kill(): Promise<void>;
}

const ROOT = path.join(__dirname, '..', '..');
const ALL: BotProcess[] = [];
process.once('exit', () => {
  for (const p of ALL) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

export async function startBotProcess(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<BotProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'test', 'helpers', 'register-ts.js'), path.join(ROOT, 'src', 'index.ts')], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const proc: BotProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    stderr: () => stderr,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
  };
  ALL.push(proc);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot process exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${proc.baseUrl}/readyz`)).status === 200) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.kill();
      throw new Error(`bot process did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A channel (the bot's `serviceUrl`) that can hold a reply: the bot's POST of it stays unanswered until the
 * test lets it go, so the turn that sent it is known to be in flight (holding its conversation's lock).
 */
export interface HoldingChannel {
  serviceUrl: string;
  received: { conversationId: string; activity: Partial<Activity> }[];
  /** The next reply in `conversationId` is held: resolves when it arrived; call the result to answer it. */
  holdNext(conversationId: string): Promise<() => void>;
  waitFor(conversationId: string, count: number, timeoutMs?: number): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export async function startHoldingChannel(): Promise<HoldingChannel> {
  const received: HoldingChannel['received'] = [];
  const holds = new Map<string, (release: () => void) => void>();
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const conversationId = decodeURIComponent(/\/v3\/conversations\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '');
      let activity: Partial<Activity> = {};
      try {
        activity = JSON.parse(body || '{}');
      } catch {
        // recorded as empty
      }
      received.push({ conversationId, activity });
      const answer = () => {
        open.delete(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `act-${received.length}` }));
      };
      const hold = holds.get(conversationId);
      if (hold) {
        holds.delete(conversationId);
        open.add(res);
        hold(answer);
      } else {
        answer();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const inConversation = (id: string) => received.filter((r) => r.conversationId === id).map((r) => r.activity);
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    received,
    holdNext: (conversationId) => new Promise((resolve) => holds.set(conversationId, resolve)),
    async waitFor(conversationId, count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (inConversation(conversationId).length < count) {
        if (Date.now() > deadline) throw new Error(`channel got ${inConversation(conversationId).length} of ${count} activities`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return inConversation(conversationId);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
