/**
 * The few figures operations watches, in Prometheus text format. Hand-written because four metrics do not
 * justify a client library; counters are per process (Prometheus sums instances).
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
  private turns = 0;
  private turnErrors = 0;
  private storageConflicts = 0;
  private rejectedActivities = 0;
  private handoffs = 0;
  private readonly rateLimitedByScope = new Map<string, number>();
  private readonly latencyBuckets = new Array<number>(BUCKETS.length).fill(0);
  private latencySum = 0;

  turnCompleted(seconds: number): void {
    this.turns++;
    this.latencySum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) this.latencyBuckets[i]++;
  }

  turnFailed(): void {
    this.turnErrors++;
  }

  storageConflict(): void {
    this.storageConflicts++;
  }

  activityRejected(): void {
    this.rejectedActivities++;
  }

  handoffStarted(): void {
    this.handoffs++;
  }

  /** A request or message refused by a limit (src/limits/); `scope` names the limit (resident, staffSignIn...). */
  rateLimited(scope: string): void {
    this.rateLimitedByScope.set(scope, (this.rateLimitedByScope.get(scope) ?? 0) + 1);
  }

  render(): string {
    const lines = [
      '# HELP brobygger_turns_total Turns handled (all activity types).',
      '# TYPE brobygger_turns_total counter',
      `brobygger_turns_total ${this.turns}`,
      '# HELP brobygger_turn_errors_total Turns that ended in an error sent to onTurnError.',
      '# TYPE brobygger_turn_errors_total counter',
      `brobygger_turn_errors_total ${this.turnErrors}`,
      '# HELP brobygger_storage_conflicts_total State writes refused because of a stale eTag.',
      '# TYPE brobygger_storage_conflicts_total counter',
      `brobygger_storage_conflicts_total ${this.storageConflicts}`,
      '# HELP brobygger_rejected_activities_total Requests to /api/messages refused as malformed.',
      '# TYPE brobygger_rejected_activities_total counter',
      `brobygger_rejected_activities_total ${this.rejectedActivities}`,
      '# HELP brobygger_handoffs_total Conversations handed to a human.',
      '# TYPE brobygger_handoffs_total counter',
      `brobygger_handoffs_total ${this.handoffs}`,
      '# HELP brobygger_rate_limited_total Requests and messages refused by a rate limit or cap, by limit.',
      '# TYPE brobygger_rate_limited_total counter',
      ...[...this.rateLimitedByScope].map(([scope, n]) => `brobygger_rate_limited_total{scope="${scope}"} ${n}`),
      '# HELP brobygger_turn_duration_seconds Time to handle one turn.',
      '# TYPE brobygger_turn_duration_seconds histogram',
      ...BUCKETS.map((b, i) => `brobygger_turn_duration_seconds_bucket{le="${b}"} ${this.latencyBuckets[i]}`),
      `brobygger_turn_duration_seconds_bucket{le="+Inf"} ${this.turns}`,
      `brobygger_turn_duration_seconds_sum ${this.latencySum.toFixed(6)}`,
      `brobygger_turn_duration_seconds_count ${this.turns}`,
    ];
    return lines.join('\n') + '\n';
  }
}
