import { describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/engine/problems/build';
import { QuadraticFormLoss } from '../../src/engine/problems/losses';
import { TwistedLoss, lossOnCoefficientGrid } from '../../src/engine/problems/twisted';
import { validateScenario } from '../../src/engine/scenario/validate';
import type { Scenario } from '../../src/engine/scenario/types';

const K = Float64Array.from([3, 0.5, 0.5, 1]);
const target = Float64Array.from([0.3, -0.7]);

/** f(e) from its definition, independently of the class: e + ω‖e‖² R_φ e. */
function twist(e: [number, number], omega: number, phiDeg: number): [number, number] {
  const phi = (phiDeg * Math.PI) / 180;
  const r2 = e[0] * e[0] + e[1] * e[1];
  return [
    e[0] + omega * r2 * (Math.cos(phi) * e[0] - Math.sin(phi) * e[1]),
    e[1] + omega * r2 * (Math.sin(phi) * e[0] + Math.cos(phi) * e[1]),
  ];
}

function referenceLoss(c: Float64Array, omega: number, phiDeg: number): number {
  const f = twist([target[0] - c[0], target[1] - c[1]], omega, phiDeg);
  return 0.5 * (f[0] * (K[0] * f[0] + K[1] * f[1]) + f[1] * (K[2] * f[0] + K[3] * f[1]));
}

const CASES: [number, number][] = [
  [1, 0],
  [1, 140],
  [2.5, -75],
  [0.3, 180],
];
const POINTS = [
  [0.9, 0.4],
  [-1.2, 0.1],
  [0.31, -0.69],
  [2, -2],
];

describe('twisted loss', () => {
  it.each(CASES)(
    'ω = %s, φ = %s°: value from the definition, gradient and Hessian by central differences',
    (omega, phiDeg) => {
      const loss = new TwistedLoss(target, K, { omega, phiDeg });
      const g = new Float64Array(2);
      const gPlus = new Float64Array(2);
      const gMinus = new Float64Array(2);
      for (const point of POINTS) {
        const c = Float64Array.from(point);
        const value = loss.evaluate(c, g);
        expect(value).toBeCloseTo(referenceLoss(c, omega, phiDeg), 12);
        const H = Float64Array.from((loss.hessian(c) as { kind: 'dense'; H: Float64Array }).H);
        const scale = 1 + Math.abs(value);
        for (let j = 0; j < 2; j++) {
          const h = 1e-5;
          const plus = Float64Array.from(c);
          const minus = Float64Array.from(c);
          plus[j] += h;
          minus[j] -= h;
          const fdGradient = (referenceLoss(plus, omega, phiDeg) - referenceLoss(minus, omega, phiDeg)) / (2 * h);
          expect(Math.abs(g[j] - fdGradient)).toBeLessThan(1e-7 * scale);
          loss.evaluate(plus, gPlus);
          loss.evaluate(minus, gMinus);
          for (let i = 0; i < 2; i++) {
            const fdHessian = (gPlus[i] - gMinus[i]) / (2 * h);
            expect(Math.abs(H[i * 2 + j] - fdHessian)).toBeLessThan(1e-6 * scale);
          }
        }
        expect(H[1]).toBe(H[2]);
      }
    },
  );

  it('is the quadratic-form loss when ω = 0, and at the target: H = K, g = 0', () => {
    const twisted = new TwistedLoss(target, K, { omega: 0, phiDeg: 33 });
    const quadratic = new QuadraticFormLoss(target, K);
    const c = Float64Array.from([1.5, 2]);
    const g1 = new Float64Array(2);
    const g2 = new Float64Array(2);
    expect(twisted.evaluate(c, g1)).toBeCloseTo(quadratic.evaluate(c, g2), 14);
    expect(Array.from(g1)).toEqual(Array.from(g2).map((x) => expect.closeTo(x, 14)));
    const atTarget = new TwistedLoss(target, K, { omega: 2, phiDeg: 60 });
    expect(atTarget.evaluate(target, g1)).toBe(0);
    expect(Array.from(g1)).toEqual([-0, -0].map(() => expect.closeTo(0, 15)));
    const H = (atTarget.hessian(target) as { kind: 'dense'; H: Float64Array }).H;
    expect(Array.from(H)).toEqual(Array.from(K).map((x) => expect.closeTo(x, 14)));
  });

  it('is indefinite on the concave ring when φ is near 180° (the exact Hessian, not Gauss–Newton)', () => {
    const identity = Float64Array.from([1, 0, 0, 1]);
    const zero = new Float64Array(2);
    const loss = new TwistedLoss(zero, identity, { omega: 1, phiDeg: 180 });
    // radially 𝓛(r) = ½ r²(1 − r²)², whose second derivative 1 − 12r² + 15r⁴ is negative at r² = 0.4
    const r = Math.sqrt(0.4);
    const H = (loss.hessian(Float64Array.from([r, 0])) as { kind: 'dense'; H: Float64Array }).H;
    expect(H[0]).toBeCloseTo(1 - 12 * 0.4 + 15 * 0.16, 12);
    expect(H[0]).toBeLessThan(0);
  });

  it('evaluates on a coefficient grid row by row', () => {
    const loss = new TwistedLoss(target, K, { omega: 1.5, phiDeg: 120 });
    const gx = Float64Array.from([-1, 0, 2]);
    const gy = Float64Array.from([0.5, -3]);
    const values = lossOnCoefficientGrid(loss, gx, gy);
    expect(values.length).toBe(6);
    for (let j = 0; j < 2; j++) {
      for (let i = 0; i < 3; i++) {
        expect(values[j * 3 + i]).toBeCloseTo(referenceLoss(Float64Array.from([gx[i], gy[j]]), 1.5, 120), 12);
      }
    }
  });
});

describe('twisted loss in scenarios', () => {
  const scenario = (loss: unknown): unknown => ({
    version: 1,
    problem: { space: 'exact', domain: [[-1, 1]], target: { kind: 'coefficients', c: [0.3, -0.7] }, loss },
    model: {
      kind: 'toy',
      name: 'linear',
      params: {
        B: [
          [1, 0],
          [0, 1],
        ],
      },
    },
    init: { theta0: [1, 1] },
    optimizers: [{ id: 'nhgd', preconditioner: 'loss-hessian' }],
    run: { iterations: 5 },
  });

  it('validates omega, phi_deg and K and builds an objective whose loss is the twisted one', () => {
    const result = validateScenario(
      scenario({
        kind: 'twisted',
        omega: 2,
        phi_deg: 45,
        K: [
          [3, 0.5],
          [0.5, 1],
        ],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const built = buildProblem(result.scenario as Scenario);
    const theta = Float64Array.from([1, 1]);
    const expected = new TwistedLoss(target, K, { omega: 2, phiDeg: 45 }).evaluate(theta, null);
    expect(built.objective.loss(theta)).toBe(expected);
    expect(built.exactSpace?.loss.evaluate(theta, null)).toBe(expected);
  });

  it('rejects a negative omega, a non-number phi_deg and a sampled space, naming the field', () => {
    const bad = validateScenario(scenario({ kind: 'twisted', omega: -1, phi_deg: 'x' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(['problem.loss.omega', 'problem.loss.phi_deg']);
    const sampled = {
      ...(scenario({ kind: 'twisted' }) as object),
      problem: {
        space: 'sampled',
        domain: [[0, 1]],
        target: { kind: 'expression', expr: 'x' },
        loss: { kind: 'twisted' },
      },
    };
    const rejected = validateScenario(sampled);
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(rejected.errors.some((e) => e.path === 'problem.loss.kind')).toBe(true);
  });
});
