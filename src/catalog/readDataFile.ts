import * as fs from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';

/** A data file the city edits is wrong: the message names the file, the entry and the field. */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

/**
 * Reads `data/<fileName>` and validates it with `schema`. On failure the error reads like
 * `data/clubs.json: clubs[3] ("Klubben Nørrebro") .hours.monday: expected string` so the city can fix it.
 */
export function readDataFile<S extends z.ZodType>(dataDir: string, fileName: string, schema: S): z.infer<S> {
  const full = path.join(dataDir, fileName);
  const shown = `data/${fileName}`;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(full, 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(err as Error).message})`;
    throw new CatalogError(`${shown}: ${reason}`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.slice(0, 5).map((issue) => `${shown}: ${describePath(raw, issue.path)}: ${issue.message}`);
  throw new CatalogError(lines.join('\n'));
}

function describePath(root: unknown, issuePath: PropertyKey[]): string {
  let out = '';
  let node: unknown = root;
  for (const part of issuePath) {
    if (typeof part === 'number') {
      out += `[${part}]`;
      node = Array.isArray(node) ? node[part] : undefined;
      const label = entryLabel(node);
      if (label) out += ` ("${label}")`;
    } else {
      out += out ? `.${String(part)}` : String(part);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(part)] : undefined;
    }
  }
  return out || '(file)';
}

function entryLabel(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  // Proper names are plain strings; descriptive labels are nine-language texts, of which the city knows the Danish.
  const name = typeof o.name === 'string' ? o.name : (o.name as { da?: unknown } | undefined)?.da;
  if (typeof name === 'string') return name;
  if (typeof o.id === 'string') return o.id;
  // A district's area facts are known by their district.
  return typeof o.district === 'string' ? o.district : undefined;
}
