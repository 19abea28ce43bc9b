// The worker's answer to a pick on the exact function-space plot (workers/pickStart.ts): the parameters of
// the current run's model whose coefficients are the picked point; nothing outside exact spaces.
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../src/engine/scenario/presets';
import { runToEnd } from '../../src/engine/run';
import { startNearCoefficients } from '../../workers/pickStart';

const presetRun = (key: string, iterations: number) => runToEnd(structuredClone(findPreset(key)!.scenario), iterations);

describe('startNearCoefficients', () => {
  it('solves Bᵀθ = c on the linear toy of parametrisation-bias (B = diag(1, 0.2))', () => {
    const theta = startNearCoefficients(presetRun('parametrisation-bias', 5), [0.3, -0.1])!;
    expect(theta[0]).toBeCloseTo(0.3, 12);
    expect(theta[1]).toBeCloseTo(-0.5, 12);
  });

  it('lands on the curve toy where c(θ) is the picked point of M', () => {
    const run = presetRun('curved-manifold', 10);
    const problem = run.problem(run.tracks[0].key);
    const model = problem.bindModel({ d: 1, m: 0, x: new Float64Array(0), w: new Float64Array(0) });
    const onM = new Float64Array(2);
    model.values(
      Float64Array.from({ length: model.p }, (_, i) => 0.4 - 0.3 * i),
      onM,
    );
    const theta = startNearCoefficients(run, Array.from(onM))!;
    const reached = new Float64Array(2);
    model.values(Float64Array.from(theta), reached);
    expect(Math.hypot(reached[0] - onM[0], reached[1] - onM[1])).toBeLessThan(1e-10);
  });

  it('answers null without a run, in a sampled space, or for a point of the wrong dimension', () => {
    expect(startNearCoefficients(null, [0, 0])).toBeNull();
    expect(startNearCoefficients(presetRun('sine-mlp', 1), [0, 0])).toBeNull();
    expect(startNearCoefficients(presetRun('parametrisation-bias', 1), [0, 0, 0])).toBeNull();
    expect(startNearCoefficients(presetRun('parametrisation-bias', 1), [Number.NaN, 0])).toBeNull();
  });
});
