import type { Lang } from '../language/languages';
import { ComplementNaiveBayes, SoftmaxClassifier, type TrainOptions } from './classifier';
import { conceptsOf } from './concepts';
import { DEFAULT_FEATURE_OPTIONS, FeatureBag, Vocabulary, VectorScratch, type FeatureOptions, type SparseVector } from './features';
import { normalizeText } from '../language/normalize';
import { SafetyScreen } from './safety';
import type { DangerCategory } from './safetyTerms';
import { readTrainingPhrases, ROUTES, type Route, type TrainingPhrase } from './trainingData';

export { ROUTES, isRoute, type Route, type TrainingPhrase } from './trainingData';
export { SafetyScreen, type SafetyHit } from './safety';
export { DANGER_CATEGORIES, type DangerCategory } from './safetyTerms';
export { normalizeText } from '../language/normalize';

/**
 * Below this confidence the bot should not act on the guess but ask back ("Did you mean ...?" with the
 * top routes as buttons). Chosen on the evaluation set (bench/understanding.ts prints how many correct
 * and wrong answers fall below it): most wrong answers land below it, few right ones do.
 */
export const CONFIDENCE_THRESHOLD = 0.4;

/**
 * A `counsellor` prediction at least this sure is urgent unless the message asks for a person (then it is
 * urgent only with a weak danger word: afraid, police).
 */
export const URGENT_COUNSELLOR_CONFIDENCE = 0.3;
/** Without any danger word, a `counsellor` prediction must be at least this sure to count as urgent by elimination. */
export const URGENT_BY_ELIMINATION_CONFIDENCE = 0.3;
/**
 * ...and the model must know most of the message's words: unknown text ("xyz qqq") drifts to `counsellor`
 * because that route's phrases are the most varied, which says nothing about danger.
 */
export const MIN_COVERAGE_FOR_ELIMINATION = 0.5;
/** Below this share of known words and 4–5-letter pieces, the reported confidence is scaled down. */
export const FULL_COVERAGE = 0.5;

export interface Understood {
  route: Route;
  /**
   * 0..1: the model's probability for `route`, scaled down when it knows little of the message (1 when the
   * safety screen decided). Below CONFIDENCE_THRESHOLD the bot should ask back.
   */
  confidence: number;
  /** The other routes, most likely first (only those with some weight). */
  alternatives: { route: Route; confidence: number }[];
  /** Danger: hand over to a person at once, with 112 and the helpline. */
  urgent: boolean;
  /** Kind of danger, for the helpline; set when the screen fired and the matched term names a kind. */
  danger?: DangerCategory;
  /** True when `confidence` is below CONFIDENCE_THRESHOLD and the route is not urgent: ask back. */
  unsure: boolean;
  /** Which list term fired (the term, never the resident's words); for tests and statistics. */
  matchedTerm?: string;
}

export interface UnderstandingOptions {
  train?: Partial<TrainOptions>;
  features?: Partial<FeatureOptions>;
  /** Weight of the naive Bayes model in the average with logistic regression (default 0.5; 0 = off). */
  bayesShare?: number;
  /** Extra word-dropout copies of each phrase (default 1; 0 = off). */
  augment?: number;
  /** Use these phrases instead of `locales/<lng>/training/intents.json` (tests). */
  phrases?: TrainingPhrase[];
  safety?: SafetyScreen;
}

/**
 * Route recognition, trained at start-up (about 1–2 s) from `locales/<lng>/training/intents.json`, with the
 * safety screen in front. One model for all nine languages: TF-IDF over character 2–5-grams, words, word pairs
 * and cross-language concepts (concepts.ts), each phrase once more with a word left out; multinomial logistic
 * regression averaged with complement naive Bayes. `npm run bench:understanding` measures it.
 */
export class Understanding {
  // Working space for one message at a time (understand() is synchronous); no per-conversation data.
  private readonly bag = new FeatureBag();
  private readonly scratch = new VectorScratch();

  private constructor(
    private readonly vocabulary: Vocabulary,
    private readonly featureOptions: FeatureOptions,
    private readonly classifier: SoftmaxClassifier,
    private readonly bayes: ComplementNaiveBayes | undefined,
    private readonly bayesShare: number,
    readonly safety: SafetyScreen,
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
    if (phrases.length === 0) throw new Error(`no training phrases found under ${localesDir}/<lng>/training/intents.json`);
    const featureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
    const texts = phrases.map((p) => normalizeText(p.text));
    const ys = phrases.map((p) => ROUTES.indexOf(p.route));
    // Word dropout: each phrase once more with one word left out, so the model leans on every word it knows
    // rather than one giveaway word per phrase (residents rarely use the exact giveaway word).
    const extra = Math.max(0, Math.floor(options.augment ?? 1));
    for (let copy = 0; copy < extra; copy++) {
      phrases.forEach((p, i) => {
        const ws = texts[i].split(' ');
        if (ws.length < 4) return;
        const drop = (i * 7 + copy * 3) % ws.length;
        texts.push(ws.filter((_, j) => j !== drop).join(' '));
        ys.push(ROUTES.indexOf(p.route));
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
    const classifier = SoftmaxClassifier.train(xs, ys, ROUTES.length, vocabulary.size, options.train);
    const bayesShare = options.bayesShare ?? 0.5;
    // Naive Bayes on the original phrases only: word dropout copies would count the same words twice.
    const bayes = bayesShare > 0 ? ComplementNaiveBayes.train(xs.slice(0, phrases.length), ys.slice(0, phrases.length), ROUTES.length, vocabulary.size) : undefined;
    const safety = options.safety ?? SafetyScreen.load(localesDir);
    return new Understanding(vocabulary, featureOptions, classifier, bayes, bayesShare, safety, phrases, performance.now() - started);
  }

  /** Route probabilities alone, without the safety screen, and how much of the message the model knows. */
  classify(text: string): { ranked: { route: Route; confidence: number; probability: number }[]; coverage: number } {
    const normalized = normalizeText(text);
    return this.classifyNormalized(normalized, normalized ? conceptsOf(normalized) : []);
  }

  private classifyNormalized(
    normalized: string,
    concepts: readonly string[],
  ): { ranked: { route: Route; confidence: number; probability: number }[]; coverage: number } {
    if (!normalized) return { ranked: [{ route: 'none', confidence: 0, probability: 1 }], coverage: 0 };
    this.bag.fill(normalized, this.featureOptions, concepts);
    this.vocabulary.resolve(this.bag);
    const x = this.vocabulary.vectorize(this.bag, this.scratch);
    const p = this.classifier.predict(x);
    if (this.bayes) {
      const q = this.bayes.predict(x);
      for (let k = 0; k < p.length; k++) p[k] = (1 - this.bayesShare) * p[k] + this.bayesShare * q[k];
    }
    const coverage = this.vocabulary.coverage(this.bag);
    // Honest confidence: when the model knows few of the message's words, its probabilities say little.
    const known = Math.min(1, coverage / FULL_COVERAGE);
    const ranked = ROUTES.map((route, k) => ({ route, confidence: p[k] * known, probability: p[k] })).sort((a, b) => b.probability - a.probability);
    return { ranked, coverage };
  }

  understand(text: string, lang: Lang): Understood {
    const normalized = normalizeText(text);
    const concepts = conceptsOf(normalized);
    const { ranked, coverage } = this.classifyNormalized(normalized, concepts);
    const alternativesBut = (route: Route) =>
      ranked.filter((r) => r.route !== route && r.confidence >= 0.05).slice(0, 3).map((r) => ({ route: r.route, confidence: round(r.confidence) }));

    const hit = this.safety.screenNormalized(normalized, lang);
    if (hit) {
      return { route: 'counsellor', confidence: 1, alternatives: alternativesBut('counsellor'), urgent: true, danger: hit.category, unsure: false, matchedTerm: hit.term };
    }
    // Nothing of the message is known (another alphabet, gibberish): no route to guess, ask back.
    if (coverage === 0) return { route: 'none', confidence: 0, alternatives: [], urgent: false, unsure: true };
    const top = ranked[0];
    // `counsellor` means "a person is wanted" or "danger". A confident counsellor message that does not ask for
    // a person is, by elimination, about danger ("I don't want to wake up tomorrow"): recall first.
    const asksForPerson = concepts.includes('PERSON') || concepts.includes('SOMEONE');
    const urgent =
      top.route === 'counsellor' &&
      top.probability >= URGENT_COUNSELLOR_CONFIDENCE &&
      (this.safety.softSignalNormalized(normalized, lang) ||
        (!asksForPerson && top.probability >= URGENT_BY_ELIMINATION_CONFIDENCE && coverage >= MIN_COVERAGE_FOR_ELIMINATION));
    return {
      route: top.route,
      confidence: round(top.confidence),
      alternatives: alternativesBut(top.route),
      urgent,
      unsure: !urgent && top.confidence < CONFIDENCE_THRESHOLD,
    };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
