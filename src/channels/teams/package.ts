import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../config';
import { APP_PACKAGE_DIR, buildTeamsPackage, PackageError } from './appPackage';

/** `npm run teams:package`: writes appPackage/build/brobygger-teams.zip from the configured app ids. */
function main(): void {
  const config = loadConfig();
  try {
    const { zip } = buildTeamsPackage({ appId: config.teams.appId, botId: config.microsoftApp.appId });
    const out = path.join(APP_PACKAGE_DIR, 'build', 'brobygger-teams.zip');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, zip);
    process.stdout.write(`${path.relative(process.cwd(), out)} (${zip.length} bytes): upload it in Teams (Apps > Manage your apps > Upload an app).\n`);
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  }
}

main();
