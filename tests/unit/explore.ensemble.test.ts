// Ensemble statistics (src/engine/views/ensemble.ts) against hand counts and d3's quantiles.
import { describe, expect, it } from 'vitest';
import { quantileSorted as d3Quantile } from 'd3';
import {
  curveBand,
  ensembleCurves,
  ensembleSummaries,
  median,
  medianMember,
  quantileOfSorted,
  type SeedRecords,
} from '../../src/engine/views/ensemble';

function track(optimizerId: string, loss: number[], time: number[], stopReason?: string): SeedRecords {
  const t: SeedRecords = { optimizerId, records: loss.map((l, k) => ({ k, loss: l, time: time[k] })) };
  if (stopReason !== undefined) t.stopReason = stopReason;
  return t;
}

describe('ensemble statistics', () => {
  it('quantiles interpolate as d3.quantileSorted does (R type 7)', () => {
    const values = [0.3, -2, 7, 1e-3, 4, 4, 11, -0.5].sort((a, b) => a - b);
    for (const q of [0, 0.1, 0.25, 0.5, 0.9, 1])
      expect(quantileOfSorted(values, q)).toBeCloseTo(d3Quantile(values, q)!, 14);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('counts seeds that reached the tolerance, their median k and time, and the diverged ones (hand count)', () => {
    const tracks = [
      track('a', [1, 0.5, 0.05, 0.01], [0, 10, 20, 30]), // reaches at k = 2, 20 ms
      track('a', [1, 0.09], [0, 5]), // k = 1, 5 ms
      track('a', [1, NaN], [0, 1]), // diverged (NaN loss), never reached
      track('a', [1, 0.2, 0.1], [0, 1, 2]), // k = 2 (≤ is reached), 2 ms
      track('b', [3, 2, 1e12], [0, 1, 2], 'diverged: loss above 1e10'), // diverged by its reason
    ];
    const [a, b] = ensembleSummaries(tracks, 0.1);
    expect(a).toEqual({ optimizerId: 'a', seeds: 4, reached: 3, medianK: 2, medianTimeMs: 5, diverged: 1 });
    expect(b.optimizerId).toBe('b');
    expect(b.seeds).toBe(1);
    expect(b.reached).toBe(0);
    expect(b.diverged).toBe(1);
    expect(Number.isNaN(b.medianK)).toBe(true);
  });

  it('the median member is the lower median; diverged (infinite) runs rank last', () => {
    expect(medianMember([0.3, 0.1, 0.2])).toBe(2);
    expect(medianMember([0.3, 0.1, 0.2, 0.4])).toBe(2);
    expect(medianMember([Infinity, Infinity, 0.5])).toBe(0);
    expect(medianMember([NaN, NaN])).toBe(-1);
  });

  it('the band holds the pointwise 10 % and 90 % quantiles', () => {
    const curves = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => [s, -s, s === 3 ? NaN : 2 * s]);
    const { lo, hi } = curveBand(curves);
    expect([...lo].map((x) => Number(x.toFixed(12)))).toEqual([
      1,
      -9,
      d3Quantile([0, 2, 4, 8, 10, 12, 14, 16, 18, 20], 0.1),
    ]);
    expect([...hi].map((x) => Number(x.toFixed(12)))).toEqual([
      9,
      -1,
      d3Quantile([0, 2, 4, 8, 10, 12, 14, 16, 18, 20], 0.9),
    ]);
  });
});

describe('ensemble curves', () => {
  it('keeps the median-loss member of each optimizer and the band over all of its members', () => {
    const curves = [
      [1, 1],
      [3, 3],
      [2, 2],
      [9, 9],
    ].map((c) => Float64Array.from(c));
    const out = ensembleCurves(['a#0', 'a#1', 'a#2', 'b'], ['a', 'a', 'a', 'b'], [0.5, Infinity, 0.1, 7], curves);
    // Losses of a: 0.5, ∞ (diverged), 0.1 → the median is 0.5 (member 0).
    expect(out.keys).toEqual(['a#0', 'b']);
    expect(out.members).toEqual([0, 3]);
    expect([...out.curves[0]]).toEqual([1, 1]);
    expect([...out.bands[0]!.lo].map((x) => Number(x.toFixed(12)))).toEqual([1.2, 1.2]);
    expect([...out.bands[0]!.hi].map((x) => Number(x.toFixed(12)))).toEqual([2.8, 2.8]);
    expect(out.bands[0]!.seeds).toBe(3);
    expect(out.bands[1]).toBeNull();
  });
});
