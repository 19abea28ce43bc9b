// The ranges plots show when a series ran away (a diverged optimizer, robustRange.ts), computed with the
// views: the approximation's y range (the target is never clipped) and the top of the loss axis, with
// where each clipped series first leaves the range (the plot marks it "off scale").

import type { IterationRecord } from '../records';
import { extentOf, robustRange } from './robustRange';
import type { ClipMark, ShownRange } from './types';

/** Room around the shown values, as a fraction of their span. */
const PAD = 0.06;

/** The y range of an approximation's curves and target; null when nothing is finite. */
export function curveRange(target: Float64Array | null, curves: readonly Float64Array[]): ShownRange | null {
  const range = robustRange([target ? extentOf(target) : null, ...curves.map((c) => extentOf(c))], { keep: [true] });
  if (!range) return null;
  const pad = PAD * (range.hi - range.lo || Math.max(1, Math.abs(range.hi)));
  const lo = range.lo - pad;
  const hi = range.hi + pad;
  const clipped = range.clipped.slice(1);
  const marks: ClipMark[] = [];
  curves.forEach((curve, series) => {
    if (!clipped[series]) return;
    const index = curve.findIndex((v) => v > hi || v < lo);
    if (index >= 0) marks.push({ series, index, value: curve[index], above: curve[index] > hi });
  });
  return { lo, hi, clipped, marks };
}

/** The top of a log loss axis when some tracks grew far above the others (null: no clipping), with marks. */
export function lossClip(tracks: readonly (readonly IterationRecord[])[]): { top: number; marks: ClipMark[] } | null {
  const range = robustRange(
    tracks.map((records) =>
      extentOf(
        Float64Array.from(records, (r) => r.loss),
        true,
      ),
    ),
    { log: true },
  );
  if (!range || !range.clipped.some(Boolean)) return null;
  const marks: ClipMark[] = [];
  tracks.forEach((records, series) => {
    if (!range.clipped[series]) return;
    const index = records.findIndex((r) => r.loss > range.hi);
    if (index >= 0) marks.push({ series, index, value: records[index].loss, above: true });
  });
  return { top: range.hi, marks };
}
