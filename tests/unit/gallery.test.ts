// The gallery's toy schematics: level sets are level sets of the loss, the manifold is the image of the
// model, every preset of the paper's story gets one and the others a group glyph.
import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { Rng } from '../../src/engine/random';
import { levelSet, symmetricEigen2, toySketch, type Point } from '../../src/engine/views/toySketch';

function quadratic(K: number[][], d: Point): number {
  return d[0] * (K[0][0] * d[0] + K[0][1] * d[1]) + d[1] * (K[1][0] * d[0] + K[1][1] * d[1]);
}

describe('symmetricEigen2', () => {
  it('K u = λ u with unit vectors, for random symmetric matrices', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 100; trial++) {
      const a = rng.uniform(-3, 3);
      const b = rng.uniform(-3, 3);
      const d = rng.uniform(-3, 3);
      const K = [
        [a, b],
        [b, d],
      ];
      const { values, vectors } = symmetricEigen2(K);
      for (let i = 0; i < 2; i++) {
        const [x, y] = vectors[i];
        expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
        expect(K[0][0] * x + K[0][1] * y).toBeCloseTo(values[i] * x, 10);
        expect(K[1][0] * x + K[1][1] * y).toBeCloseTo(values[i] * y, 10);
      }
      expect(values[0] + values[1]).toBeCloseTo(a + d, 10);
      expect(values[0] * values[1]).toBeCloseTo(a * d - b * b, 9);
    }
  });
});

describe('levelSet', () => {
  it('every point has (c − c_u)ᵀ K (c − c_u) = r²', () => {
    const K = [
      [4, 1],
      [1, 2],
    ];
    const center: Point = [0.3, -0.2];
    for (const r of [0.1, 1, 2.5]) {
      for (const [x, y] of levelSet(center, K, r)) {
        expect(quadratic(K, [x - center[0], y - center[1]])).toBeCloseTo(r * r, 10);
      }
    }
  });
});

describe('toySketch of the presets', () => {
  const paper = SCENARIO_PRESETS.filter((p) => p.group === 'paper');

  it('every preset of the paper has a sketch whose start is c(θ₀) and whose box holds start and target', () => {
    expect(paper.length).toBe(8); // the seven toy lessons and the twisted loss
    for (const preset of paper) {
      const sketch = toySketch(preset.scenario);
      expect(sketch, preset.key).not.toBeNull();
      const s = sketch!;
      const { model, init, problem } = preset.scenario;
      if (model.kind !== 'toy' || !('theta0' in init) || problem.target?.kind !== 'coefficients')
        throw new Error('not a toy');
      const theta = init.theta0;
      let expected: Point;
      if (model.name === 'curve') {
        // c(θ) = s (θ b + a θ² b⊥), φ = 0: b = (1, 0), b⊥ = (0, 1) (docs/ALGORITHMS.md §7).
        const { a = 3, s: scale = 0.1, phi_deg = 0 } = model.params ?? {};
        expect(phi_deg).toBe(0);
        expected = [scale * theta[0], scale * a * theta[0] ** 2];
      } else if (model.name === 'quadratic') {
        // Default B = diag(1, 0.2), Q[0][1][0] = 0.5, Q[1][0][1] = −0.3.
        expected = [theta[0] + theta[1] * -0.3 * theta[1], 0.2 * theta[1] + theta[0] * 0.5 * theta[0]];
      } else {
        const B = model.params?.B ?? [
          [1, 0],
          [0, 0.2],
        ];
        expected = [theta[0] * B[0][0] + theta[1] * B[1][0], theta[0] * B[0][1] + theta[1] * B[1][1]];
      }
      expect(s.start[0]).toBeCloseTo(expected[0], 12);
      expect(s.start[1]).toBeCloseTo(expected[1], 12);
      expect(s.target).toEqual(problem.target.c);
      for (const point of [s.start, s.target]) {
        expect(point[0]).toBeGreaterThan(s.box[0][0]);
        expect(point[0]).toBeLessThan(s.box[0][1]);
        expect(point[1]).toBeGreaterThan(s.box[1][0]);
        expect(point[1]).toBeLessThan(s.box[1][1]);
      }
      // The outermost level set passes through the start.
      // A twisted loss is sketched by its quadratic part (toySketch.ts).
      const K =
        (problem.loss.kind === 'l2' || problem.loss.kind === 'twisted') && problem.loss.K
          ? problem.loss.K
          : [
              [1, 0],
              [0, 1],
            ];
      const outer = s.levels[s.levels.length - 1];
      const rStart2 = quadratic(K, [s.start[0] - s.target[0], s.start[1] - s.target[1]]);
      expect(quadratic(K, [outer[0][0] - s.target[0], outer[0][1] - s.target[1]])).toBeCloseTo(rStart2, 10);
      expect(s.manifold.length).toBe(model.name === 'curve' ? 1 : 10);
    }
  });

  it('the curve toy draws the parabola c₂ = a c₁² / s', () => {
    const preset = paper.find((p) => p.key === 'local-minimum')!;
    const sketch = toySketch(preset.scenario)!;
    for (const [x, y] of sketch.manifold[0]) expect(y).toBeCloseTo((3 * x * x) / 0.1, 10);
  });

  it('presets that are not exact-space toys get no sketch (a group glyph instead)', () => {
    for (const preset of SCENARIO_PRESETS.filter((p) => p.group !== 'paper'))
      expect(toySketch(preset.scenario), preset.key).toBeNull();
  });
});
