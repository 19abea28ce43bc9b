// The numerics behind the classroom features: which curves coincide (checked on real runs of the
// paper's presets), where a run diverged, the range a plot keeps when one series runs away, and the
// ceiling of cond(S).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import { findPreset } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';
import { coincidences, type CoincidenceSeries } from '../../src/engine/views/coincidence';
import { divergenceOf } from '../../src/engine/views/divergence';
import { extentOf, robustRange } from '../../src/engine/views/robustRange';
import { conditionCap, isCappedCondition } from '../../src/engine/views/condCap';
import { conditionNumber } from '../../src/engine/linalg';
import { curveRange, lossClip, stalledSince, trackNotesView } from '../../src/engine/views';
import { blankRecord } from '../../src/engine/records';

function seriesOf(scenario: Scenario): CoincidenceSeries[] {
  const run = runToEnd(scenario);
  return run.tracks.map((t) => {
    const { records } = run.status(t.key);
    return { key: t.key, count: records.length, loss: records.map((r) => r.loss), theta: (i) => records[i].theta };
  });
}

describe('coinciding curves', () => {
  it('Newton and NGD take identical steps on a linear model; GD is apart', () => {
    const found = coincidences(seriesOf(findPreset('newton-linear')!.scenario));
    expect(found).toEqual([{ first: 'newton', second: 'ngd', difference: 0, identical: true }]);
  });

  it('GD and NGD on an orthonormal basis overlap on screen but are not bit-identical (Tikhonov term of the solve)', () => {
    const [found] = coincidences(seriesOf(findPreset('orthonormal-gd')!.scenario));
    expect(found.first).toBe('gd');
    expect(found.second).toBe('ngd');
    expect(found.identical).toBe(false);
    expect(found.difference).toBeGreaterThan(1e-12);
    expect(found.difference).toBeLessThan(1e-3);
  });

  it('GD and NGD under a biased parametrisation do not coincide', () => {
    expect(coincidences(seriesOf(findPreset('parametrisation-bias')!.scenario))).toEqual([]);
  });
});

describe('divergence', () => {
  it('GD with α = 5 on the linear toy diverges: first k beyond 1e8 × L₀, latest loss reported', () => {
    const scenario = structuredClone(findPreset('parametrisation-bias')!.scenario);
    scenario.optimizers[0].alpha = 5;
    scenario.run.iterations = 40;
    const run = runToEnd(scenario);
    const { records, stopReason } = run.status('gd');
    const ks = records.map((r) => r.k);
    const losses = records.map((r) => r.loss);
    const found = divergenceOf(ks, losses, records.length, stopReason);
    expect(found).not.toBeNull();
    const first = records.findIndex((r) => r.loss > 1e8 * records[0].loss);
    expect(found!.k).toBe(records[first].k);
    expect(found!.loss).toBe(losses[losses.length - 1]);
    const ngd = run.status('ngd').records;
    expect(
      divergenceOf(
        ngd.map((r) => r.k),
        ngd.map((r) => r.loss),
        ngd.length,
      ),
    ).toBeNull();
  });

  it('reads the engine stop reason of a non-finite loss', () => {
    expect(divergenceOf([0], [1], 1, 'diverged at k = 37: L = Infinity')).toEqual({ k: 37, loss: Infinity });
    // The first k beyond the threshold, with the loss the engine stopped at.
    expect(divergenceOf([0, 1, 2], [1, 10, 1e9], 3, 'diverged at k = 3: L = Infinity')).toEqual({
      k: 2,
      loss: Infinity,
    });
    expect(divergenceOf([0, 1], [1, 0.5], 2, 'Armijo failed')).toBeNull();
  });
});

describe('robust range', () => {
  it('clips a series that runs to ±2e60 and keeps the others and the target', () => {
    const target = extentOf([-1, 0.5, 1]);
    const ngd = extentOf([-0.9, 1.1]);
    const gd = extentOf([-2e60, 3, 2e60]);
    const range = robustRange([target, ngd, gd], { keep: [true, false, false] })!;
    expect(range.clipped).toEqual([false, false, true]);
    expect(range.lo).toBeGreaterThan(-1.5);
    expect(range.hi).toBeLessThan(1.5);
    expect(range.lo).toBeLessThanOrEqual(-1);
    expect(range.hi).toBeGreaterThanOrEqual(1.1);
  });

  it('on a log axis clips growth only: a method converging far lower is not an outlier', () => {
    const fast = extentOf([3, 1e-30], true);
    const slow = extentOf([3, 1e-2], true);
    const diverged = extentOf([3, 1e120], true);
    const range = robustRange([fast, slow, diverged], { log: true })!;
    expect(range.clipped).toEqual([false, false, true]);
    expect(range.lo).toBeCloseTo(1e-30, 40);
    expect(Math.log10(range.hi)).toBeCloseTo(Math.log10(30), 6);
    expect(robustRange([fast, slow], { log: true })!.clipped).toEqual([false, false]);
  });

  it('without an outlier the range is the union', () => {
    const range = robustRange([extentOf([0, 1]), extentOf([0.5, 2])])!;
    expect(range).toEqual({ lo: 0, hi: 2, clipped: [false, false] });
    expect(robustRange([null, null])).toBeNull();
  });
});

describe('cond(S) ceiling', () => {
  it('a singular matrix reports exactly the ceiling; a well-conditioned one does not', () => {
    const p = 3;
    const singular = Float64Array.from([1, 1, 0, 1, 1, 0, 0, 0, 2]);
    const cond = conditionNumber(singular, p);
    expect(isCappedCondition(cond, p)).toBe(true);
    expect(cond).toBeCloseTo(conditionCap(p), -2);
    expect(isCappedCondition(conditionNumber(Float64Array.from([2, 0, 0, 0, 1, 0, 0, 0, 4]), p), p)).toBe(false);
  });
});

describe('the worker views of the classroom features', () => {
  function notedTracks(scenario: Scenario) {
    const run = runToEnd(scenario);
    return run.tracks.map((t) => ({ ...run.status(t.key), key: t.key }));
  }

  it('trackNotesView: Newton ≡ NGD, a diverged GD, and NHGD stalled at the local minimum', () => {
    expect(trackNotesView(notedTracks(findPreset('newton-linear')!.scenario)).coincidences).toEqual([
      { first: 'newton', second: 'ngd', difference: 0, identical: true },
    ]);
    const diverging = structuredClone(findPreset('parametrisation-bias')!.scenario);
    diverging.optimizers[0].alpha = 5;
    diverging.run.iterations = 40;
    const tracks = notedTracks(diverging);
    const notes = trackNotesView(tracks);
    const gd = tracks.find((t) => t.key === 'gd')!.records;
    expect(notes.divergences.gd.k).toBe(gd[gd.findIndex((r) => r.loss > 1e8 * gd[0].loss)].k);
    expect(notes.divergences.ngd).toBeUndefined();
    const local = trackNotesView(notedTracks(findPreset('local-minimum')!.scenario));
    const nhgd = notedTracks(findPreset('local-minimum')!.scenario).find((t) => t.key === 'nhgd')!.records;
    const since = local.stalledSince.nhgd;
    expect(since).toBeGreaterThan(0);
    // From `since` on the loss no longer moves (relative 1e-9), the iteration before it still did.
    const final = nhgd[nhgd.length - 1].loss;
    expect(final).toBeCloseTo(5 / 72, 6);
    for (const r of nhgd.filter((r) => r.k >= since))
      expect(Math.abs(r.loss - final)).toBeLessThanOrEqual(1e-9 * final);
    expect(Math.abs(nhgd[since - 1].loss - final)).toBeGreaterThan(1e-9 * final);
  });

  it('stalledSince needs a positive final loss held for at least five iterations', () => {
    const ks = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(stalledSince(ks, [4, 3, 2, 2, 2, 2, 2, 2], 8)).toBe(2);
    expect(stalledSince(ks, [4, 3, 2, 1, 2, 2, 2, 2], 8)).toBeNull();
    expect(stalledSince(ks, [4, 3, 0, 0, 0, 0, 0, 0], 8)).toBeNull();
  });

  it('curveRange keeps the target and the sound curves, clips a runaway one and marks where it leaves', () => {
    const target = Float64Array.from([-1, 0, 1]);
    const sound = Float64Array.from([-0.9, 0.1, 1.1]);
    const runaway = Float64Array.from([0.5, 2e60, -2e60]);
    const range = curveRange(target, [sound, runaway])!;
    expect(range.clipped).toEqual([false, true]);
    expect(range.lo).toBeLessThan(-1);
    expect(range.hi).toBeGreaterThan(1.1);
    expect(range.hi).toBeLessThan(1.5);
    expect(range.marks).toEqual([{ series: 1, index: 1, value: 2e60, above: true }]);
    expect(curveRange(target, [sound])!.marks).toEqual([]);
  });

  it('lossClip tops the axis about a decade above the sound tracks and marks the first record above it', () => {
    const records = (losses: number[]) => losses.map((loss, k) => blankRecord(k, loss));
    const clip = lossClip([records([3, 1, 1e-3]), records([3, 1e3, 1e60, 1e120])])!;
    expect(Math.log10(clip.top)).toBeCloseTo(Math.log10(30), 9);
    expect(clip.marks).toEqual([{ series: 1, index: 1, value: 1e3, above: true }]);
    expect(lossClip([records([3, 1]), records([3, 1e-30])])).toBeNull();
  });
});
