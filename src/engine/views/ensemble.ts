// Loss curves of ensembles (DESIGN.md "Plots" 2): tracks sharing an optimizer id are seeds of one method,
// drawn as the median with a 10–90 % band. Per (thinned) record index, the quantiles of each loss-like
// field over the seeds whose value is positive and finite (the loss plot is logarithmic).

import type { IterationRecord } from '../records';
import type { EnsembleBand, LossField, LossView, QuantileSeries } from './types';
import { thinIndices } from './thin';
import { lossClip } from './clipping';

/** Points per ensemble curve. */
export const LOSS_POINTS = 1000;

export const LOSS_FIELDS: readonly LossField[] = ['loss', 'error', 'relError', 'evalLoss'];

export interface EnsembleMember {
  optimizerId: string;
  records: readonly IterationRecord[];
}

/** The q-quantile of sorted values (linear between order statistics, as R's type 7). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  if (i + 1 >= n) return sorted[n - 1];
  return sorted[i] + (sorted[i + 1] - sorted[i]) * (h - i);
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
