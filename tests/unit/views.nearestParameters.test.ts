// The start a click on the exact function-space plot sets (src/engine/views/nearestParameters.ts): the exact
// solve of Bᵀθ = c* for the linear toy, and on curved toys the nearest point of M, checked by its first-order
// condition and against a brute-force search over a fine parameter grid.

import { describe, expect, it } from 'vitest';
import { createToyModel } from '../../src/engine/models/toy';
import type { Model } from '../../src/engine/models/model';
import { nearestParameters } from '../../src/engine/views/nearestParameters';

function distance(model: Model, theta: ArrayLike<number>, cStar: readonly number[]): number {
  const c = new Float64Array(model.m);
  model.values(Float64Array.from(theta), c);
  return Math.hypot(c[0] - cStar[0], c[1] - cStar[1]);
}

/**
 * ‖Jᵀ(c(θ) − c*)‖ / (‖J‖_F ‖c(θ) − c*‖): the cosine between the residual and the tangent space, zero at a
 * nearest point (relative, since a distance evaluated in floating point resolves the gradient only so far).
 */
function tangentCosine(model: Model, theta: Float64Array, cStar: readonly number[]): number {
  const c = new Float64Array(model.m);
  const J = new Float64Array(model.m * model.p);
  model.jacobian(theta, c, J);
  const r = [c[0] - cStar[0], c[1] - cStar[1]];
  const g = Array.from({ length: model.p }, (_, k) => J[k] * r[0] + J[model.p + k] * r[1]);
  return Math.hypot(...g) / (Math.hypot(...J) * Math.hypot(...r));
}

/** The smallest ‖c(θ) − c*‖ over a grid of θ in [−lim, lim]^p (n points per side). */
function bruteForce(model: Model, cStar: readonly number[], lim: number, n: number): number {
  let best = Infinity;
  const at = (i: number) => -lim + (2 * lim * i) / (n - 1);
  for (let i = 0; i < n; i++) {
    if (model.p === 1) best = Math.min(best, distance(model, [at(i)], cStar));
    else for (let j = 0; j < n; j++) best = Math.min(best, distance(model, [at(i), at(j)], cStar));
  }
  return best;
}

/** A coarse grid of candidate starts (what the worker passes: the run's iterates play this part). */
function coarseStarts(p: number): Float64Array[] {
  const values = [-3, -1.5, 0, 1.5, 3];
  return p === 1
    ? values.map((t) => Float64Array.of(t))
    : values.flatMap((a) => values.map((b) => Float64Array.of(a, b)));
}

const PICKS: readonly (readonly number[])[] = [
  [0.7, -0.3],
  [-1.2, 0.45],
  [0.05, 0.9],
  [2.5, 0.1],
  [-0.4, -0.6],
];

describe('nearestParameters', () => {
  it('solves Bᵀθ = c* exactly for the linear toy, from any start', () => {
    const B = [
      [1, 0.3],
      [-0.4, 0.2],
    ];
    const model = createToyModel('linear', { B });
    for (const cStar of PICKS) {
      const theta = nearestParameters(model, cStar, [Float64Array.of(5, -7)]);
      // Cramer's rule on Bᵀθ = c*: an independent solve.
      const det = B[0][0] * B[1][1] - B[1][0] * B[0][1];
      const expected = [
        (cStar[0] * B[1][1] - B[1][0] * cStar[1]) / det,
        (B[0][0] * cStar[1] - cStar[0] * B[0][1]) / det,
      ];
      expect(Math.abs(theta[0] - expected[0])).toBeLessThan(1e-12);
      expect(Math.abs(theta[1] - expected[1])).toBeLessThan(1e-12);
    }
  });

  it('finds the default linear toy start of a pick to 1e-12 (B = diag(1, 0.2))', () => {
    const model = createToyModel('linear');
    const theta = nearestParameters(model, [0.37, -0.11], [Float64Array.of(0.5, 0.5)]);
    expect(Math.abs(theta[0] - 0.37)).toBeLessThan(1e-12);
    expect(Math.abs(theta[1] - -0.55)).toBeLessThan(1e-12);
  });

  it('projects onto the range when B has rank 1 (the nearest reachable point)', () => {
    const model = createToyModel('linear', { B: [[1, 1], [2, 2]] }); // prettier-ignore
    const theta = nearestParameters(model, [1, 0], [Float64Array.of(0, 0)]);
    const c = new Float64Array(2);
    model.values(theta, c);
    expect(c[0]).toBeCloseTo(0.5, 12);
    expect(c[1]).toBeCloseTo(0.5, 12);
  });

  for (const name of ['quadratic', 'curve'] as const) {
    it(`on the ${name} toy, c(θ*) is the nearest point of M: first-order condition and brute force agree`, () => {
      const model = createToyModel(name);
      const lim = 4;
      const n = model.p === 1 ? 40001 : 801;
      const gridStep = (2 * lim) / (n - 1);
      let offManifold = 0;
      for (const cStar of PICKS) {
        const theta = nearestParameters(model, cStar, coarseStarts(model.p));
        const found = distance(model, theta, cStar);
        // c* on M: reached; off M: the residual is normal to M.
        if (found > 1e-12) {
          offManifold++;
          expect(tangentCosine(model, theta, cStar)).toBeLessThan(1e-7);
        }
        const searched = bruteForce(model, cStar, lim, n);
        // No grid point is nearer, and the nearest grid point is within a grid step's worth of c(θ*).
        expect(found).toBeLessThanOrEqual(searched + 1e-12);
        expect(searched - found).toBeLessThan(2 * gridStep);
      }
      expect(offManifold).toBeGreaterThan(0);
    });
  }

  it('stays on the branch of its start: the nearest candidate wins', () => {
    const model = createToyModel('curve'); // c(t) = 0.1 (t, 3t²): symmetric about t = 0
    const cStar = [0, 1.2];
    const right = nearestParameters(model, cStar, [Float64Array.of(1.5), Float64Array.of(-0.2)]);
    const left = nearestParameters(model, cStar, [Float64Array.of(-1.5), Float64Array.of(0.2)]);
    expect(right[0]).toBeGreaterThan(1);
    expect(left[0]).toBeCloseTo(-right[0], 10);
  });

  it('rejects a pick of the wrong dimension', () => {
    expect(() => nearestParameters(createToyModel('linear'), [1], [Float64Array.of(0, 0)])).toThrow(/2 coefficients/);
  });
});
