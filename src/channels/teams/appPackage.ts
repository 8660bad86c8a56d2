import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../paths';
import { zip } from './zip';

export const APP_PACKAGE_DIR = path.join(PROJECT_ROOT, 'appPackage');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageOptions {
  /** The Teams app's id (TEAMS_APP_ID, by default the bot's). */
  appId?: string;
  /** The Azure Bot's app id (MicrosoftAppId). */
  botId?: string;
  /** `major.minor.patch`, from package.json by default. */
  version?: string;
  dir?: string;
}

export class PackageError extends Error {}

/**
 * The Teams app package: appPackage/manifest.json with the configured ids filled in, and the two icons,
 * zipped flat (as Teams' "Upload an app" wants it).
 */
export function buildTeamsPackage(options: PackageOptions): { zip: Buffer; manifest: Record<string, unknown> } {
  const dir = options.dir ?? APP_PACKAGE_DIR;
  const botId = options.botId ?? options.appId;
  const appId = options.appId ?? botId;
  if (!botId || !appId) throw new PackageError('Set MicrosoftAppId (the Azure Bot\'s app id) before building the Teams package (and TEAMS_APP_ID if the Teams app has its own id).');
  for (const [name, value] of [['MicrosoftAppId', botId], ['TEAMS_APP_ID', appId]]) {
    if (!GUID.test(value)) throw new PackageError(`${name} must be a GUID, got "${value}"`);
  }
  const version = options.version ?? (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const values: Record<string, string> = { TEAMS_APP_ID: appId, BOT_ID: botId, APP_VERSION: version };
  const template = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    if (!(name in values)) throw new PackageError(`appPackage/manifest.json: unknown placeholder ${whole}`);
    return values[name];
  });
  const manifest = JSON.parse(filled) as { icons: { color: string; outline: string } } & Record<string, unknown>;
  const files = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: manifest.icons.color, data: fs.readFileSync(path.join(dir, manifest.icons.color)) },
    { name: manifest.icons.outline, data: fs.readFileSync(path.join(dir, manifest.icons.outline)) },
  ];
  return { zip: zip(files), manifest };
}
