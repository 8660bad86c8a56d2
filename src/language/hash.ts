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
