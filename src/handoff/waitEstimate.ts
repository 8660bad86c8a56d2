/**
 * An honest wait estimate: only from claims that really happened lately, never a made-up figure. With
 * fewer than three recent claims there is nothing honest to say, and the resident is told so.
 */
const MIN_SAMPLES = 3;
const ROUND_TO_MINUTES = 5;

export function estimateWaitMinutes(position: number, recentWaitsMs: number[]): number | undefined {
  if (recentWaitsMs.length < MIN_SAMPLES || position < 1) return undefined;
  const sorted = [...recentWaitsMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  // Each person ahead was, lately, waited on about one median wait (counsellors work one chat at a time).
  const minutes = (median * position) / 60000;
  return Math.max(ROUND_TO_MINUTES, Math.ceil(minutes / ROUND_TO_MINUTES) * ROUND_TO_MINUTES);
}
