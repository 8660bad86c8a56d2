import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { buildTeamsPackage } from '../src/channels/teams';
import { staffFileSchema } from '../src/handoff/staffDirectory';

const BOT_ID = '5ea1b5e2-9f3c-4d1e-b6a7-2c8d9e0f1a2b';
const APP_ID = '0c9b8a7f-6e5d-4c3b-a291-8f7e6d5c4b3a';

/** Width, height and RGBA pixels of a PNG (8-bit RGBA, as our icons are), read without any library. */
function readPng(data: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0); // no row filter, as written
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('the Teams app package', () => {
  test('npm run teams:package builds a zip Teams accepts: manifest with the configured ids, both icons', () => {
    const { zip, manifest } = buildTeamsPackage({ appId: APP_ID, botId: BOT_ID, version: '1.2.3' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brobygger-teams-'));
    try {
      const file = path.join(dir, 'app.zip');
      fs.writeFileSync(file, zip);
      // Read back by the system's unzip: the archive is well formed and its CRCs hold.
      expect(execFileSync('unzip', ['-tq', file]).toString()).toMatch(/No errors detected/);
      execFileSync('unzip', ['-q', file, '-d', dir]);
      expect(fs.readdirSync(dir).sort()).toEqual(['app.zip', 'color.png', 'manifest.json', 'outline.png']);
      const written = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      expect(written).toEqual(manifest);
      expect(written).toMatchObject({
        $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
        manifestVersion: '1.17',
        id: APP_ID,
        version: '1.2.3',
        icons: { color: 'color.png', outline: 'outline.png' },
        bots: [{ botId: BOT_ID, scopes: ['team', 'groupChat', 'personal'] }],
      });
      expect(JSON.stringify(written)).not.toMatch(/\$\{\{/);
      expect(written.name.short.length).toBeLessThanOrEqual(30);
      expect(written.description.short.length).toBeLessThanOrEqual(80);
      expect(written.accentColor).toMatch(/^#[0-9A-F]{6}$/i);

      const color = readPng(fs.readFileSync(path.join(dir, 'color.png')));
      expect([color.width, color.height]).toEqual([192, 192]);
      const outline = readPng(fs.readFileSync(path.join(dir, 'outline.png')));
      expect([outline.width, outline.height]).toEqual([32, 32]);
      // Teams wants the outline icon white on transparent, and not empty.
      let drawn = 0;
      for (let i = 0; i < outline.pixels.length; i += 4) {
        const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
        if (a > 0) {
          drawn++;
          expect([r, g, b]).toEqual([255, 255, 255]);
        }
      }
      expect(drawn).toBeGreaterThan(50);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the Teams app id defaults to the bot\'s; no id or a malformed one is refused with the reason', () => {
    expect(buildTeamsPackage({ botId: BOT_ID }).manifest).toMatchObject({ id: BOT_ID });
    expect(() => buildTeamsPackage({})).toThrow(/Set MicrosoftAppId/);
    expect(() => buildTeamsPackage({ botId: 'not-a-guid' })).toThrow(/MicrosoftAppId must be a GUID/);
  });

  test('data/staff.json may name a staff member in Teams; a malformed or repeated Teams id is refused', () => {
    const member = { staffId: 'amira', name: 'Amira', role: 'counsellor', languages: ['da'], topics: [] };
    expect(staffFileSchema.safeParse({ sample: 'x', staff: [{ ...member, teamsAadObjectId: BOT_ID, teamsUpn: 'amira@kk.dk' }] }).success).toBe(true);
    expect(staffFileSchema.safeParse({ sample: 'x', staff: [{ ...member, teamsAadObjectId: 'amira' }] }).success).toBe(false);
    expect(staffFileSchema.safeParse({ sample: 'x', staff: [{ ...member, teamsUpn: 'amira' }] }).success).toBe(false);
    const twice = [
      { ...member, teamsAadObjectId: BOT_ID },
      { ...member, staffId: 'jonas', teamsAadObjectId: BOT_ID.toUpperCase() },
    ];
    expect(staffFileSchema.safeParse({ sample: 'x', staff: twice }).error?.issues[0].message).toBe('teamsAadObjectId must be unique');
  });
});
