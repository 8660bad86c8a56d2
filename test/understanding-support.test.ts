import { supportedRoute } from '../src/understanding/support';
import type { Reading } from '../src/understanding';

/** The unsure route is the one the words support. */
const entitiesSupportIntent = (r: Reading) => supportedRoute(r) === r.intent.route;

/** A reading as understanding returns it, with only what this rule looks at. */
function reading(route: Reading['intent']['route'], confidence: number, entities: Partial<Reading['entities']>, alternatives: Reading['intent']['alternatives'] = [], rumour = false): Reading {
  return { intent: { route, confidence, alternatives }, entities: { numbers: [], ...entities }, cues: { rumour } } as unknown as Reading;
}

describe('an unsure route the message itself fills the form of', () => {
  test('"my 15-year-old son wants to play football in Valby on Sundays": interest and age make it a club search', () => {
    expect(entitiesSupportIntent(reading('clubs', 0.37, { interests: ['football'], age: 15, whoFor: 'son', district: 'valby' }))).toBe(true);
  });

  test('an interest alone, or a district alone, is not enough; a young person\'s age with the district is', () => {
    expect(entitiesSupportIntent(reading('clubs', 0.37, { interests: ['football'] }))).toBe(false);
    expect(entitiesSupportIntent(reading('clubs', 0.37, { district: 'valby' }))).toBe(false);
    expect(entitiesSupportIntent(reading('clubs', 0.37, { district: 'valby', age: 14, whoFor: 'son' }))).toBe(true);
    expect(entitiesSupportIntent(reading('clubs', 0.37, { district: 'valby', age: 45 }))).toBe(false);
  });

  test('a ground and a place make an unsure reading a discrimination complaint', () => {
    expect(entitiesSupportIntent(reading('discrimination', 0.3, { ground: 'ethnic_origin', complaintArea: 'housing' }))).toBe(true);
    expect(entitiesSupportIntent(reading('discrimination', 0.3, { ground: 'ethnic_origin' }))).toBe(false);
  });

  test('an interpreter request names the language and the setting', () => {
    expect(entitiesSupportIntent(reading('interpreter', 0.3, { language: 'ar', setting: 'health' }))).toBe(true);
    expect(entitiesSupportIntent(reading('interpreter', 0.3, { language: 'ar' }))).toBe(false);
  });

  test('a route the classifier hardly reads, or another route, is not propped up', () => {
    expect(entitiesSupportIntent(reading('clubs', 0.1, { interests: ['football'], age: 15 }))).toBe(false);
    expect(entitiesSupportIntent(reading('area', 0.3, { district: 'valby' }))).toBe(false);
  });

  test('"the stairwell light in Tingbjerg has been broken for weeks": read as the area, it is a worry to report', () => {
    expect(supportedRoute(reading('area', 0.5, { worry: 'lighting', district: 'bronshoj-husum' }, [{ route: 'report', confidence: 0.3 }]))).toBe('report');
  });

  test('a rumour about the area stays a question about the area', () => {
    expect(supportedRoute(reading('area', 0.5, { worry: 'dealing', district: 'norrebro' }, [{ route: 'report', confidence: 0.3 }], true))).toBeUndefined();
  });

  test('a second guess the classifier hardly reads is not taken', () => {
    expect(supportedRoute(reading('area', 0.6, { worry: 'lighting' }, [{ route: 'report', confidence: 0.05 }]))).toBeUndefined();
  });
});
