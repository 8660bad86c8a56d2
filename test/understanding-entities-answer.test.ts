import type { Lang } from '../src/language/languages';
import { entitiesOf } from './helpers/entities';

/** Yes and no as residents type them, in their script or in Latin letters (Arabizi, Finglish, Roman Urdu). */
describe('a resident answers yes or no', () => {
  it.each<[Lang, string, 'yes' | 'no']>([
    // Egyptian and Levantine Arabizi, and Arabic script
    ['ar', 'la2', 'no'],
    ['ar', 'la2 shokran', 'no'],
    ['ar', 'la', 'no'],
    ['ar', 'aywa', 'yes'],
    ['ar', 'ah', 'yes'],
    ['ar', 'لا شكرا', 'no'],
    ['ar', 'لأ', 'no'],
    ['ar', 'أيوه', 'yes'],
    ['ar', 'نعم من فضلك', 'yes'],
    // Finglish and Farsi script
    ['fa', 'na', 'no'],
    ['fa', 'na merci', 'no'],
    ['fa', 'na mamnoon', 'no'],
    ['fa', 'are', 'yes'],
    ['fa', 'bale', 'yes'],
    ['fa', 'نه ممنون', 'no'],
    ['fa', 'آره', 'yes'],
    // Roman Urdu and Urdu script
    ['ur', 'nahi', 'no'],
    ['ur', 'nahi shukriya', 'no'],
    ['ur', 'ji nahi', 'no'],
    ['ur', 'ji nahin', 'no'],
    ['ur', 'haan', 'yes'],
    ['ur', 'ji haan', 'yes'],
    ['ur', 'نہیں شکریہ', 'no'],
    ['ur', 'جی ہاں', 'yes'],
    // an answer that goes on
    ['da', 'nej, hun er 12', 'no'],
    ['en', 'yes I talked to him but nothing changed', 'yes'],
    ['ur', 'nahi koi dhamki nahi di, bas shor hai', 'no'],
  ])('%s "%s" → %s', (lang, text, answer) => {
    expect(entitiesOf(lang, text).answer).toBe(answer);
  });

  it.each<[Lang, string]>([
    ['en', 'I have no car'], // a "no" further in is not an answer
    ['ar', 'ahmad is my son'], // "ah" only as a whole word
    ['ar', 'laban'], // "la" only as a whole word
    ['fa', 'nabayad'],
    ['ur', 'mujhe nahi pata'],
  ])('%s "%s" → no answer', (lang, text) => {
    expect(entitiesOf(lang, text).answer).toBeUndefined();
  });
});
