// Statistics of an ensemble (run.seeds > 1: one track per optimizer and seed), computed here so that
// plots and the status line only show them: quantiles, and per optimizer how many seeds reached a loss
// tolerance, the median iteration and wall time at which they did, and how many diverged.

/** The q-quantile of ascending `sorted` with linear interpolation (R type 7, as d3.quantileSorted); NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** The median of `values` (NaN when empty); `values` is not changed. */
export function median(values: readonly number[]): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** One seed's records as the runs store holds them (columns, `count` of them filled). */
export interface SeedTrack {
  optimizerId: string;
  count: number;
  k: ArrayLike<number>;
  loss: ArrayLike<number>;
  /** Wall time in ms at each record. */
  time: ArrayLike<number>;
  stopReason?: string;
}

export interface OptimizerEnsemble {
  optimizerId: string;
  seeds: number;
  /** Seeds with L(θ_k) ≤ tolerance at some recorded k. */
  reached: number;
  /** Median over the seeds that reached it of the first such k (NaN when none did). */
  medianK: number;
  /** Median over the same seeds of the wall time at that k. */
  medianTimeMs: number;
  /** Seeds that stopped as diverged or recorded a loss that is not finite. */
  diverged: number;
}

interface SeedOutcome {
  k?: number;
  time?: number;
  diverged: boolean;
}

function outcome(track: SeedTrack, tolerance: number): SeedOutcome {
  const result: SeedOutcome = { diverged: track.stopReason !== undefined && track.stopReason.includes('diverged') };
  for (let i = 0; i < track.count; i++) {
    const loss = track.loss[i];
    if (!Number.isFinite(loss)) result.diverged = true;
    else if (result.k === undefined && loss <= tolerance) {
      result.k = track.k[i];
      result.time = track.time[i];
    }
  }
  return result;
}

/** One summary per optimizer, in the order the optimizers first appear in `tracks`. */
export function ensembleSummaries(tracks: readonly SeedTrack[], tolerance: number): OptimizerEnsemble[] {
  const groups = new Map<string, SeedOutcome[]>();
  for (const track of tracks) {
    const list = groups.get(track.optimizerId) ?? [];
    list.push(outcome(track, tolerance));
    groups.set(track.optimizerId, list);
  }
  return [...groups].map(([optimizerId, outcomes]) => {
    const reached = outcomes.filter((o) => o.k !== undefined);
    return {
      optimizerId,
      seeds: outcomes.length,
      reached: reached.length,
      medianK: median(reached.map((o) => o.k as number)),
      medianTimeMs: median(reached.map((o) => o.time as number)),
      diverged: outcomes.filter((o) => o.diverged).length,
    };
  });
}

/**
 * The member whose value is the lower median of `values` (the run an ensemble shows as its curve); -1
 * when no value is finite. Non-finite values (a diverged run) rank above every finite one.
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
    lo[i] = quantileSorted(sorted, 0.1);
    hi[i] = quantileSorted(sorted, 0.9);
  }
  return { lo, hi };
}

export interface EnsembleCurves {
  /** Per optimizer: the key of its median member (by loss). */
  keys: string[];
  /** Per optimizer: the median member's curve. */
  curves: Float64Array[];
  /** Per optimizer: the 10–90 % band over its members (and how many), null for a single member. */
  bands: ({ lo: Float64Array; hi: Float64Array; seeds: number } | null)[];
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
  const groups = new Map<string, number[]>();
  optimizerIds.forEach((id, i) => groups.set(id, [...(groups.get(id) ?? []), i]));
  const out: EnsembleCurves = { keys: [], curves: [], bands: [], members: [] };
  for (const members of groups.values()) {
    const chosen =
      members[Math.max(0, medianMember(members.map((i) => (Number.isFinite(losses[i]) ? losses[i] : Infinity))))];
    out.keys.push(keys[chosen]);
    out.curves.push(curves[chosen]);
    out.bands.push(members.length > 1 ? { ...curveBand(members.map((i) => curves[i])), seeds: members.length } : null);
    out.members.push(chosen);
  }
  return out;
}
