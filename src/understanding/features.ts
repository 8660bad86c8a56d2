import { words } from '../language/normalize';
import { conceptsOf } from './concepts';

/**
 * Sparse TF-IDF features of a normalised message: character 2–5-grams (across word boundaries, so
 * "brug for" and loanwords like "tolk", "kommune", "مترجم" are shared between languages and survive typos)
 * plus word unigrams and bigrams. One vocabulary across all nine languages.
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

export function rawFeatures(normalized: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string) => counts.set(f, (counts.get(f) ?? 0) + 1);
  const ws = words(normalized);
  const spans = options.withinWords ? ws.map((w) => ` ${w} `) : [` ${normalized} `];
  // Code units, not code points: our scripts are all in the Basic Multilingual Plane, and an emoji split in
  // two is as meaningless a feature as a whole one.
  for (const span of spans) {
    for (let n = options.charMin; n <= options.charMax; n++) {
      for (let i = 0; i + n <= span.length; i++) {
        const gram = span.substring(i, i + n);
        if (gram === ' '.repeat(n)) continue;
        add(`c:${gram}`);
      }
    }
  }
  for (let i = 0; i < ws.length; i++) {
    add(`w:${ws[i]}`);
    if (options.wordBigrams && i + 1 < ws.length) add(`b:${ws[i]} ${ws[i + 1]}`);
  }
  if (options.conceptWeight > 0) {
    // SOMEONE ("nogen", "ktoś", "کسی") serves the urgency rule only: as a feature it drags "someone parks in
    // my spot" towards counsellor.
    for (const c of conceptsOf(normalized)) if (c !== 'SOMEONE') counts.set(`k:${c}`, options.conceptWeight);
  }
  return counts;
}

export class Vocabulary {
  private readonly index = new Map<string, number>();
  private idf: Float32Array = new Float32Array(0);

  get size(): number {
    return this.index.size;
  }

  /** Builds the vocabulary and IDF weights from the training documents' raw features. */
  fit(docs: Map<string, number>[]): void {
    const df = new Map<string, number>();
    for (const doc of docs) for (const f of doc.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    const n = docs.length;
    const idf: number[] = [];
    // Map order is insertion order, so the same phrases always give the same indices (no sort needed).
    for (const [f, d] of df) {
      this.index.set(f, idf.length);
      idf.push(Math.log((1 + n) / (1 + d)) + 1);
    }
    this.idf = Float32Array.from(idf);
  }

  /** Share of the message's word and 4–5-character features that occur in the training phrases (0..1). */
  coverage(doc: Map<string, number>): number {
    let known = 0;
    let total = 0;
    for (const f of doc.keys()) {
      const word = f.startsWith('w:');
      if (!word && !(f.startsWith('c:') && f.length >= 6)) continue;
      total++;
      if (this.index.has(f)) known++;
    }
    return total === 0 ? 0 : known / total;
  }

  /** Sublinear TF × IDF, L2-normalised; features never seen in training are dropped. */
  vectorize(doc: Map<string, number>): SparseVector {
    const entries: [number, number][] = [];
    for (const [f, tf] of doc) {
      const i = this.index.get(f);
      if (i === undefined) continue;
      // Concept features carry their weight in place of a count.
      entries.push([i, (f.startsWith('k:') ? tf : 1 + Math.log(tf)) * this.idf[i]]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return {
      idx: Int32Array.from(entries.map((e) => e[0])),
      val: Float32Array.from(entries.map((e) => e[1] / norm)),
    };
  }
}
