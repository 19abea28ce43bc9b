// The reduced-order model in the scenario format and the run: validation's messages, the offline stage
// computed once (stepped in slices it gives the same decoder bit for bit), the fitted start, the recorded
// error, the cost model, and the views (samples with their values, the linear ROM's fit).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import { validateScenario, formatFieldError } from '../../src/engine/scenario/validate';
import { ROM_SCENARIO } from '../../src/engine/scenario/presets/rom';
import { estimateCost } from '../../src/engine/scenario/cost';
import type { Scenario } from '../../src/engine/scenario/types';
import { clearOfflineCache, offlineRom, pendingOfflineStage } from '../../src/engine/rom/cache';
import { romConfigOf } from '../../src/engine/rom/config';
import { OfflineStage, buildOfflineRom } from '../../src/engine/rom/offline';
import { onlineProblem, samplePointIndices } from '../../src/engine/rom/online';
import { buildProblem } from '../../src/engine/problems/build';
import { approximationView } from '../../src/engine/views/approximation';
import { viewProblemOf } from '../../src/engine/views/problem';

/** The preset's scenario with a small offline stage (the properties hold for any decoder). */
function small(changes: (s: Scenario) => void = () => undefined): Scenario {
  const s = structuredClone(ROM_SCENARIO);
  s.model = {
    kind: 'rom',
    variant: 'nonlinear',
    modes: 4,
    total_modes: 12,
    grid: 128,
    snapshots: 60,
    width: 12,
    training: 40,
    seed: 7,
  };
  s.run.iterations = 30;
  changes(s);
  return s;
}

function errorsOf(s: unknown): string[] {
  const result = validateScenario(s);
  return result.ok ? [] : result.errors.map(formatFieldError);
}

describe('rom models and kdv targets in the scenario format', () => {
  it('accepts the preset and its small variant', () => {
    expect(errorsOf(ROM_SCENARIO)).toEqual([]);
    expect(errorsOf(small())).toEqual([]);
  });

  it('names the field of each inconsistency', () => {
    expect(errorsOf(small((s) => (s.model = { kind: 'mlp', layers: [1, 4, 1], activation: 'tanh' })))).toContain(
      "model.kind: the KdV state is reconstructed by a rom model, got 'mlp'",
    );
    expect(errorsOf(small((s) => (s.problem.domain = [[-3, 3]])))[0]).toMatch(
      /^problem\.domain: the KdV state lives on \[−π, π\)/,
    );
    expect(errorsOf(small((s) => (s.problem.loss = { kind: 'h1' })))).toContain(
      "problem.loss.kind: the KdV state is fitted with the l2 loss at its samples, got 'h1'",
    );
    expect(
      errorsOf(
        small((s) => {
          if (s.model.kind === 'rom') s.model.total_modes = 4;
        }),
      ),
    ).toContain('model.total_modes: must exceed the modes n = 4 (the decoder predicts the N − n after them), got 4');
    expect(
      errorsOf(
        small((s) => {
          if (s.problem.target?.kind === 'kdv') s.problem.target.samples = 129;
        }),
      ),
    ).toContain("problem.target.samples: must be at most the model's 128 grid points, got 129");
    expect(
      errorsOf(
        small((s) => {
          if (s.model.kind === 'rom') s.model.snapshots = 10;
        }),
      ),
    ).toContain('model.snapshots: must be at least the 12 modes asked of the POD, got 10');
    const fitOnMlp = structuredClone(ROM_SCENARIO) as unknown as Record<string, unknown>;
    const sine = validateScenario({
      ...(fitOnMlp as object),
      problem: {
        space: 'sampled',
        domain: [[0, 1]],
        target: { kind: 'expression', expr: 'x' },
        loss: { kind: 'l2' },
        quadrature: { kind: 'grid', m: 10 },
      },
      model: { kind: 'mlp', layers: [1, 3, 1], activation: 'tanh' },
    });
    expect(sine.ok ? [] : sine.errors.map(formatFieldError)).toContain(
      'init.fit: a fitted start needs a rom model (its linear least-squares fit), got a mlp model',
    );
  });

  it('drops a quadrature (the samples are the points) and keeps omitted fields omitted', () => {
    const result = validateScenario({
      ...small(),
      problem: { ...small().problem, quadrature: { kind: 'grid', m: 50 } },
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scenario.problem.quadrature).toBeUndefined();
  });

  it('costs the offline stage and refuses one far beyond the browser budget, naming model.training', () => {
    const preset = estimateCost(ROM_SCENARIO);
    if ('error' in preset) throw new Error('no estimate');
    expect(preset.offlineSeconds).toBeGreaterThan(5);
    expect(preset.offlineSeconds).toBeLessThan(180);
    const huge = small((s) => {
      if (s.model.kind === 'rom')
        Object.assign(s.model, { grid: 512, snapshots: 1000, width: 256, training: 10_000, total_modes: 64 });
    });
    const errors = errorsOf(huge);
    expect(
      errors.some((e) =>
        e.startsWith('model.training: the offline stage (snapshots, POD, decoder training) would take about'),
      ),
    ).toBe(true);
    expect(validateScenario(huge, { allowLarge: true }).ok).toBe(true);
  });
});

describe('the offline stage', () => {
  const spec = small().model;
  if (spec.kind !== 'rom') throw new Error('not rom');
  const config = romConfigOf(spec);

  it('stepped in slices gives the decoder of one go, bit for bit, with progress up to the total', () => {
    const whole = buildOfflineRom(config);
    const stage = new OfflineStage(config);
    const seen: number[] = [];
    while (!stage.finished) {
      stage.advance(-Infinity); // one unit per call
      seen.push(stage.progress.done);
    }
    expect(seen[0]).toBe(1);
    expect(seen[seen.length - 1]).toBe(stage.progress.total);
    expect(stage.progress.total).toBe(1 + config.decoder.iterations);
    expect(Array.from(stage.result().decoder!.weights)).toEqual(Array.from(whole.decoder!.weights));
  });

  it('is computed once per configuration and shared by every track of a run', () => {
    clearOfflineCache();
    const s = small();
    expect(pendingOfflineStage(s)).not.toBeNull();
    const rom = offlineRom(config);
    expect(pendingOfflineStage(s)).toBeNull();
    const run = runToEnd(s);
    for (const track of run.tracks) {
      // every track's model samples the cached basis: the same objects
      expect(run.problem(track.key).rom).toBeDefined();
    }
    expect(offlineRom(config)).toBe(rom);
  });
});

describe('a run of the ROM problem', () => {
  const s = small();
  const run = runToEnd(s);
  const spec = s.model;
  if (spec.kind !== 'rom' || s.problem.target?.kind !== 'kdv') throw new Error('not rom');
  const rom = offlineRom(romConfigOf(spec));
  const target = s.problem.target;
  const online = onlineProblem(
    rom,
    { amplitude: 24, position: -1 },
    samplePointIndices(rom.grid.n, target.samples!, target.seed!),
  );

  it('starts every track from the linear least-squares fit and records the relative error on the grid', () => {
    for (const track of run.tracks) {
      const first = run.status(track.key).records[0];
      expect(Array.from(first.theta!)).toEqual(Array.from(online.theta0));
      const v = new Float64Array(rom.grid.n);
      online.fullModel.values(first.theta!, v);
      expect(first.relError).toBeCloseTo(online.relativeError(v), 12);
    }
  });

  it('lowers the error with NGD from the nonlinear ROM at θ₀', () => {
    const ngd = run.status('ngd').records;
    expect(ngd[ngd.length - 1].relError).toBeLessThan(0.7 * ngd[0].relError);
  });

  it('gives the approximation view the samples, their observed values and the linear ROM fit', () => {
    const problem = viewProblemOf(s);
    const view = approximationView(problem, [online.theta0]);
    if (view.kind !== 'curve') throw new Error(view.kind);
    expect(view.samples?.length).toBe(20);
    const observed = view.observations!;
    for (let i = 0; i < observed.length; i++) expect(observed[i]).toBeCloseTo(online.truth[online.indices[i]], 12);
    expect(view.reference?.label).toMatch(/^linear ROM, least squares \(\d+\.\d % error\)$/);
    // On grid points the interpolated linear fit is the linear ROM itself.
    const built = buildProblem(s);
    const atGrid = { d: 1, m: 3, x: Float64Array.from([0, 5, 77], (i) => rom.grid.x[i]), w: new Float64Array(3) };
    const linear = new Float64Array(rom.grid.n);
    online.linearModel.values(online.theta0, linear);
    const fit = built.rom!.linearFit(atGrid);
    [0, 5, 77].forEach((i, j) => expect(fit[j]).toBeCloseTo(linear[i], 9));
  });
});
