// Statistics of ensembles (run.seeds > 1): tracks sharing an optimizer id are seeds of one method
// (docs/DESIGN.md "Plots" 2). Computed here, in the worker, so that plots and the status line only show them:
// - the loss view: per (thinned) record index, the 10/50/90 % quantiles of each loss-like field over the
//   seeds whose value is positive and finite (the loss plot is logarithmic);
// - the status: per optimizer, how many seeds reached a loss tolerance, the median iteration and wall
//   time at which they did, and how many diverged;
// - the approximation: per optimizer the curve of its median-loss seed and the pointwise 10–90 % band.

import type { IterationRecord } from '../records';
import type { CurveBand, EnsembleBand, LossField, LossView, OptimizerEnsemble, QuantileSeries } from './types';
import { thinIndices } from './thin';
import { lossClip } from './clipping';

/** Points per ensemble curve. */
export const LOSS_POINTS = 1000;

export const LOSS_FIELDS: readonly LossField[] = ['loss', 'error', 'relError', 'evalLoss'];

export interface EnsembleMember {
  optimizerId: string;
  records: readonly IterationRecord[];
}

/** The q-quantile of sorted values (linear between order statistics, as R's type 7 and d3.quantileSorted). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  if (i + 1 >= n) return sorted[n - 1];
  return sorted[i] + (sorted[i + 1] - sorted[i]) * (h - i);
}

/** The median of `values` (NaN when empty); `values` is not changed. */
export function median(values: readonly number[]): number {
  return quantileOfSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Tracks grouped by optimizer id, in first-appearance order. */
export function groupByOptimizer<T extends { optimizerId: string }>(tracks: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const track of tracks) {
    const group = groups.get(track.optimizerId);
    if (group) group.push(track);
    else groups.set(track.optimizerId, [track]);
  }
  return [...groups.values()];
}

// ---- loss quantiles ---------------------------------------------------------------------------------

const positive = (v: number) => Number.isFinite(v) && v > 0;

function quantiles(members: readonly EnsembleMember[], indices: Int32Array, field: LossField): QuantileSeries | null {
  const n = indices.length;
  const series: QuantileSeries = { q10: new Float64Array(n), q50: new Float64Array(n), q90: new Float64Array(n) };
  const values: number[] = [];
  let any = false;
  for (let j = 0; j < n; j++) {
    values.length = 0;
    for (const member of members) {
      const v = member.records[indices[j]]?.[field];
      if (v !== undefined && positive(v)) values.push(v);
    }
    values.sort((a, b) => a - b);
    series.q10[j] = quantileOfSorted(values, 0.1);
    series.q50[j] = quantileOfSorted(values, 0.5);
    series.q90[j] = quantileOfSorted(values, 0.9);
    if (values.length > 0) any = true;
  }
  return any ? series : null;
}

function band(members: readonly EnsembleMember[], budget: number): EnsembleBand {
  let length = 0;
  for (const member of members) length = Math.max(length, member.records.length);
  const indices = thinIndices(length, budget);
  const k = new Float64Array(indices.length);
  const time = new Float64Array(indices.length);
  const times: number[] = [];
  for (let j = 0; j < indices.length; j++) {
    times.length = 0;
    for (const member of members) {
      const r = member.records[indices[j]];
      if (r && Number.isFinite(r.time)) times.push(r.time);
    }
    times.sort((a, b) => a - b);
    // Records are numbered from 0 without gaps: record index i is iteration i.
    k[j] = indices[j];
    time[j] = quantileOfSorted(times, 0.5);
  }
  const fields = {} as Record<LossField, QuantileSeries | null>;
  for (const field of LOSS_FIELDS) fields[field] = quantiles(members, indices, field);
  return { optimizerId: members[0].optimizerId, members: members.length, k, time, fields };
}

/** The bands of every ensemble (optimizers with more than one track) among the tracks, and the clipped top of the axis. */
export function lossView(tracks: readonly EnsembleMember[], budget = LOSS_POINTS): LossView {
  const ensembles = groupByOptimizer(tracks).filter((group) => group.length > 1);
  return { ensembles: ensembles.map((group) => band(group, budget)), clip: lossClip(tracks.map((t) => t.records)) };
}

// ---- status: seeds that reached the tolerance -------------------------------------------------------

/** The loss tolerance an ensemble's status counts by (until the user sets another). */
export const DEFAULT_TOLERANCE = 1e-6;

/** One seed's records (as the run holds them) and why it stopped, if it did. */
export interface SeedRecords {
  optimizerId: string;
  records: readonly Pick<IterationRecord, 'k' | 'loss' | 'time'>[];
  stopReason?: string;
}

interface SeedOutcome {
  k?: number;
  time?: number;
  diverged: boolean;
}

function outcome(seed: SeedRecords, tolerance: number): SeedOutcome {
  const result: SeedOutcome = { diverged: seed.stopReason !== undefined && seed.stopReason.includes('diverged') };
  for (const record of seed.records) {
    if (!Number.isFinite(record.loss)) result.diverged = true;
    else if (result.k === undefined && record.loss <= tolerance) {
      result.k = record.k;
      result.time = record.time;
    }
  }
  return result;
}

/** One summary per optimizer, in the order the optimizers first appear in `seeds`. */
export function ensembleSummaries(seeds: readonly SeedRecords[], tolerance: number): OptimizerEnsemble[] {
  return groupByOptimizer(seeds).map((group) => {
    const outcomes = group.map((seed) => outcome(seed, tolerance));
    const reached = outcomes.filter((o) => o.k !== undefined);
    return {
      optimizerId: group[0].optimizerId,
      seeds: outcomes.length,
      reached: reached.length,
      medianK: median(reached.map((o) => o.k as number)),
      medianTimeMs: median(reached.map((o) => o.time as number)),
      diverged: outcomes.filter((o) => o.diverged).length,
    };
  });
}

// ---- approximation: the median seed's curve and a band ----------------------------------------------

/**
 * The member whose value is the lower median of `values` (the run an ensemble shows as its curve); -1
 * when no value is a number. Infinite values (a diverged run) rank above every finite one.
 */
export function medianMember(values: readonly number[]): number {
  const order = values.map((v, i) => i).filter((i) => !Number.isNaN(values[i]));
  if (order.length === 0) return -1;
  order.sort((a, b) => values[a] - values[b] || a - b);
  return order[Math.floor((order.length - 1) / 2)];
}

/**
 * Pointwise 10 % and 90 % quantiles over members of equally long curves (e.g. each seed's approximation
 * on the plot grid); `lo` and `hi` have the curves' length. Non-finite samples are left out at that point.
 */
export function curveBand(curves: readonly ArrayLike<number>[]): { lo: Float64Array; hi: Float64Array } {
  const n = curves.length === 0 ? 0 : curves[0].length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const column = new Float64Array(curves.length);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (const curve of curves) if (Number.isFinite(curve[i])) column[m++] = curve[i];
    const sorted = column.subarray(0, m).sort();
    lo[i] = quantileOfSorted(sorted, 0.1);
    hi[i] = quantileOfSorted(sorted, 0.9);
  }
  return { lo, hi };
}

export interface EnsembleCurves {
  /** Per optimizer: the key of its median member (by loss). */
  keys: string[];
  /** Per optimizer: the median member's curve. */
  curves: Float64Array[];
  /** Per optimizer: the 10–90 % band over its members (and how many), null for a single member. */
  bands: (CurveBand | null)[];
  /** Index of each kept member in the input (to pick other per-member arrays, e.g. residuals). */
  members: number[];
}

/**
 * An ensemble's curves reduced to one per optimizer: the run of median loss, and the pointwise band over
 * every seed (the approximation plot of an ensemble). Groups keep the order of first appearance.
 */
export function ensembleCurves(
  keys: readonly string[],
  optimizerIds: readonly string[],
  losses: readonly number[],
  curves: readonly Float64Array[],
): EnsembleCurves {
  const groups = groupByOptimizer(optimizerIds.map((optimizerId, index) => ({ optimizerId, index })));
  const out: EnsembleCurves = { keys: [], curves: [], bands: [], members: [] };
  for (const group of groups) {
    const members = group.map((m) => m.index);
    const byLoss = members.map((i) => (Number.isFinite(losses[i]) ? losses[i] : Infinity));
    const chosen = members[Math.max(0, medianMember(byLoss))];
    out.keys.push(keys[chosen]);
    out.curves.push(curves[chosen]);
    out.bands.push(members.length > 1 ? { ...curveBand(members.map((i) => curves[i])), seeds: members.length } : null);
    out.members.push(chosen);
  }
  return out;
}
