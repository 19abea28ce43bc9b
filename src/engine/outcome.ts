// How a track ended, from its status (run.ts): still running, finished its iteration budget, diverged
// (a non-finite loss, gradient or look-ahead: "diverged at k = 12: L = NaN"), or stopped for another
// reason (a failed solve or momentum projection). The CLI prints it; the page can show it the same way.

export type TrackOutcome =
  | { kind: 'running' }
  | { kind: 'finished' }
  | { kind: 'diverged'; k: number | null; reason: string }
  | { kind: 'stopped'; k: number | null; reason: string };

const DIVERGED = /diverged|not finite/;
const AT_K = /at k = (\d+)/;

export function trackOutcome(status: { done: boolean; stopReason?: string }): TrackOutcome {
  const reason = status.stopReason;
  if (reason === undefined) return status.done ? { kind: 'finished' } : { kind: 'running' };
  const at = AT_K.exec(reason);
  const k = at === null ? null : Number(at[1]);
  return DIVERGED.test(reason) ? { kind: 'diverged', k, reason } : { kind: 'stopped', k, reason };
}

/** One word or phrase for listings: "finished", "running", or the stop reason itself. */
export function describeOutcome(outcome: TrackOutcome): string {
  return outcome.kind === 'finished' || outcome.kind === 'running' ? outcome.kind : outcome.reason;
}
