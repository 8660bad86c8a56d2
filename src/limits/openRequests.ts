/**
 * A resident (a channel user, in any conversation) or one conversation may have at most this many requests
 * to staff (interpreter, mediation, complaint, report) that are not done yet. A flood of requests would
 * otherwise bury the real ones in the staff list. The dialog tells the resident politely and saves nothing.
 */
export class TooManyOpenRequests extends Error {
  constructor(readonly max: number) {
    super(`at most ${max} open requests per resident and per conversation`);
    this.name = 'TooManyOpenRequests';
  }
}

export interface OpenRequestCap {
  max: number;
  /** Told of each refusal (the rate-limit metric). */
  onRefused?: () => void;
}
