import { Understanding } from '../../src/understanding';
import { LanguageDetector } from '../../src/language/detect';
import { LOCALES_DIR } from '../../src/paths';

/**
 * Training takes a second or more; the trained model is read-only, so the bots of one test file share it.
 * (Each test file still trains once: that is start-up as production does it.)
 */
let model: Promise<Understanding> | undefined;
export function sharedUnderstanding(): Promise<Understanding> {
  model ??= Understanding.create(LOCALES_DIR);
  return model;
}

/** The language detector's profiles take a second or two to build; read-only, shared the same way. */
let detector: LanguageDetector | undefined;
export function sharedDetector(): LanguageDetector {
  detector ??= LanguageDetector.create(LOCALES_DIR);
  return detector;
}
