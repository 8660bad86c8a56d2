import { FingerprintTable, fmix, fnvStep, FNV_OFFSET, murmurStep, MURMUR_SEED } from '../language/hash';

/**
 * Sparse TF-IDF features of a normalised message: character 2–5-grams (across word boundaries, so
 * "brug for" and loanwords like "tolk", "kommune", "مترجم" are shared between languages and survive typos)
 * plus word unigrams and bigrams. One vocabulary across all nine languages.
 *
 * Features are never made into strings: each one is a 64-bit fingerprint (two independent 32-bit hashes,
 * FNV-1a and MurmurHash3's mixing, over the message's code units), computed in place while rolling over the
 * message. The vocabulary is an open-addressing table of fingerprints in typed arrays. Unlike hashing into a
 * fixed number of buckets, this keeps every training feature apart (two of the ~130k features sharing a
 * fingerprint has a probability of about 1e-9), so the model is the one a string-keyed vocabulary gives.
 */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface FeatureOptions {
  charMin: number;
  charMax: number;
  /** Character n-grams inside each word (" tolk ") rather than across the whole message. */
  withinWords: boolean;
  wordBigrams: boolean;
  /** Weight of a cross-language concept feature (see concepts.ts) relative to one n-gram; 0 turns them off. */
  conceptWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charMin: 2, charMax: 5, withinWords: false, wordBigrams: true, conceptWeight: 1.5 };

/** What a feature is; coverage counts words and 4–5-character n-grams only, concepts carry a weight, not a count. */
export const KIND_SHORT_CHAR = 0;
export const KIND_LONG_CHAR = 1;
export const KIND_WORD = 2;
export const KIND_BIGRAM = 3;
export const KIND_CONCEPT = 4;
/** n-grams at least this long count for coverage (a word piece rather than a letter pair). */
const LONG_CHAR = 4;

const SPACE = 32;

// Each kind hashes as if its text had a different one-letter prefix, so "tolk" the word and "tolk" the
// 4-gram are different features (as "w:tolk" and "c:tolk" were).
const KIND_SEED_CODE = [0x63, 0x63, 0x77, 0x62, 0x6b]; // c c w b k

function growUint32(a: Uint32Array, n: number) {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}

/**
 * The distinct features of one message with their counts, in order of first occurrence (which is what makes
 * training assign the same feature indices on every start). Reused from message to message: nothing is
 * allocated per message unless a message is longer than any before.
 */
export class FeatureBag {
  size = 0;
  h1 = new Uint32Array(256);
  h2 = new Uint32Array(256);
  kind = new Uint8Array(256);
  count = new Float64Array(256);
  /** Vocabulary index of each feature, -1 when unknown; filled by `Vocabulary.resolve`. */
  index = new Int32Array(256);
  // Dedup table: slot -> feature ordinal, valid when slotGen equals gen (so it never needs clearing).
  private slotFeature = new Int32Array(1024);
  private slotGen = new Uint32Array(1024);
  private gen = 1;
  // Rolling n-gram hashes per start position, filled length-major.
  private gramH1 = new Uint32Array(1024);
  private gramH2 = new Uint32Array(1024);
  private gramSkip = new Uint8Array(1024);
  private units = new Uint16Array(256);

  reset(): void {
    this.size = 0;
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      this.slotGen.fill(0);
      this.gen = 1;
    }
  }

  /** Adds one occurrence (or, for a concept, sets the weight) of the feature with this fingerprint. */
  add(h1: number, h2: number, kind: number, amount: number): void {
    const mask = this.slotFeature.length - 1;
    let pos = h1 & mask;
    while (this.slotGen[pos] === this.gen) {
      const f = this.slotFeature[pos];
      if (this.h1[f] === h1 && this.h2[f] === h2) {
        if (kind === KIND_CONCEPT) this.count[f] = amount;
        else this.count[f] += amount;
        return;
      }
      pos = (pos + 1) & mask;
    }
    const f = this.size++;
    if (f >= this.h1.length) this.growFeatures();
    this.h1[f] = h1;
    this.h2[f] = h2;
    this.kind[f] = kind;
    this.count[f] = amount;
    this.slotFeature[pos] = f;
    this.slotGen[pos] = this.gen;
    if (this.size * 2 > this.slotFeature.length) this.growSlots();
  }

  private growFeatures(): void {
    const n = this.h1.length * 2;
    this.h1 = growUint32(this.h1, n);
    this.h2 = growUint32(this.h2, n);
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const count = new Float64Array(n);
    count.set(this.count);
    this.count = count;
    this.index = new Int32Array(n);
  }

  private growSlots(): void {
    const cap = this.slotFeature.length * 2;
    this.slotFeature = new Int32Array(cap);
    this.slotGen = new Uint32Array(cap);
    this.gen = 1;
    const mask = cap - 1;
    for (let f = 0; f < this.size; f++) {
      let pos = this.h1[f] & mask;
      while (this.slotGen[pos] === this.gen) pos = (pos + 1) & mask;
      this.slotFeature[pos] = f;
      this.slotGen[pos] = this.gen;
    }
  }

  /** The bag's features of `normalized`; `concepts` are `conceptsOf(normalized)` (computed once by the caller). */
  fill(normalized: string, options: FeatureOptions, concepts: readonly string[]): void {
    this.reset();
    if (options.withinWords) {
      for (let start = 0; normalized; ) {
        const end = normalized.indexOf(' ', start);
        this.addCharGrams(normalized, start, end === -1 ? normalized.length : end, options);
        if (end === -1) break;
        start = end + 1;
      }
    } else {
      this.addCharGrams(normalized, 0, normalized.length, options);
    }
    this.addWords(normalized, options.wordBigrams);
    if (options.conceptWeight > 0) {
      // SOMEONE ("nogen", "ktoś", "کسی") serves the urgency rule only: as a feature it drags "someone parks in
      // my spot" towards counsellor.
      for (const c of concepts) {
        if (c === 'SOMEONE') continue;
        const [h1, h2] = conceptFingerprint(c);
        this.add(h1, h2, KIND_CONCEPT, options.conceptWeight);
      }
    }
  }

  /**
   * Character n-grams of ` text[from..to) `. Code units, not code points: our scripts are all in the Basic
   * Multilingual Plane, and an emoji split in two is as meaningless a feature as a whole one.
   */
  private addCharGrams(text: string, from: number, to: number, options: FeatureOptions): void {
    const len = to - from + 2;
    if (this.units.length < len) this.units = new Uint16Array(len * 2);
    const u = this.units;
    u[0] = SPACE;
    for (let i = from; i < to; i++) u[i - from + 1] = text.charCodeAt(i);
    u[len - 1] = SPACE;
    const { charMin, charMax } = options;
    const lengths = charMax - charMin + 1;
    if (lengths <= 0) return;
    const need = lengths * len;
    if (this.gramH1.length < need) {
      this.gramH1 = new Uint32Array(need * 2);
      this.gramH2 = new Uint32Array(need * 2);
      this.gramSkip = new Uint8Array(need * 2);
    }
    const g1 = this.gramH1;
    const g2 = this.gramH2;
    const skip = this.gramSkip;
    const seed1 = fnvStep(FNV_OFFSET, KIND_SEED_CODE[KIND_SHORT_CHAR]);
    const seed2 = murmurStep(MURMUR_SEED, KIND_SEED_CODE[KIND_SHORT_CHAR]);
    for (let i = 0; i < len; i++) {
      let h1 = seed1;
      let h2 = seed2;
      let letters = 0;
      for (let n = 1; n <= charMax && i + n <= len; n++) {
        const c = u[i + n - 1];
        h1 = fnvStep(h1, c);
        h2 = murmurStep(h2, c);
        if (c !== SPACE) letters++;
        if (n < charMin) continue;
        const at = (n - charMin) * len + i;
        g1[at] = fmix(h1, n);
        g2[at] = fmix(h2, n);
        skip[at] = letters === 0 ? 1 : 0;
      }
    }
    // Length-major, as the vocabulary was always built: all 2-grams, then all 3-grams, ...
    for (let n = charMin; n <= charMax; n++) {
      const kind = n >= LONG_CHAR ? KIND_LONG_CHAR : KIND_SHORT_CHAR;
      const row = (n - charMin) * len;
      for (let i = 0; i + n <= len; i++) if (!skip[row + i]) this.add(g1[row + i], g2[row + i], kind, 1);
    }
  }

  /** Words (as `split(' ')` gives them), each preceded by the pair it forms with the word before it. */
  private addWords(text: string, bigrams: boolean): void {
    if (!text) return;
    let start = 0;
    let prevStart = -1;
    for (;;) {
      const found = text.indexOf(' ', start);
      const end = found === -1 ? text.length : found;
      if (bigrams && prevStart >= 0) {
        fingerprint(KIND_BIGRAM, text, prevStart, end);
        this.add(fp1, fp2, KIND_BIGRAM, 1);
      }
      fingerprint(KIND_WORD, text, start, end);
      this.add(fp1, fp2, KIND_WORD, 1);
      if (found === -1) break;
      prevStart = start;
      start = found + 1;
    }
  }
}

const CONCEPT_FINGERPRINTS = new Map<string, [number, number]>();

function conceptFingerprint(concept: string): [number, number] {
  let fp = CONCEPT_FINGERPRINTS.get(concept);
  if (!fp) {
    fingerprint(KIND_CONCEPT, concept, 0, concept.length);
    fp = [fp1, fp2];
    CONCEPT_FINGERPRINTS.set(concept, fp);
  }
  return fp;
}

// Results of `fingerprint`, to spare an array per word.
let fp1 = 0;
let fp2 = 0;

function fingerprint(kind: number, text: string, from: number, to: number): void {
  let h1 = fnvStep(FNV_OFFSET, KIND_SEED_CODE[kind]);
  let h2 = murmurStep(MURMUR_SEED, KIND_SEED_CODE[kind]);
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    h1 = fnvStep(h1, c);
    h2 = murmurStep(h2, c);
  }
  fp1 = fmix(h1, to - from);
  fp2 = fmix(h2, to - from);
}

/** Training documents' features, flat: document d owns entries offsets[d]..offsets[d+1]. */
export interface FeatureMatrix {
  offsets: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

export class Vocabulary {
  private table = new FingerprintTable();
  private idf: Float32Array = new Float32Array(0);

  /** What a saved model keeps of the vocabulary (modelCache.ts). */
  dump(): { table: ReturnType<FingerprintTable['dump']>; idf: Float32Array } {
    return { table: this.table.dump(), idf: this.idf };
  }

  static restore(saved: { table: ReturnType<FingerprintTable['dump']>; idf: Float32Array }): Vocabulary {
    const v = new Vocabulary();
    v.table = FingerprintTable.restore(saved.table);
    v.idf = saved.idf;
    return v;
  }

  get size(): number {
    return this.table.size;
  }

  /**
   * Builds the vocabulary and IDF weights from the training documents and returns their TF-IDF vectors.
   * Indices follow the order in which features first occur, so the same phrases always give the same indices.
   * Nothing of the documents is kept.
   */
  fit(docs: readonly { normalized: string; concepts: readonly string[] }[], options: FeatureOptions): FeatureMatrix {
    const bag = new FeatureBag();
    const offsets = new Int32Array(docs.length + 1);
    let idx = new Int32Array(1 << 16);
    let tf = new Float64Array(1 << 16);
    let concept = new Uint8Array(1 << 16);
    let df = new Int32Array(1 << 14);
    let n = 0;
    docs.forEach((doc, d) => {
      bag.fill(doc.normalized, options, doc.concepts);
      if (n + bag.size > idx.length) {
        const cap = Math.max(idx.length * 2, n + bag.size);
        idx = growInt32(idx, cap);
        const tf2 = new Float64Array(cap);
        tf2.set(tf);
        tf = tf2;
        const c2 = new Uint8Array(cap);
        c2.set(concept);
        concept = c2;
      }
      for (let f = 0; f < bag.size; f++) {
        const i = this.table.intern(bag.h1[f], bag.h2[f]);
        if (i >= df.length) df = growInt32(df, df.length * 2);
        df[i]++;
        idx[n] = i;
        tf[n] = bag.count[f];
        concept[n] = bag.kind[f] === KIND_CONCEPT ? 1 : 0;
        n++;
      }
      offsets[d + 1] = n;
    });
    this.table.compact();
    const idf = new Float32Array(this.table.size);
    for (let i = 0; i < idf.length; i++) idf[i] = Math.log((1 + docs.length) / (1 + df[i])) + 1;
    this.idf = idf;

    const out: FeatureMatrix = { offsets, idx: new Int32Array(n), val: new Float32Array(n) };
    const scratch = new VectorScratch();
    for (let d = 0; d < docs.length; d++) {
      const from = offsets[d];
      const m = offsets[d + 1] - from;
      scratch.reserve(m);
      for (let e = 0; e < m; e++) {
        const i = idx[from + e];
        scratch.idx[e] = i;
        scratch.val[e] = (concept[from + e] ? tf[from + e] : 1 + Math.log(tf[from + e])) * this.idf[i];
      }
      scratch.sortAndNormalize(m, out.idx, out.val, from);
    }
    return out;
  }

  /** Looks up every feature of the bag (bag.index). */
  resolve(bag: FeatureBag): void {
    for (let f = 0; f < bag.size; f++) bag.index[f] = this.table.get(bag.h1[f], bag.h2[f]);
  }

  /** Share of the message's word and 4–5-character features that occur in the training phrases (0..1). */
  coverage(bag: FeatureBag): number {
    let known = 0;
    let total = 0;
    for (let f = 0; f < bag.size; f++) {
      const kind = bag.kind[f];
      if (kind !== KIND_WORD && kind !== KIND_LONG_CHAR) continue;
      total++;
      if (bag.index[f] >= 0) known++;
    }
    return total === 0 ? 0 : known / total;
  }

  /** Sublinear TF × IDF, L2-normalised; features never seen in training are dropped. Reuses `scratch`. */
  vectorize(bag: FeatureBag, scratch: VectorScratch): SparseVector {
    scratch.reserve(bag.size);
    let m = 0;
    for (let f = 0; f < bag.size; f++) {
      const i = bag.index[f];
      if (i < 0) continue;
      // Concept features carry their weight in place of a count.
      scratch.idx[m] = i;
      scratch.val[m] = (bag.kind[f] === KIND_CONCEPT ? bag.count[f] : 1 + Math.log(bag.count[f])) * this.idf[i];
      m++;
    }
    const idx = new Int32Array(m);
    const val = new Float32Array(m);
    scratch.sortAndNormalize(m, idx, val, 0);
    return { idx, val };
  }
}

function growInt32(a: Int32Array, n: number) {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** Working space for turning (index, value) pairs into a sorted, normalised sparse vector. */
export class VectorScratch {
  idx = new Int32Array(256);
  val = new Float64Array(256);
  private keys = new Float64Array(256);

  reserve(n: number): void {
    if (this.idx.length >= n) return;
    const cap = Math.max(n, this.idx.length * 2);
    this.idx = new Int32Array(cap);
    this.val = new Float64Array(cap);
    this.keys = new Float64Array(cap);
  }

  /**
   * Sorts the first `m` pairs by index (a fixed summation order, so every start computes the same numbers)
   * and writes them L2-normalised to outIdx/outVal from `at`.
   */
  sortAndNormalize(m: number, outIdx: Int32Array, outVal: Float32Array, at: number): void {
    // Indices are distinct: sort index·m + position as one number, natively.
    const keys = this.keys.subarray(0, m);
    for (let e = 0; e < m; e++) keys[e] = this.idx[e] * m + e;
    keys.sort();
    let norm = 0;
    for (let e = 0; e < m; e++) {
      const pos = keys[e] % m;
      const v = this.val[pos];
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let e = 0; e < m; e++) {
      const pos = keys[e] % m;
      outIdx[at + e] = this.idx[pos];
      outVal[at + e] = this.val[pos] / norm;
    }
  }
}
