// Curves that coincide hide each other: Newton and NGD on a linear model take identical steps, GD and
// NGD on an orthonormal basis agree to the regularisation of the Gram solve. Both must stay visible and
// the coincidence — often the lesson — must be said. Two tracks are compared iterate by iterate on θ_k
// (relative to the iterates' size) and on the loss (relative, as a log axis shows it).

import type { Coincidence } from './types';

/** What a track offers for the comparison. */
export interface CoincidenceSeries {
  key: string;
  count: number;
  loss: ArrayLike<number>;
  /** θ_k of record i, when recorded. */
  theta?: (i: number) => ArrayLike<number> | undefined;
}

/** Below this relative difference two tracks take identical steps ("≡"). */
export const IDENTICAL_TOLERANCE = 1e-12;
/** Below this relative difference two curves are drawn on top of each other ("≈"). */
export const OVERLAP_TOLERANCE = 1e-3;

export type { Coincidence } from './types';

function relative(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** Largest relative difference between two tracks over their common iterations (Infinity if < 2). */
export function trackDifference(a: CoincidenceSeries, b: CoincidenceSeries): number {
  const n = Math.min(a.count, b.count);
  if (n < 2) return Infinity;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    worst = Math.max(worst, relative(a.loss[i], b.loss[i]));
    const ta = a.theta?.(i);
    const tb = b.theta?.(i);
    if (ta && tb && ta.length === tb.length) {
      let difference = 0;
      let size = 0;
      for (let j = 0; j < ta.length; j++) {
        difference = Math.max(difference, Math.abs(ta[j] - tb[j]));
        size = Math.max(size, Math.abs(ta[j]), Math.abs(tb[j]));
      }
      if (difference > 0) worst = Math.max(worst, size > 0 ? difference / size : Infinity);
    }
    if (worst >= OVERLAP_TOLERANCE) return worst;
  }
  return worst;
}

/** Every later track that coincides with an earlier one (its first such partner), in track order. */
export function coincidences(series: readonly CoincidenceSeries[]): Coincidence[] {
  const found: Coincidence[] = [];
  for (let j = 1; j < series.length; j++) {
    for (let i = 0; i < j; i++) {
      const difference = trackDifference(series[i], series[j]);
      if (difference < OVERLAP_TOLERANCE) {
        found.push({
          first: series[i].key,
          second: series[j].key,
          difference,
          identical: difference < IDENTICAL_TOLERANCE,
        });
        break;
      }
    }
  }
  return found;
}
