/**
 * Two independent 32-bit hashes (FNV-1a and a murmur3 step with its finaliser) computed incrementally over
 * code units. Language profiles and route features fingerprint their n-grams with the pair, so no n-gram
 * string is ever allocated and two different n-grams practically never share a fingerprint.
 */
export const FNV_OFFSET = 0x811c9dc5;
export const MURMUR_SEED = 0x9747b28c;

export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

export function murmurStep(h: number, c: number): number {
  let k = Math.imul(c, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export function fmix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fingerprint -> row index (a feature, an n-gram), open addressing with linear probing (load factor at most 1/2). */
export class FingerprintTable {
  private keys1: Uint32Array;
  private keys2: Uint32Array;
  /** Feature index + 1; 0 marks an empty slot. */
  private slots: Int32Array;
  size = 0;

  constructor(capacity = 1 << 12) {
    this.keys1 = new Uint32Array(capacity);
    this.keys2 = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  get(h1: number, h2: number): number {
    const mask = this.slots.length - 1;
    let pos = h1 & mask;
    for (;;) {
      const v = this.slots[pos];
      if (v === 0) return -1;
      if (this.keys1[pos] === h1 && this.keys2[pos] === h2) return v - 1;
      pos = (pos + 1) & mask;
    }
  }

  /** The feature's index, adding it with the next free index when new. */
  intern(h1: number, h2: number): number {
    const mask = this.slots.length - 1;
    let pos = h1 & mask;
    for (;;) {
      const v = this.slots[pos];
      if (v === 0) break;
      if (this.keys1[pos] === h1 && this.keys2[pos] === h2) return v - 1;
      pos = (pos + 1) & mask;
    }
    const index = this.size++;
    this.keys1[pos] = h1;
    this.keys2[pos] = h2;
    this.slots[pos] = index + 1;
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return index;
  }

  /** Its arrays, for a saved model (modelCache.ts). */
  dump(): { keys1: Uint32Array; keys2: Uint32Array; slots: Int32Array; size: number } {
    return { keys1: this.keys1, keys2: this.keys2, slots: this.slots, size: this.size };
  }

  static restore(saved: { keys1: Uint32Array; keys2: Uint32Array; slots: Int32Array; size: number }): FingerprintTable {
    const table = new FingerprintTable(1);
    table.keys1 = saved.keys1;
    table.keys2 = saved.keys2;
    table.slots = saved.slots;
    table.size = saved.size;
    return table;
  }

  /** Shrinks the table to the smallest power of two that keeps it at most half full. */
  compact(): void {
    let capacity = 1 << 4;
    while (capacity < this.size * 2) capacity *= 2;
    if (capacity < this.slots.length) this.rehash(capacity);
  }

  private rehash(capacity: number): void {
    const { keys1, keys2, slots } = this;
    this.keys1 = new Uint32Array(capacity);
    this.keys2 = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === 0) continue;
      let pos = keys1[i] & mask;
      while (this.slots[pos] !== 0) pos = (pos + 1) & mask;
      this.keys1[pos] = keys1[i];
      this.keys2[pos] = keys2[i];
      this.slots[pos] = slots[i];
    }
  }
}
