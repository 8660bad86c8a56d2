import type { Lang } from '../language/languages';
import { DEFAULT_MODEL_CACHE_DIR, loadModel, modelDigest, saveModel } from './modelCache';
import { CommandMatcher, type Command } from '../language/commands';
import { normalizeText } from '../language/normalize';
import { ComplementNaiveBayes, DEFAULT_TRAIN_OPTIONS, SoftmaxClassifier, type TrainOptions } from './classifier';
import { conceptsOf } from './concepts';
import { Cues, type CueReading } from './cues';
import type { Entities, EntityReader } from './entities';
import type { DangerKind } from './danger';
import { DEFAULT_FEATURE_OPTIONS, FeatureBag, Vocabulary, VectorScratch, type FeatureOptions, type SparseVector } from './features';
import { SafetyScreen, type SafetyReading } from './safety';
import { dangerOfLabel, LABELS, readTrainingPhrases, TOPICS, type Label, type Route, type Topic, type TrainingPhrase } from './trainingData';

export { ROUTES, SERVICE_ROUTES, TOPICS, LABELS, isRoute, isServiceRoute, isTopic, type Route, type ServiceRoute, type Topic, type Label, type TrainingPhrase } from './trainingData';
export { SafetyScreen, type SafetyReading, type DangerWord } from './safety';
export { DANGER_KINDS, isDangerKind, type DangerKind, type DangerSignal, type DangerSource } from './danger';
export { Cues, type CueReading, type FollowUp, type WhoFor } from './cues';
export { normalizeText } from '../language/normalize';
export { EntityReader, type Entities, type WantedTime } from './entities';

/** Reads a message's entities into its reading (the pipeline does this once per turn). */
export function withEntities(reading: Reading, entities: EntityReader, now: Date): Reading {
  reading.entities = entities.read({ text: reading.text, normalized: reading.normalized, lang: reading.lang, command: reading.command, whoFor: reading.cues.whoFor }, now);
  return reading;
}

/**
 * Below this confidence the bot should not act on the guess but ask back ("Did you mean ...?" with the
 * top routes as buttons). Chosen on the evaluation set (bench/understanding.ts prints how many correct
 * and wrong answers fall below it): most wrong answers land below it, few right ones do.
 */
export const CONFIDENCE_THRESHOLD = 0.4;
/** The crisis labels together at least this likely (and likelier than any route), on a message the model mostly knows: a suspected crisis. */
export const MODEL_DANGER_PROBABILITY = 0.5;
/**
 * ...and the model must know most of the message's words: unknown text ("xyz qqq") drifts to whichever label
 * has the most varied phrases, which says nothing about danger.
 */
export const MIN_COVERAGE_FOR_MODEL_DANGER = 0.5;
/** Below this share of known words and 4–5-letter pieces, the reported confidence is scaled down. */
export const FULL_COVERAGE = 0.5;

export interface Intent {
  route: Route;
  /**
   * 0..1: the model's probability for `route`, scaled down when it knows little of the message. Below
   * CONFIDENCE_THRESHOLD the bot should ask back.
   */
  confidence: number;
  /** The other routes, most likely first (only those with some weight). */
  alternatives: { route: Route; confidence: number }[];
  /** For `information`: which of the directory's topics, when the model can tell. */
  topic?: Topic;
  topicConfidence?: number;
}

/**
 * Everything understanding reads in one message, once per turn. What the turn then does is decided by the
 * policy (policy.ts) from this, in one place.
 */
export interface Reading {
  text: string;
  normalized: string;
  lang: Lang;
  wordCount: number;
  intent: Intent;
  /** The classifier reads a crisis into the message (no danger word needed). */
  modelDanger?: { kind: DangerKind; probability: number };
  /**
   * Which kind of crisis the classifier would say, whether or not it reads one: the likeliest kind and its
   * share of the crisis labels' probability. A danger word of a general kind ("kill me") is told apart with it
   * ("...if I don't marry the man they picked" is honour).
   */
  kindReading?: { kind: DangerKind; share: number; total: number; shares?: Partial<Record<DangerKind, number>> };
  safety: SafetyReading;
  cues: CueReading;
  /** A command said in the resident's own words (delete my data, a person, start over, ...). */
  command?: Command;
  /**
   * What the message says that dialogs need (age, district, day, ...); filled by `EntityReader`, which needs
   * the city's data (districts, clubs) and the clock.
   */
  entities: Entities;
}

export interface UnderstandingOptions {
  train?: Partial<TrainOptions>;
  features?: Partial<FeatureOptions>;
  /** Weight of the naive Bayes model in the average with logistic regression (default 0.5; 0 = off). */
  bayesShare?: number;
  /** Extra word-dropout copies of each phrase (default 1; 0 = off). */
  augment?: number;
  /** Use these phrases instead of `locales/<lng>/training/` (tests). */
  phrases?: TrainingPhrase[];
  safety?: SafetyScreen;
  /**
   * Where trained models are kept between starts (modelCache.ts), keyed by a digest of the phrases and
   * options; `false`: always train. Default: a folder in the system's temporary directory.
   */
  cacheDir?: string | false;
}

export { DEFAULT_MODEL_CACHE_DIR } from './modelCache';

/**
 * Understanding, trained at start-up (about 1–2 s) from `locales/<lng>/training/`: the intent (route and
 * topic), the classifier's reading of a crisis and its kind, the safety screen's danger words, cue words
 * and commands. One model for all nine languages: TF-IDF over character 2–5-grams, words, word pairs and
 * cross-language concepts (concepts.ts), each phrase once more with a word left out; multinomial logistic
 * regression averaged with complement naive Bayes. `npm run bench:understanding` measures it.
 */
export class Understanding {
  // Working space for one message at a time (read() is synchronous); no per-conversation data.
  private readonly bag = new FeatureBag();
  private readonly scratch = new VectorScratch();

  private constructor(
    private readonly vocabulary: Vocabulary,
    private readonly featureOptions: FeatureOptions,
    private readonly classifier: SoftmaxClassifier,
    private readonly bayes: ComplementNaiveBayes | undefined,
    private readonly bayesShare: number,
    /** Which directory topic (trained on topics.json). */
    private readonly heads: Heads,
    readonly safety: SafetyScreen,
    readonly cues: Cues,
    readonly commands: CommandMatcher,
    /** What the model was trained on (the bench checks the evaluation set does not overlap it). */
    readonly trainingPhrases: readonly TrainingPhrase[],
    readonly trainingMs: number,
  ) {}

  static async create(localesDir: string, options: UnderstandingOptions = {}): Promise<Understanding> {
    return Understanding.createSync(localesDir, options);
  }

  static createSync(localesDir: string, options: UnderstandingOptions = {}): Understanding {
    const started = performance.now();
    const phrases = options.phrases ?? readTrainingPhrases(localesDir);
    if (phrases.length === 0) throw new Error(`no training phrases found under ${localesDir}/<lng>/training/`);
    const featureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
    const bayesShare = options.bayesShare ?? 0.5;
    const cacheDir = options.cacheDir === undefined ? DEFAULT_MODEL_CACHE_DIR : options.cacheDir;
    // Everything the weights depend on: the phrases and the effective options (defaults included).
    const digest = modelDigest([
      JSON.stringify(phrases),
      JSON.stringify({ featureOptions, train: { ...DEFAULT_TRAIN_OPTIONS, ...options.train }, augment: options.augment ?? 1, bayesShare, labels: LABELS, topics: TOPICS }),
    ]);
    const trained = (cacheDir ? restoreModel(cacheDir, digest) : undefined) ?? trainModel(phrases, featureOptions, bayesShare, options);
    if (cacheDir && !trained.fromCache) saveModel(cacheDir, digest, dumpModel(trained));
    const safety = options.safety ?? SafetyScreen.load(localesDir);
    return new Understanding(
      trained.vocabulary,
      featureOptions,
      trained.classifier,
      trained.bayes,
      bayesShare,
      trained.heads,
      safety,
      Cues.load(localesDir),
      CommandMatcher.load(localesDir),
      phrases,
      performance.now() - started,
    );
  }

  /** Label probabilities alone, most likely first, and how much of the message the model knows. */
  classify(text: string): { ranked: { label: Label; probability: number }[]; coverage: number } {
    const normalized = normalizeText(text);
    const { p, coverage } = this.probabilities(normalized, normalized ? conceptsOf(normalized) : []);
    return { ranked: LABELS.map((label, k) => ({ label, probability: p[k] })).sort((a, b) => b.probability - a.probability), coverage };
  }

  private probabilities(normalized: string, concepts: readonly string[]): { p: number[]; coverage: number; x?: SparseVector } {
    if (!normalized) return { p: LABELS.map((l) => (l === 'none' ? 1 : 0)), coverage: 0 };
    this.bag.fill(normalized, this.featureOptions, concepts);
    this.vocabulary.resolve(this.bag);
    const x = this.vocabulary.vectorize(this.bag, this.scratch);
    const p = this.classifier.predict(x);
    if (this.bayes) {
      const q = this.bayes.predict(x);
      for (let k = 0; k < p.length; k++) p[k] = (1 - this.bayesShare) * p[k] + this.bayesShare * q[k];
    }
    return { p, coverage: this.vocabulary.coverage(this.bag), x };
  }

  /** Reads one message: `lang` is the turn's language (detected, or the conversation's). */
  read(text: string, lang: Lang): Reading {
    const trimmed = text.trim();
    const normalized = normalizeText(trimmed);
    const concepts = conceptsOf(normalized);
    const { p, coverage, x } = this.probabilities(normalized, concepts);
    // Honest confidence: when the model knows few of the message's words, its probabilities say little.
    const known = Math.min(1, coverage / FULL_COVERAGE);
    const routes: { route: Route; probability: number }[] = [];
    let danger: { kind: DangerKind; probability: number } | undefined;
    let dangerTotal = 0;
    const kindProbability: Partial<Record<DangerKind, number>> = {};
    LABELS.forEach((label, k) => {
      const kind = dangerOfLabel(label);
      if (!kind) routes.push({ route: label as Route, probability: p[k] });
      else {
        dangerTotal += p[k];
        kindProbability[kind] = p[k];
        if (!danger || p[k] > danger.probability) danger = { kind, probability: p[k] };
      }
    });
    routes.sort((a, b) => b.probability - a.probability);
    // The intent is read among the routes: the crisis labels' share says "crisis or not", not "which service".
    const routeMass = Math.max(1e-9, 1 - dangerTotal);
    for (const r of routes) r.probability /= routeMass;
    const top = coverage === 0 ? { route: 'none' as Route, probability: 0 } : routes[0];
    const intent: Intent = {
      route: top.route,
      confidence: round(top.probability * known),
      alternatives: routes
        .slice(1)
        .map((r) => ({ route: r.route, confidence: round(r.probability * known) }))
        .filter((r) => r.confidence >= 0.05)
        .slice(0, 3),
    };
    if (intent.route === 'information' && this.heads.topics && x) {
      const q = this.heads.topics.predict(x);
      let best = 0;
      for (let k = 1; k < q.length; k++) if (q[k] > q[best]) best = k;
      intent.topic = TOPICS[best];
      intent.topicConfidence = round(q[best]);
    }
    // A crisis the model reads: the crisis labels together are the likeliest reading and sure enough, on a
    // message the model mostly knows; the likeliest kind names it. (A separate crisis-or-not model was tried:
    // on the evaluation set it found fewer crises at the same false-alarm rate, and named the kind worse.)
    const modelDanger =
      danger && dangerTotal > top.probability * routeMass && dangerTotal >= MODEL_DANGER_PROBABILITY && coverage >= MIN_COVERAGE_FOR_MODEL_DANGER
        ? { kind: (danger as { kind: DangerKind }).kind, probability: round(dangerTotal) }
        : undefined;
    const shares = Object.fromEntries(Object.entries(kindProbability).map(([kind, q]) => [kind, round(q / Math.max(1e-9, dangerTotal))])) as Partial<Record<DangerKind, number>>;
    const kindReading = danger && dangerTotal > 0 ? { kind: (danger as { kind: DangerKind }).kind, share: round((danger as { probability: number }).probability / dangerTotal), total: round(dangerTotal), shares } : undefined;
    return {
      text: trimmed,
      normalized,
      lang,
      wordCount: normalized ? normalized.split(' ').length : 0,
      intent,
      modelDanger,
      kindReading,
      safety: this.safety.readNormalized(normalized, lang),
      cues: this.cues.readNormalized(normalized, lang),
      command: trimmed ? this.commands.match(trimmed, lang) : undefined,
      entities: { numbers: [] },
    };
  }
}

/** The small models on the same features beside the intent model. */
interface Heads {
  topics?: SoftmaxClassifier;
}
const HEADS = ['topics'] as const;

interface TrainedModel {
  vocabulary: Vocabulary;
  classifier: SoftmaxClassifier;
  bayes?: ComplementNaiveBayes;
  heads: Heads;
  fromCache: boolean;
}

function trainModel(phrases: TrainingPhrase[], featureOptions: FeatureOptions, bayesShare: number, options: UnderstandingOptions): TrainedModel {
  const texts = phrases.map((p) => normalizeText(p.text));
  const ys = phrases.map((p) => LABELS.indexOf(p.label));
  // Word dropout: each phrase once more with one word left out, so the model leans on every word it knows
  // rather than one giveaway word per phrase (residents rarely use the exact giveaway word).
  const extra = Math.max(0, Math.floor(options.augment ?? 1));
  const origin: number[] = phrases.map((_, i) => i);
  for (let copy = 0; copy < extra; copy++) {
    phrases.forEach((p, i) => {
      const ws = texts[i].split(' ');
      if (ws.length < 4) return;
      const drop = (i * 7 + copy * 3) % ws.length;
      texts.push(ws.filter((_, j) => j !== drop).join(' '));
      ys.push(LABELS.indexOf(p.label));
      origin.push(i);
    });
  }
  const vocabulary = new Vocabulary();
  const matrix = vocabulary.fit(
    texts.map((normalized) => ({ normalized, concepts: conceptsOf(normalized) })),
    featureOptions,
  );
  const xs: SparseVector[] = texts.map((_, d) => ({
    idx: matrix.idx.subarray(matrix.offsets[d], matrix.offsets[d + 1]),
    val: matrix.val.subarray(matrix.offsets[d], matrix.offsets[d + 1]),
  }));
  const classifier = SoftmaxClassifier.train(xs, ys, LABELS.length, vocabulary.size, options.train);
  // Naive Bayes on the original phrases only: word dropout copies would count the same words twice.
  const bayes = bayesShare > 0 ? ComplementNaiveBayes.train(xs.slice(0, phrases.length), ys.slice(0, phrases.length), LABELS.length, vocabulary.size) : undefined;
  const heads: Heads = {};
  // Which directory topic an `information` message is about: a small model on the same features.
  const topicRows = xs.map((x, d) => ({ x, topic: phrases[origin[d]].topic })).filter((r): r is { x: SparseVector; topic: Topic } => !!r.topic);
  if (topicRows.length) heads.topics = SoftmaxClassifier.train(topicRows.map((r) => r.x), topicRows.map((r) => TOPICS.indexOf(r.topic)), TOPICS.length, vocabulary.size, options.train);
  return { vocabulary, classifier, bayes, heads, fromCache: false };
}

function dumpModel(m: TrainedModel): import('./modelCache').SavedModel {
  const v = m.vocabulary.dump();
  const c = m.classifier.dump();
  const arrays: Record<string, Float32Array | Float64Array | Int32Array | Uint32Array> = {
    keys1: v.table.keys1,
    keys2: v.table.keys2,
    slots: v.table.slots,
    idf: v.idf,
    weights: c.weights,
    bias: c.bias,
  };
  const meta: Record<string, unknown> = { tableSize: v.table.size, classes: c.classes, dims: c.dims };
  if (m.bayes) {
    const b = m.bayes.dump();
    arrays.bayesWeights = b.weights;
    meta.bayes = { classes: b.classes, dims: b.dims, temperature: b.temperature };
  }
  for (const name of HEADS) {
    const head = m.heads[name];
    if (!head) continue;
    const h = head.dump();
    arrays[`${name}Weights`] = h.weights;
    arrays[`${name}Bias`] = h.bias;
    meta[name] = { classes: h.classes, dims: h.dims };
  }
  return { meta, arrays };
}

function restoreModel(dir: string, digest: string): TrainedModel | undefined {
  const saved = loadModel(dir, digest);
  if (!saved) return undefined;
  const { meta, arrays: a } = saved;
  const vocabulary = Vocabulary.restore({
    table: { keys1: a.keys1 as Uint32Array, keys2: a.keys2 as Uint32Array, slots: a.slots as Int32Array, size: meta.tableSize as number },
    idf: a.idf as Float32Array,
  });
  const classifier = SoftmaxClassifier.restore({ classes: meta.classes as number, dims: meta.dims as number, weights: a.weights as Float32Array, bias: a.bias as Float64Array });
  const b = meta.bayes as { classes: number; dims: number; temperature: number } | undefined;
  const bayes = b ? ComplementNaiveBayes.restore({ ...b, weights: a.bayesWeights as Float32Array }) : undefined;
  const heads: Heads = {};
  for (const name of HEADS) {
    const h = meta[name] as { classes: number; dims: number } | undefined;
    if (h) heads[name] = SoftmaxClassifier.restore({ ...h, weights: a[`${name}Weights`] as Float32Array, bias: a[`${name}Bias`] as Float64Array });
  }
  return { vocabulary, classifier, bayes, heads, fromCache: true };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
