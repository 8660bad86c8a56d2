import type { Lang } from '../src/language/languages';
import type { WhoFor } from '../src/understanding/cues';
import { entitiesOf } from './helpers/entities';

/** Who the help is for: the resident, their son, daughter, mother..., in nine languages and Latin script. */
describe('a resident says who it is for', () => {
  it.each<[Lang, string, WhoFor]>([
    ['en', "I'm looking for a club for my son", 'son'],
    ['en', 'I am looking for something for my daughter, she is 13', 'daughter'],
    ['en', 'im 16 and want to play football', 'self'],
    ['en', 'my mum needs an interpreter', 'other'],
    ['da', 'jeg er på udkig efter en klub til min datter', 'daughter'],
    ['da', 'jeg er 17 og vil spille fodbold', 'self'],
    ['da', 'klub til mig selv', 'self'],
    ['tr', 'ben oğlum için kulüp arıyorum', 'son'],
    ['tr', 'kendim için', 'self'],
    ['tr', 'annem için tercüman lazım', 'other'],
    ['ar', 'انا بدور على نادي لابني', 'son'],
    ['ar', 'ana 3ayez club le ebni', 'son'],
    ['ar', 'ana 3andi 17 sana', 'self'],
    ['ar', 'binti 3andaha 12 sana', 'daughter'],
    ['fa', 'من دنبال کلاب برای پسرم هستم', 'son'],
    ['fa', 'man donbale klub baraye pesaram hastam', 'son'],
    ['fa', 'baraye madaram', 'other'],
    ['fa', 'baraye khodam', 'self'],
    ['ur', 'main apne bete ke liye club dhoond raha hoon', 'son'],
    ['ur', 'meri ammi ke liye', 'other'],
    ['ur', 'mere liye', 'self'],
    ['pl', 'szukam klubu dla mojej córki', 'daughter'],
    ['pl', 'dla mnie', 'self'],
    ['uk', 'я шукаю клуб для сина', 'son'],
    ['uk', 'для моєї доньки', 'daughter'],
    ['so', 'aniga waxaan u raadinayaa wiilkayga naadi', 'son'],
    ['so', 'hooyaday ayaa u baahan turjubaan', 'other'],
  ])('%s "%s" → %s', (lang, text, whoFor) => {
    expect(entitiesOf(lang, text).whoFor).toBe(whoFor);
  });

  it.each<[Lang, string]>([
    ['en', 'I need an interpreter'],
    ['da', 'jeg leder efter en klub'], // a parent may write this: not "for me"
    ['ur', 'club Nørrebro mein hai?'], // "mein" is "in", not "I"
  ])('%s "%s" → nobody named', (lang, text) => {
    expect(entitiesOf(lang, text).whoFor).toBeUndefined();
  });
});
