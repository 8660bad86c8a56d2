import { PassThrough } from 'node:stream';
import { createRouteEngine, runRouteCli, type RouteEngine } from '../src/cli/route';
import { LOCALES_DIR } from '../src/paths';

let engine: RouteEngine;
beforeAll(async () => {
  engine = await createRouteEngine(LOCALES_DIR);
});

async function run(input: string): Promise<Record<string, unknown>[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stdin.end(input);
  await runRouteCli(stdin, stdout, engine);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line));
}

describe('npm run route', () => {
  test('one JSON line per message; plain text and JSON lines; empty lines skipped', async () => {
    const out = await run(
      [
        'jeg har brug for en tolk til lægen',
        '',
        JSON.stringify({ text: 'komşum her gece çok gürültü yapıyor' }),
        '   ',
        JSON.stringify({ text: 'my husband hits me', lang: 'en' }),
        'mujhe doctor ke liye translator chahiye',
      ].join('\n'),
    );
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ lang: 'da', route: 'interpreter' });
    expect(out[1]).toMatchObject({ lang: 'tr', route: 'mediation' });
    expect(out[2]).toMatchObject({ lang: 'en', route: 'counsellor', urgent: true });
    expect(out[3]).toMatchObject({ lang: 'ur', route: 'interpreter', romanized: true });
    for (const line of out) {
      expect(typeof line.confidence).toBe('number');
      expect(Object.keys(line).slice(0, 3)).toEqual(['lang', 'route', 'confidence']);
    }
    expect(out[0].urgent).toBeUndefined();
  });

  test('a given lang is used as is; a line that only looks like JSON is a message', async () => {
    const out = await run('{"text":"ok","lang":"so"}\n{not json, just a message about my neighbour\n');
    expect(out[0]).toMatchObject({ lang: 'so', langSource: 'input' });
    expect(out).toHaveLength(2);
  });

  test('nothing to go on falls back to Danish', async () => {
    const [line] = await run('12\n');
    expect(line).toMatchObject({ lang: 'da', langSource: 'default' });
  });
});
