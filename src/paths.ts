import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The project root, found by walking up to package.json, so the same code finds `locales/` and `data/`
 * whether it runs from `src/` (tests, ts) or from `dist/src/` (compiled).
 */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot(__dirname);
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
export const DATA_DIR = path.join(PROJECT_ROOT, 'data');
