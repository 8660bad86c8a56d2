// TEMPORARY check by the fa/ur/tr translation helper; deleted after the run.
import type { Activity } from 'botbuilder';
import type { Brobygger } from '../src/compose';
import { createTranslator } from '../src/language/i18n';
import { LanguageDetector, resolveTurnLanguage } from '../src/language/detect';
import { CommandMatcher } from '../src/bot/commands';
import { SafetyScreen } from '../src/understanding/safety';
import { parseLanguageRequest } from '../src/language/switch';
import { LOCALES_DIR } from '../src/paths';
import { conversation, createTestBot, say } from './helpers/testBot';

const LANGS = ['fa', 'ur', 'tr'] as const;
const AGE = ['under10', 'from10to12', 'from13to15', 'from16to17', 'from18'];
const INTEREST = ['sport', 'football', 'music', 'gaming', 'homework', 'girls_only', 'creative', 'dance'];
const WHEN = ['now', 'tonight', 'tomorrow', 'weekend', 'any'];
const AREAS = ['work', 'housing', 'nightlife_shops', 'police', 'municipality', 'education', 'health', 'other'];
const DWHEN = ['today', 'thisWeek', 'thisMonth', 'thisYear', 'longer'];
const GROUNDS = ['ethnic_origin', 'religion', 'skin_colour', 'gender', 'disability', 'age', 'sexual_orientation', 'other'];
const vis = (r: Partial<Activity>[]) => r.map((a) => (a.text ?? '').replace(/\u200F/g, '')).join('\n');
const btns = (r: Partial<Activity>[]) => r.flatMap((a) => a.suggestedActions?.actions.map((x) => String(x.title)) ?? []);

let bot: Brobygger;
beforeAll(async () => { bot = await createTestBot(); });
afterAll(() => bot.close());

test('labels: language kept, no command/safety/language-switch hit', async () => {
  const tr = await createTranslator(LOCALES_DIR);
  const detector = LanguageDetector.create(LOCALES_DIR);
  const commands = CommandMatcher.load(LOCALES_DIR);
  const safety = SafetyScreen.load(LOCALES_DIR);
  const report: string[] = [];
  for (const lang of LANGS) {
    const t = tr.fixed(lang);
    const keys = [
      ...AGE.map((k) => `clubs:ageBand.${k}`), 'clubs:anywhere', 'clubs:anything', ...INTEREST.map((k) => `clubs:interest.${k}`), ...WHEN.map((k) => `clubs:whenButton.${k}`),
      ...AREAS.map((k) => `discrimination:area.${k}`), ...DWHEN.map((k) => `discrimination:when.${k}`), ...GROUNDS.map((k) => `discrimination:ground.${k}`),
      'discrimination:consent.yes', 'discrimination:consent.no', 'discrimination:human.yes', 'discrimination:human.no',
    ];
    for (const key of keys) {
      const label = t(key) as string;
      const guess = detector.detect(label);
      const resolved = resolveTurnLanguage({ guess, previous: lang });
      const cmd = commands.match(label, lang);
      const hit = safety.screen(label, lang);
      const req = parseLanguageRequest(label);
      const flags = [resolved.lang !== lang ? `LANG->${resolved.lang}` : '', cmd ? `cmd=${cmd}` : '', hit ? `SAFETY(${hit.term})` : '', req ? `langreq=${req}` : ''].filter(Boolean);
      if (flags.length) report.push(`${lang} ${key} "${label}": ${flags.join(' ')}`);
    }
  }
  console.log(report.join('\n') || 'no flags');
});

describe.each(LANGS)('%s end to end', (lang) => {
  let t: (k: string) => string;
  beforeAll(async () => { const tr = await createTranslator(LOCALES_DIR); t = tr.fixed(lang) as unknown as (k: string) => string; });

  test.each([0, 1, 2, 3, 4])('clubs via buttons, variant %i', async (i) => {
    const c = conversation(bot, `clubs-${lang}-${i}`, `u-clubs-${lang}-${i}`);
    // Set the language first with a clear message in it.
    const log: string[] = [];
    const step = async (text: string) => { const r = await say(c, text); log.push(`> ${text}\n${vis(r)}\n  [${btns(r).join(' | ')}]  locales=${[...new Set(r.map((a) => a.locale))].join(',')}`); return r; };
    await step({ fa: 'سلام', ur: 'السلام علیکم', tr: 'Merhaba' }[lang]);
    let r = await step(t('common:menu.clubs'));
    expect(btns(r)).toEqual(AGE.map((k) => t(`clubs:ageBand.${k}`)));
    r = await step(t(`clubs:ageBand.${AGE[i]}`));
    expect(vis(r)).toContain(t('clubs:askDistrict'));
    r = await step(i % 2 ? t('clubs:anywhere') : ({ fa: 'هر جا', ur: 'کہیں بھی', tr: 'fark etmez' }[lang]));
    expect(vis(r)).toContain(t('clubs:askInterest'));
    r = await step(i === 4 ? t('clubs:anything') : t(`clubs:interest.${INTEREST[i + (i % 2 ? 3 : 0)]}`));
    expect(vis(r)).toContain(t('clubs:askWhen'));
    r = await step(t(`clubs:whenButton.${WHEN[i]}`));
    expect(r.every((a) => a.locale === lang)).toBe(true);
    const out = vis(r);
    const ok = [t('clubs:results.intro'), t('clubs:results.noneOpen.now'), t('clubs:results.noneOpen.evening'), t('clubs:results.noneOpen.at')].some((s) => out.includes(s)) || out.includes(t('clubs:results.noneForAge').slice(0, 20));
    if (!ok || i === 0) console.log(log.join('\n'));
    expect(ok).toBe(true);
  });

  test.each([
    ['هر جا', 'الان'], ['هر جای کپنهاگ', 'امشب'], ['هر جا', 'شنبه'],
  ])('fa typed words %s / %s', async (where, when) => {
    if (lang !== 'fa') return;
    const c = conversation(bot, `typed-${where}-${when}`);
    await say(c, 'سلام');
    await say(c, t('common:menu.clubs'));
    await say(c, '14');
    await say(c, where);
    await say(c, 'فوتبال');
    const r = await say(c, when);
    expect(r.every((a) => a.locale === 'fa')).toBe(true);
    expect(vis(r)).not.toContain(t('clubs:askWhenRetry'));
  });

  test.each([0, 1, 2, 3, 4, 5, 6, 7])('discrimination via buttons, variant %i', async (i) => {
    const c = conversation(bot, `disc-${lang}-${i}`, `u-disc-${lang}-${i}`);
    const log: string[] = [];
    const step = async (text: string) => { const r = await say(c, text); log.push(`> ${text}\n${vis(r)}\n  [${btns(r).join(' | ')}]  locales=${[...new Set(r.map((a) => a.locale))].join(',')}`); return r; };
    await step({ fa: 'سلام', ur: 'السلام علیکم', tr: 'Merhaba' }[lang]);
    let r = await step(t('common:menu.discrimination'));
    r = await step({ fa: 'با من خیلی بد رفتار کردند و جلوی همه تحقیرم کردند.', ur: 'انہوں نے سب کے سامنے میرے ساتھ بہت برا رویہ اختیار کیا۔', tr: 'Herkesin önünde bana çok kötü davrandılar ve beni aşağıladılar.' }[lang]);
    if (btns(r).includes(t('discrimination:area.work'))) r = await step(t(`discrimination:area.${AREAS[i]}`));
    expect(btns(r)).toEqual(DWHEN.map((k) => t(`discrimination:when.${k}`)));
    r = await step(t(`discrimination:when.${DWHEN[i % 5]}`));
    if (btns(r).includes(t('discrimination:ground.age'))) r = await step(t(`discrimination:ground.${GROUNDS[i]}`));
    expect(btns(r)).toEqual([t('discrimination:consent.yes'), t('discrimination:consent.no')]);
    r = await step(i % 2 ? t('discrimination:consent.no') : t('discrimination:consent.yes'));
    if (i % 2) expect(vis(r)).toContain(t('discrimination:consent.notSaved'));
    else expect(vis(r)).toMatch(/BB-/);
    expect(btns(r)).toEqual([t('discrimination:human.yes'), t('discrimination:human.no')]);
    r = await step(i % 2 ? t('discrimination:human.no') : t('discrimination:human.yes'));
    expect(r.every((a) => a.locale === lang)).toBe(true);
    if (i <= 1) console.log(log.join('\n'));
  });
});
