#!/usr/bin/env node
// Runs a command (the test suite) with a Redis it can use:
// REDIS_URL when set, else 127.0.0.1:6379 when it answers, else a temporary redis-server when the binary
// exists, else one clear line telling how to get one.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function ping(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function hasBinary(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  const env = { ...process.env };
  let temp;
  if (!env.REDIS_URL) {
    if (await ping('127.0.0.1', 6379)) {
      env.REDIS_URL = 'redis://127.0.0.1:6379';
    } else if (hasBinary('redis-server')) {
      const port = 6390 + Math.floor(Math.random() * 500);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-redis-'));
      temp = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
      for (let i = 0; i < 50 && !(await ping('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
      env.REDIS_URL = `redis://127.0.0.1:${port}`;
      process.stderr.write(`Started a temporary redis-server on port ${port} for the tests.\n`);
    } else {
      process.stderr.write('The tests need Redis: set REDIS_URL, start one on 127.0.0.1:6379, or install it (Debian: apt-get install -y redis-server).\n');
      process.exit(1);
    }
  }
  const bin = path.join(__dirname, '..', 'node_modules', '.bin', cmd);
  // Jest also writes its results as JSON, so one plain closing line can say what ran.
  const results = cmd === 'jest' ? path.join(os.tmpdir(), `brobygger-jest-${process.pid}.json`) : undefined;
  const fullArgs = results ? [...args, '--json', `--outputFile=${results}`] : args;
  const child = spawn(fs.existsSync(bin) ? bin : cmd, fullArgs, { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    if (temp) temp.kill();
    if (results && fs.existsSync(results)) {
      try {
        const r = JSON.parse(fs.readFileSync(results, 'utf8'));
        process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests || 0)} skipped\n`);
      } catch {
        // no summary then; jest's own output stands
      }
      fs.rmSync(results, { force: true });
    }
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main();
