// When a run has blown up: its loss became non-finite (the engine stops it) or grew by many orders of
// magnitude above where it started. The status line says "diverged at k = 12 (L = 5e120)" in red instead
// of a green "finished", and the plots clip the track (robustRange.ts).

import type { Divergence } from './types';

/** A loss this many times the initial one (or the running minimum) is taken as divergence. */
export const DIVERGENCE_FACTOR = 1e8;

export type { Divergence } from './types';

const STOP_PATTERN = /^diverged at k = (\d+): L = (\S+)/;

/**
 * The divergence of a track from its iterations and losses (the first `count`), and the engine's stop
 * reason if any; null when it did not diverge.
 */
export function divergenceOf(
  ks: ArrayLike<number>,
  losses: ArrayLike<number>,
  count: number,
  stopReason?: string,
): Divergence | null {
  const stopped = stopReason ? STOP_PATTERN.exec(stopReason) : null;
  const finalLoss = stopped ? Number(stopped[2]) : losses[count - 1];
  const initial = Math.abs(losses[0]);
  const threshold = DIVERGENCE_FACTOR * (initial > 0 ? initial : 1);
  for (let i = 1; i < count; i++) {
    const loss = losses[i];
    if (!Number.isFinite(loss) || Math.abs(loss) > threshold) return { k: ks[i], loss: finalLoss };
  }
  // Stopped (non-finite loss) before the records crossed the threshold: the engine's k.
  return stopped ? { k: Number(stopped[1]), loss: finalLoss } : null;
}
