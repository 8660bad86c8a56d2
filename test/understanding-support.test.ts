import { entitiesSupportIntent } from '../src/understanding/support';
import type { Reading } from '../src/understanding';

/** A reading as understanding returns it, with only what this rule looks at. */
function reading(route: Reading['intent']['route'], confidence: number, entities: Partial<Reading['entities']>): Reading {
  return { intent: { route, confidence, alternatives: [] }, entities: { numbers: [], ...entities } } as unknown as Reading;
}

describe('an unsure route the message itself fills the form of', () => {
  test('"my 15-year-old son wants to play football in Valby on Sundays": interest and age make it a club search', () => {
    expect(entitiesSupportIntent(reading('clubs', 0.37, { interests: ['football'], age: 15, whoFor: 'son', district: 'valby' }))).toBe(true);
  });

  test('an interest alone, or a district alone, is not enough', () => {
    expect(entitiesSupportIntent(reading('clubs', 0.37, { interests: ['football'] }))).toBe(false);
    expect(entitiesSupportIntent(reading('clubs', 0.37, { district: 'valby', age: 15 }))).toBe(false);
  });

  test('an interpreter request names the language and the setting', () => {
    expect(entitiesSupportIntent(reading('interpreter', 0.3, { language: 'ar', setting: 'health' }))).toBe(true);
    expect(entitiesSupportIntent(reading('interpreter', 0.3, { language: 'ar' }))).toBe(false);
  });

  test('a route the classifier hardly reads, or another route, is not propped up', () => {
    expect(entitiesSupportIntent(reading('clubs', 0.1, { interests: ['football'], age: 15 }))).toBe(false);
    expect(entitiesSupportIntent(reading('area', 0.3, { district: 'valby' }))).toBe(false);
  });
});
