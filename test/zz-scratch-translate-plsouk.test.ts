import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Brobygger } from '../src/compose';
import { conversation, createTestBot, say, texts, buttonTitles } from './helpers/testBot';

const LANGS = ['pl', 'uk', 'so'] as const;
const load = (l: string, ns: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'locales', l, `${ns}.json`), 'utf8'));
const STORY: Record<string, string> = {
  pl: 'Potraktowano mnie bardzo źle i niesprawiedliwie, naprawdę nie rozumiem dlaczego tak się stało',
  uk: 'Зі мною повелися дуже погано і несправедливо, я справді не розумію чому так сталося',
  so: 'Si aad u xun oo aan caddaalad ahayn ayaa la iila dhaqmay, runtii ma fahmin sababta ay sidaas u dhacday',
};
const THURSDAY_1900 = new Date('2026-11-26T18:00:00Z');

describe('scratch pl/uk/so', () => {
  let bot: Brobygger;
  beforeAll(async () => {
    bot = await createTestBot({ clock: () => THURSDAY_1900 });
  });
  afterAll(() => bot.close());

  for (const lang of LANGS) {
    const common = load(lang, 'common');
    const c = load(lang, 'clubs');
    const d = load(lang, 'discrimination');
    const bands = Object.values(c.ageBand) as string[];
    const interests = ['sport', 'football', 'music', 'gaming', 'homework', 'girls_only', 'creative', 'dance'].map((k) => c.interest[k]).concat([c.anything]);
    const whens = Object.values(c.whenButton) as string[];
    for (let i = 0; i < Math.max(bands.length, interests.length, whens.length); i++) {
      test(`${lang} clubs run ${i}`, async () => {
        const a = conversation(bot, `clubs-${lang}-${i}`);
        const log: string[] = [];
        const step = async (text: string) => {
          const r = await say(a, text);
          log.push(`> ${text}`, texts(r), `[${buttonTitles(r).join(' | ')}]`);
          expect({ text, locales: [...new Set(r.map((x) => x.locale))] }).toEqual({ text, locales: [lang] });
          return r;
        };
        let r = await step(common.menu.clubs);
        expect(texts(r)).toContain(c.askAge);
        expect(buttonTitles(r)).toEqual(bands);
        r = await step(bands[i % bands.length]);
        expect(texts(r)).toBe(c.askDistrict);
        const districtButtons = buttonTitles(r);
        expect(districtButtons.at(-1)).toBe(c.anywhere);
        r = await step(c.anywhere);
        if (texts(r) === c.askWhichPart) r = await step(buttonTitles(r)[0]);
        expect(texts(r)).toBe(c.askInterest);
        r = await step(interests[i % interests.length]);
        expect(texts(r)).toBe(c.askWhen);
        expect(buttonTitles(r)).toEqual(whens);
        r = await step(whens[i % whens.length]);
        const intro = texts(r).split('\n')[0];
        const ok = [c.results.intro, ...Object.values(c.results.noneOpen), c.results.noneForAge.split('{{')[0]].some((x) => intro.startsWith(x as string));
        if (!ok || process.env.SHOW) console.log(log.join('\n') + '\n' + JSON.stringify(r.map((x) => x.attachments?.[0]?.content ?? x.text)).slice(0, 3000));
        expect(ok).toBe(true);
      });
    }
    const areas = Object.values(d.area) as string[];
    const dwhens = Object.values(d.when) as string[];
    const grounds = Object.values(d.ground) as string[];
    for (let i = 0; i < 8; i++) {
      test(`${lang} discrimination run ${i}`, async () => {
        const a = conversation(bot, `disc-${lang}-${i}`);
        const log: string[] = [];
        const step = async (text: string) => {
          const r = await say(a, text);
          log.push(`> ${text}`, texts(r), `[${buttonTitles(r).join(' | ')}]`);
          expect({ text, locales: [...new Set(r.map((x) => x.locale))] }).toEqual({ text, locales: [lang] });
          return r;
        };
        try {
          let r = await step(common.menu.discrimination);
          expect(texts(r)).toBe(d.askWhat);
          r = await step(STORY[lang]);
          expect(texts(r)).toBe(`${d.heard}\n${d.askWhere}`);
          expect(buttonTitles(r)).toEqual(areas);
          r = await step(areas[i]);
          expect(texts(r)).toBe(d.askWhen);
          expect(buttonTitles(r)).toEqual(dwhens);
          r = await step(dwhens[i % 5]);
          expect(texts(r)).toBe(d.askGround);
          expect(buttonTitles(r)).toEqual(grounds);
          r = await step(grounds[i]);
          const all = texts(r);
          expect(all).toContain(d.draft.where.replace('{{area}}', areas[i]));
          expect(all).toContain(d.draft.when.replace('{{when}}', dwhens[i % 5]));
          if (i < 7) expect(all).toContain(d.draft.ground.replace('{{ground}}', grounds[i]));
          else expect(all).toContain(d.draft.groundUnsure);
          expect(buttonTitles(r)).toEqual([d.consent.yes, d.consent.no]);
          r = await step(i % 2 ? d.consent.yes : d.consent.no);
          expect(texts(r)).toContain(i % 2 ? d.consent.saved.split('{{')[0] : d.consent.notSaved);
          expect(buttonTitles(r)).toEqual([d.human.yes, d.human.no]);
          r = await step(i === 3 ? d.human.yes : d.human.no);
          if (i === 3) expect(texts(r).length).toBeGreaterThan(0);
          else expect(texts(r)).toBe(common.anythingElse);
          if (process.env.SHOW) console.log(log.join('\n'));
        } catch (e) {
          console.log(log.join('\n'));
          throw e;
        }
      });
    }
  }
});
