import type { ConflictTopic, HousingType } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import type { Talked } from '../src/understanding/entities';
import { entitiesOf } from './helpers/entities';

/** Neighbour conflicts: what it is about, whether they have talked, the housing, in Latin script too. */
describe('a resident describes a neighbour conflict', () => {
  it.each<[Lang, string, ConflictTopic]>([
    ['ar', 'el jiran fo2 3am yda22o 3al ard kel lele', 'noise'],
    ['pl', 'sasiad z gory wierci codziennie od 7 rano', 'noise'],
    ['ur', 'upar wale padosi raat ko bohat shor karte hain', 'noise'],
    ['so', 'eeyga deriska habeenka oo dhan wuu ciyaa', 'pets'],
    ['uk', 'хтось постійно займає наше місце на парковці', 'parking'],
  ])('%s "%s" → %s', (lang, text, conflict) => {
    expect(entitiesOf(lang, text).conflict).toBe(conflict);
  });

  it.each<[Lang, string, Talked]>([
    ['ar', 'la2 ma 7kina ma3hon', 'no'],
    ['tr', 'konuştuk ama dinlemiyor', 'yes'],
    ['ur', 'haan baat ki thi lekin koi faida nahi hua', 'yes'],
    ['ur', 'abhi baat nahi ki', 'no'],
    ['fa', 'sohbat kardim vali fayde nadasht', 'yes'],
  ])('asked whether they talked: %s "%s" → %s', (lang, text, talked) => {
    expect(entitiesOf(lang, text).talked).toBe(talked);
  });

  it.each<[Lang, string, HousingType]>([['pl', 'wynajmujemy prywatnie', 'private_rental']])('%s "%s" → %s', (lang, text, housing) => {
    expect(entitiesOf(lang, text).housing).toBe(housing);
  });
});

describe('an interpreter request', () => {
  it.each<[Lang, string, Record<string, unknown>]>([
    ['ar', 'ana me7tag tolk fel kommune yom el etnein, ana batkallem 3arabi bas', { language: 'ar', setting: 'municipality' }],
    ['fa', 'baraye madaram dar shifakhana tarjoman-e dari kar darom', { setting: 'health' }],
    ['so', 'turjubaan ayaan u baahanahay kommunka', { setting: 'municipality' }],
    ['so', 'wxn rbaa turjumaan dhaqtarka', { setting: 'health' }],
    ['tr', 'annemin perşembe günü hastanede randevusu var', { setting: 'health' }],
    ['uk', 'потрібен перекладач з української', { language: 'uk' }],
    ['ur', 'acha, translater chahye doctr ke liye', { setting: 'health' }],
    ['da', 'helst at tolken kommer med derhen', { mode: 'in_person' }],
  ])('%s "%s" → %j', (lang, text, expected) => {
    expect(entitiesOf(lang, text)).toMatchObject(expected);
  });
});
