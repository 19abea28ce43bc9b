// The value range a plot shows when one series runs away (a diverging optimizer): the union of the
// series, except those that reach far beyond the union of all the others — those are clipped to the range
// and marked, so the curves that did not blow up stay readable. On a log axis only growth counts (losses
// diverge upwards; a method that converges much further down is the lesson, not an outlier).

import { log10, pow } from '../math';

export interface Extent {
  lo: number;
  hi: number;
}

export interface RobustRangeOptions {
  /** Log axis: extents are positive and compared in decades (default false). */
  log?: boolean;
  /** Series that are never clipped (the target of an approximation plot). */
  keep?: readonly boolean[];
}

export interface RobustRange extends Extent {
  /** Per series: its values beyond [lo, hi] are clipped (and should be marked). */
  clipped: boolean[];
}

/** Linear axes: a series reaching more than this many spans of the others beyond them is clipped. */
const LINEAR_EXCESS_SPANS = 1;
/** Log axes: a series growing more than this many decades above all the others is clipped. */
const LOG_EXCESS_DECADES = 3;
/** Room left beyond the others for the clipped series to show where they leave (fraction / decades). */
const LINEAR_MARGIN = 0.08;
const LOG_MARGIN_DECADES = 1;

/** The extent of the finite (on a log axis: positive) values, or null when there is none. */
export function extentOf(values: ArrayLike<number>, log = false, count = values.length): Extent | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : null;
}

function union(extents: readonly (Extent | null)[], skip: number, included: readonly boolean[]): Extent | null {
  let lo = Infinity;
  let hi = -Infinity;
  extents.forEach((e, i) => {
    if (!e || i === skip || !included[i]) return;
    lo = Math.min(lo, e.lo);
    hi = Math.max(hi, e.hi);
  });
  return lo <= hi ? { lo, hi } : null;
}

/** The range to show and which series to clip; null when no series has a value. */
export function robustRange(extents: readonly (Extent | null)[], options: RobustRangeOptions = {}): RobustRange | null {
  const log = options.log ?? false;
  const scaled = extents.map((e) => (e && log ? { lo: log10(e.lo), hi: log10(e.hi) } : e));
  const all = scaled.map(() => true);
  const clipped = scaled.map((e, i) => {
    if (!e || options.keep?.[i]) return false;
    const others = union(scaled, i, all);
    if (!others) return false;
    const span = others.hi - others.lo;
    if (log) return e.hi - others.hi > LOG_EXCESS_DECADES;
    const allowed = LINEAR_EXCESS_SPANS * (span > 0 ? span : Math.max(1, Math.abs(others.hi)));
    return e.hi - others.hi > allowed || others.lo - e.lo > allowed;
  });
  const kept = union(
    scaled,
    -1,
    clipped.map((c) => !c),
  );
  const full = union(scaled, -1, all);
  if (!kept || !full) return null;
  let { lo, hi } = kept;
  if (clipped.some(Boolean)) {
    if (log) {
      hi = Math.min(full.hi, hi + LOG_MARGIN_DECADES);
    } else {
      const margin = LINEAR_MARGIN * (hi - lo || Math.max(1, Math.abs(hi)));
      lo = Math.max(full.lo, lo - margin);
      hi = Math.min(full.hi, hi + margin);
    }
  }
  return log ? { lo: pow(10, lo), hi: pow(10, hi), clipped } : { lo, hi, clipped };
}
