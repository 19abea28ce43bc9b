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
import { findPreset } from '../../src/engine/scenario/presets';
import { runToEnd } from '../../src/engine/run';
import { ensembleApproximation, ensembleStatus } from '../../workers/ensembleView';

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

describe('the worker views of an ensemble', () => {
  const scenario = structuredClone(findPreset('sine-mlp')!.scenario);
  scenario.run = { iterations: 30, seeds: 3 };
  const run = runToEnd(scenario);

  it('the status counts, per optimizer, the seeds whose recorded loss reached the tolerance', () => {
    const losses = run.tracks.map((t) => run.status(t.key).records.map((r) => r.loss));
    const all = losses.flat().sort((a, b) => a - b);
    const tolerance = all[Math.floor(all.length / 2)];
    const { view } = ensembleStatus(run, tolerance);
    expect(view.tolerance).toBe(tolerance);
    expect(view.summaries.map((s) => s.optimizerId)).toEqual(scenario.optimizers.map((o) => o.id));
    for (const summary of view.summaries) {
      const mine = run.tracks
        .map((t, i) => (t.optimizerId === summary.optimizerId ? losses[i] : null))
        .filter((l) => l !== null);
      expect(summary.seeds).toBe(3);
      expect(summary.reached).toBe(mine.filter((l) => l.some((v) => v <= tolerance)).length);
    }
  });

  it('the approximation keeps one curve per optimizer, the median-loss seed, with a band over the seeds', () => {
    const ks = run.tracks.map((t) => run.status(t.key).records.length - 1);
    const curves = run.tracks.map((_, i) => Float64Array.of(i, 2 * i));
    const view = {
      kind: 'curve',
      x: Float64Array.of(0, 1),
      target: null,
      targetLabel: '',
      curves,
      samples: null,
      residual: null,
      range: null,
    } as const;
    const reduced = ensembleApproximation(run, { keys: run.tracks.map((t) => t.key), ks, view: { ...view, curves } });
    expect(reduced.keys.length).toBe(scenario.optimizers.length);
    if (reduced.view.kind !== 'curve') throw new Error('not a curve view');
    for (const [g, key] of reduced.keys.entries()) {
      const track = run.tracks.find((t) => t.key === key)!;
      const seeds = run.tracks.filter((t) => t.optimizerId === track.optimizerId);
      const finals = seeds.map((t) => run.status(t.key).records.at(-1)!.loss);
      // The kept seed's final loss is the lower median of its optimizer's seeds.
      expect(run.status(key).records.at(-1)!.loss).toBe([...finals].sort((a, b) => a - b)[1]);
      expect(reduced.view.bands?.[g]?.seeds).toBe(3);
    }
  });
});
