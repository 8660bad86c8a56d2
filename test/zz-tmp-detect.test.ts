// TEMPORARY (fa/ur/tr translation helper)
import * as fs from 'node:fs';
import { LanguageDetector, resolveTurnLanguage } from '../src/language/detect';
import { LOCALES_DIR } from '../src/paths';
test('detect candidates', () => {
  const detector = LanguageDetector.create(LOCALES_DIR);
  const cands = JSON.parse(fs.readFileSync('/tmp/tr_work/cands.json', 'utf8')) as [string, string][];
  const out = cands.map(([lang, label]) => {
    const g = detector.detect(label);
    const r = resolveTurnLanguage({ guess: g, previous: lang as never });
    return `${r.lang === lang ? 'ok  ' : 'FAIL'} ${lang} "${label}" guess=${g?.lang} conf=${g?.confidence.toFixed(2)} words=${g?.wordCount}`;
  });
  console.log(out.join('\n'));
});
