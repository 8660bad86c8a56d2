import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Default: a folder in the system's temporary directory (MODEL_CACHE_DIR changes it; `off` always trains). */
export const DEFAULT_MODEL_CACHE_DIR = path.join(os.tmpdir(), 'brobygger-models');

/**
 * A trained model kept on disk, keyed by a digest of everything it was trained from (the training files and
 * the options): a restart, a second instance on the same machine or the next test file loads it in a few
 * milliseconds instead of training for seconds. Change one phrase and the digest changes, so the model is
 * trained afresh; a missing, foreign or broken file is simply trained over. The file holds weights only, no
 * phrases and nothing a resident wrote.
 */
type TypedArray = Float32Array | Float64Array | Int32Array | Uint32Array;
const TYPES = { Float32Array, Float64Array, Int32Array, Uint32Array } as const;
type TypeName = keyof typeof TYPES;

export interface SavedModel {
  meta: Record<string, unknown>;
  arrays: Record<string, TypedArray>;
}

/** Bump when the saved layout or the training changes in a way the digest of the inputs cannot see. */
const FORMAT = 'brobygger-model-5';

export function modelDigest(inputs: readonly string[]): string {
  const h = createHash('sha256').update(FORMAT);
  for (const input of inputs) h.update('\0').update(input);
  return h.digest('hex').slice(0, 32);
}

export function loadModel(dir: string, digest: string): SavedModel | undefined {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(path.join(dir, `model-${digest}.bin`));
  } catch {
    return undefined;
  }
  try {
    const headerLength = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as Header;
    if (header.format !== FORMAT || header.digest !== digest) return undefined;
    const dataStart = align(4 + headerLength);
    const arrays: Record<string, TypedArray> = {};
    for (const a of header.arrays) {
      const Type = TYPES[a.type];
      // A copy into its own buffer: the file's buffer need not be aligned for the element size.
      const from = dataStart + a.offset;
      const bytes = buffer.subarray(from, from + a.length * Type.BYTES_PER_ELEMENT);
      if (bytes.length !== a.length * Type.BYTES_PER_ELEMENT) return undefined;
      const copy = new ArrayBuffer(bytes.length);
      new Uint8Array(copy).set(bytes);
      arrays[a.name] = new Type(copy);
    }
    return { meta: header.meta, arrays };
  } catch {
    return undefined;
  }
}

interface Header {
  format: string;
  digest: string;
  meta: Record<string, unknown>;
  /** Offsets are from the start of the data, which follows the header (aligned to 8 bytes). */
  arrays: { name: string; type: TypeName; offset: number; length: number }[];
}

/** Writes atomically (a temporary file renamed into place), so a reader never sees half a model. */
export function saveModel(dir: string, digest: string, model: SavedModel): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const entries = Object.entries(model.arrays);
    let offset = 0;
    const arrays = entries.map(([name, array]) => {
      const at = offset;
      offset = align(offset + array.byteLength);
      return { name, type: array.constructor.name as TypeName, offset: at, length: array.length };
    });
    const header = Buffer.from(JSON.stringify({ format: FORMAT, digest, meta: model.meta, arrays } satisfies Header), 'utf8');
    const dataStart = align(4 + header.length);
    const out = Buffer.alloc(dataStart + offset);
    out.writeUInt32LE(header.length, 0);
    header.copy(out, 4);
    entries.forEach(([, array], i) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, dataStart + arrays[i].offset));
    const tmp = path.join(dir, `.model-${digest}.${randomBytes(4).toString('hex')}.tmp`);
    fs.writeFileSync(tmp, out);
    fs.renameSync(tmp, path.join(dir, `model-${digest}.bin`));
  } catch {
    // No cache then (a read-only disk, say): the next start trains again, which is only slower.
  }
}

function align(n: number): number {
  return (n + 7) & ~7;
}
