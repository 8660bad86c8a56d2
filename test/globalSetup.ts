import { LOCALES_DIR } from '../src/paths';
import { Understanding } from '../src/understanding';

/**
 * Trains the understanding model once before the test files start (it is kept on disk by a digest of its
 * phrases, src/understanding/modelCache.ts): every file, on either worker, then loads it in milliseconds
 * instead of training for seconds at the same time as the other.
 */
export default function trainOnce(): void {
  Understanding.createSync(LOCALES_DIR);
}
