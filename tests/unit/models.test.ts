// Models: exact Jacobians, Hessian terms and x-derivatives against central finite differences (the truth),
// parameter order against hand computations, and seeded initialisation.
import { describe, expect, it } from 'vitest';
import {
  createModel,
  parameterCount,
  parameterNames,
  initialTheta,
  basisValues,
  hasDerivatives,
  checkExpressionModel,
  type Model,
  type PointSet,
  type DerivativeBuffers,
} from '../../src/engine/models';
import type { Activation, BasisKind, Domain, ModelSpec } from '../../src/engine/scenario/types';
import { Rng } from '../../src/engine/random';

// ---------- finite-difference truth ----------

const FD_STEP = 1e-6;

function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let err = 0;
  for (let i = 0; i < expected.length; i++) err = Math.max(err, Math.abs(actual[i] - expected[i]));
  return err / scale;
}

function valuesAt(model: Model, theta: Float64Array): Float64Array {
  const v = new Float64Array(model.m);
  model.values(theta, v);
  return v;
}

function jacobianAt(model: Model, theta: Float64Array): { v: Float64Array; J: Float64Array } {
  const v = new Float64Array(model.m);
  const J = new Float64Array(model.m * model.p);
  model.jacobian(theta, v, J);
  return { v, J };
}

/** Central differences in θ of any vector-valued map (m outputs) → m × p. */
function fdInTheta(
  f: (theta: Float64Array) => Float64Array,
  theta: Float64Array,
  m: number,
  step = FD_STEP,
): Float64Array {
  const p = theta.length;
  const J = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const h = step * Math.max(1, Math.abs(theta[j]));
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[j] += h;
    minus[j] -= h;
    const fp = f(plus);
    const fm = f(minus);
    for (let i = 0; i < m; i++) J[i * p + j] = (fp[i] - fm[i]) / (2 * h);
  }
  return J;
}

function jTransposeA(model: Model, theta: Float64Array, a: Float64Array): Float64Array {
  const { J } = jacobianAt(model, theta);
  const g = new Float64Array(model.p);
  for (let i = 0; i < model.m; i++) for (let j = 0; j < model.p; j++) g[j] += a[i] * J[i * model.p + j];
  return g;
}

function checkJacobian(model: Model, theta: Float64Array, tol = 1e-6): void {
  const { v, J } = jacobianAt(model, theta);
  expect(maxRelativeError(v, valuesAt(model, theta))).toBeLessThan(1e-14);
  expect(
    maxRelativeError(
      J,
      fdInTheta((t) => valuesAt(model, t), theta, model.m),
    ),
  ).toBeLessThan(tol);
}

function checkHessianTerm(model: Model, theta: Float64Array, rng: Rng, tol = 1e-6): void {
  const a = Float64Array.from({ length: model.m }, () => rng.uniform(-1, 1));
  const out = new Float64Array(model.p * model.p);
  model.hessianContraction(theta, a, out);
  const truth = fdInTheta((t) => jTransposeA(model, t, a), theta, model.p, 1e-5);
  expect(maxRelativeError(out, truth)).toBeLessThan(tol);
  for (let j = 0; j < model.p; j++)
    for (let k = 0; k < model.p; k++) expect(out[j * model.p + k]).toBe(out[k * model.p + j]);
}

function derivativeBuffers(m: number, p: number): DerivativeBuffers {
  return {
    v: new Float64Array(m),
    vx: new Float64Array(m),
    vxx: new Float64Array(m),
    J: new Float64Array(m * p),
    Jx: new Float64Array(m * p),
    Jxx: new Float64Array(m * p),
  };
}

/** v′, v″ vs differences in x of v, v′ (models rebuilt on shifted points); Jx, Jxx vs differences in θ. */
function checkXDerivatives(spec: ModelSpec, points: PointSet, domain: Domain, theta: Float64Array): void {
  const model = createModel(spec, points, domain);
  if (!hasDerivatives(model)) throw new Error('model has no derivatives');
  const { m, p } = model;
  const at = (pts: PointSet, t: Float64Array) => {
    const md = createModel(spec, pts, domain);
    if (!hasDerivatives(md)) throw new Error('model has no derivatives');
    const out = derivativeBuffers(m, p);
    md.derivatives(t, out);
    return out;
  };
  const out = at(points, theta);
  expect(maxRelativeError(out.v, valuesAt(model, theta))).toBeLessThan(1e-14);
  expect(maxRelativeError(out.J, jacobianAt(model, theta).J)).toBeLessThan(1e-14);

  const hx = 1e-6;
  const shifted = (delta: number): PointSet => ({ ...points, x: points.x.map((x) => x + delta) });
  const plus = at(shifted(hx), theta);
  const minus = at(shifted(-hx), theta);
  const vxFd = out.v.map((_, i) => (plus.v[i] - minus.v[i]) / (2 * hx));
  const vxxFd = out.v.map((_, i) => (plus.vx[i] - minus.vx[i]) / (2 * hx));
  expect(maxRelativeError(out.vx, vxFd)).toBeLessThan(1e-6);
  expect(maxRelativeError(out.vxx, vxxFd)).toBeLessThan(1e-6);

  expect(
    maxRelativeError(
      out.Jx,
      fdInTheta((t) => at(points, t).vx, theta, m),
    ),
  ).toBeLessThan(1e-6);
  expect(
    maxRelativeError(
      out.Jxx,
      fdInTheta((t) => at(points, t).vxx, theta, m),
    ),
  ).toBeLessThan(1e-6);
}

// ---------- points ----------

function randomPoints(rng: Rng, domain: Domain, m: number): PointSet {
  const d = domain.length;
  const x = new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let k = 0; k < d; k++) x[i * d + k] = rng.uniform(domain[k][0], domain[k][1]);
  return { d, m, x, w: new Float64Array(m).fill(1 / m) };
}

function pointsOf(xs: number[], d = 1): PointSet {
  return { d, m: xs.length / d, x: Float64Array.from(xs), w: new Float64Array(xs.length / d).fill(1) };
}

function randomTheta(rng: Rng, p: number, scale = 1): Float64Array {
  return Float64Array.from({ length: p }, () => rng.uniform(-scale, scale));
}

const DOMAIN_1D: Domain = [[-0.5, 1.5]];
const DOMAIN_2D: Domain = [
  [-1, 1],
  [0, 2],
];

// ---------- toys ----------

describe('toy models (exact space)', () => {
  const names = ['linear', 'kernel', 'quadratic', 'curve'] as const;
  for (const name of names) {
    it(`${name}: Jacobian and Hessian term match finite differences`, () => {
      const rng = new Rng(11);
      const spec: ModelSpec = { kind: 'toy', name };
      const model = createModel(spec, null, [[-1, 1]]);
      expect(model.m).toBe(2);
      expect(model.p).toBe(name === 'curve' ? 1 : 2);
      expect(model.exactHessianTerm).toBe(true);
      for (let trial = 0; trial < 3; trial++) {
        const theta = randomTheta(rng, model.p, 2);
        checkJacobian(model, theta);
        checkHessianTerm(model, theta, rng);
      }
    });
  }

  it('quadratic with p = 3 rows of B and a random (unsymmetric) Q: Jacobian and Hessian term', () => {
    const rng = new Rng(21);
    const B = [
      [1, 0.5],
      [-0.3, 0.2],
      [0.7, -1],
    ];
    const Q = Array.from({ length: 3 }, () =>
      Array.from({ length: 2 }, () => Array.from({ length: 3 }, () => rng.uniform(-1, 1))),
    );
    const model = createModel({ kind: 'toy', name: 'quadratic', params: { B, Q } }, null, [[-1, 1]]);
    expect(model.p).toBe(3);
    const theta = randomTheta(rng, 3, 2);
    checkJacobian(model, theta);
    checkHessianTerm(model, theta, rng);
  });

  it('linear: c = Bᵀθ with the default B = diag(1, 0.2), and a custom B', () => {
    const model = createModel({ kind: 'toy', name: 'linear' }, null, [[-1, 1]]);
    expect(Array.from(valuesAt(model, Float64Array.from([2, 3])))).toEqual([2, 3 * 0.2]);
    const custom = createModel(
      {
        kind: 'toy',
        name: 'kernel',
        params: {
          B: [
            [1, 2],
            [3, 4],
          ],
        },
      },
      null,
      [[-1, 1]],
    );
    // c_j = Σ_i θ_i B_ij: c_0 = 1·1 + 2·3, c_1 = 1·2 + 2·4
    expect(Array.from(valuesAt(custom, Float64Array.from([1, 2])))).toEqual([7, 10]);
  });

  it('quadratic: the default Q (Q[0][1][0] = 0.5, Q[1][0][1] = −0.3) gives the hand-expanded c', () => {
    const model = createModel({ kind: 'toy', name: 'quadratic' }, null, [[-1, 1]]);
    const [t0, t1] = [0.7, -1.3];
    // c_0 = θ0·1 + θ1·(Q_100 θ0 + Q_101 θ1) = θ0 − 0.3 θ1²;  c_1 = θ1·0.2 + θ0·(Q_010 θ0) = 0.2 θ1 + 0.5 θ0²
    const c = valuesAt(model, Float64Array.from([t0, t1]));
    expect(c[0]).toBeCloseTo(t0 - 0.3 * t1 * t1, 14);
    expect(c[1]).toBeCloseTo(0.2 * t1 + 0.5 * t0 * t0, 14);
  });

  it('curve: c(−1) = s(−b + a b⊥) = (−0.1, 0.3) with the defaults; phi_deg rotates b', () => {
    const model = createModel({ kind: 'toy', name: 'curve' }, null, [[-1, 1]]);
    const c = valuesAt(model, Float64Array.from([-1]));
    expect(c[0]).toBeCloseTo(-0.1, 15);
    expect(c[1]).toBeCloseTo(0.3, 15);
    const rotated = createModel({ kind: 'toy', name: 'curve', params: { phi_deg: 90, a: 0, s: 2 } }, null, [[-1, 1]]);
    const r = valuesAt(rotated, Float64Array.from([1.5]));
    expect(r[0]).toBeCloseTo(0, 14);
    expect(r[1]).toBeCloseTo(3, 14);
  });
});

// ---------- bases and the linear model ----------

const BASES: BasisKind[] = ['fourier', 'legendre', 'chebyshev', 'hat', 'gaussian'];

describe('bases on [−1, 1]', () => {
  const n = 6;
  const row = new Float64Array(n);
  const at = (kind: BasisKind, t: number) => {
    basisValues(kind, n, t, row);
    return Array.from(row);
  };

  it('legendre: P_j(1) = 1, P_j(−1) = (−1)^j, P_2 and P_3 in closed form', () => {
    expect(at('legendre', 1).map((v) => +v.toFixed(14))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(at('legendre', -1).map((v) => +v.toFixed(14))).toEqual([1, -1, 1, -1, 1, -1]);
    const t = 0.37;
    const P = at('legendre', t);
    expect(P[2]).toBeCloseTo((3 * t * t - 1) / 2, 15);
    expect(P[3]).toBeCloseTo((5 * t ** 3 - 3 * t) / 2, 15);
  });

  it('chebyshev: T_j(cos a) = cos(j a)', () => {
    const angle = 0.9;
    at('chebyshev', Math.cos(angle)).forEach((v, j) => expect(v).toBeCloseTo(Math.cos(j * angle), 14));
  });

  it('fourier: columns 1, sin πt, cos πt, sin 2πt, cos 2πt, sin 3πt', () => {
    const t = 0.23;
    const expected = [
      1,
      Math.sin(Math.PI * t),
      Math.cos(Math.PI * t),
      Math.sin(2 * Math.PI * t),
      Math.cos(2 * Math.PI * t),
      Math.sin(3 * Math.PI * t),
    ];
    at('fourier', t).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 15));
  });

  it('hat: nodes include both ends, φ_j(t_k) = δ_jk, partition of unity', () => {
    for (let k = 0; k < n; k++) {
      const node = -1 + (2 * k) / (n - 1);
      at('hat', node).forEach((v, j) => expect(v).toBeCloseTo(j === k ? 1 : 0, 14));
    }
    const values = at('hat', 0.123);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(values.filter((v) => v > 0).length).toBe(2);
  });

  it('gaussian: centred on equispaced nodes including both ends, width = spacing', () => {
    const h = 2 / (n - 1);
    expect(at('gaussian', -1)[0]).toBe(1);
    expect(at('gaussian', 1)[n - 1]).toBe(1);
    expect(at('gaussian', -1 + h)[0]).toBeCloseTo(Math.exp(-0.5), 15);
  });

  for (const kind of BASES) {
    it(`${kind}: derivatives in t match finite differences`, () => {
      const d = new Float64Array(n),
        d2 = new Float64Array(n),
        plus = new Float64Array(n),
        minus = new Float64Array(n);
      const dPlus = new Float64Array(n),
        dMinus = new Float64Array(n);
      const h = 1e-6;
      for (const t of [-0.93, -0.41, 0.05, 0.52, 0.87]) {
        basisValues(kind, n, t, row, d, d2);
        basisValues(kind, n, t + h, plus, dPlus);
        basisValues(kind, n, t - h, minus, dMinus);
        for (let j = 0; j < n; j++) {
          expect(Math.abs(d[j] - (plus[j] - minus[j]) / (2 * h))).toBeLessThan(1e-6 * Math.max(1, Math.abs(d[j])));
          expect(Math.abs(d2[j] - (dPlus[j] - dMinus[j]) / (2 * h))).toBeLessThan(1e-6 * Math.max(1, Math.abs(d2[j])));
        }
      }
    });
  }
});

describe('linear model', () => {
  for (const basis of BASES) {
    it(`${basis}: Jacobian, Hessian term (0), v′, v″ and their θ-Jacobians`, () => {
      const rng = new Rng(3);
      const spec: ModelSpec = { kind: 'linear', basis, n: 7 };
      const points = randomPoints(rng, DOMAIN_1D, 25);
      const model = createModel(spec, points, DOMAIN_1D);
      expect(model.p).toBe(7);
      const theta = randomTheta(rng, 7);
      checkJacobian(model, theta);
      checkHessianTerm(model, theta, rng);
      checkXDerivatives(spec, points, DOMAIN_1D, theta);
    });
  }

  it('maps the domain onto [−1, 1]: legendre on [0, 2], θ = e_2, gives P_2(x − 1)', () => {
    const points = pointsOf([0, 0.5, 2]);
    const model = createModel({ kind: 'linear', basis: 'legendre', n: 4 }, points, [[0, 2]]);
    const v = valuesAt(model, Float64Array.from([0, 0, 1, 0]));
    const P2 = (t: number) => (3 * t * t - 1) / 2;
    expect(v[0]).toBeCloseTo(1, 15);
    expect(v[1]).toBeCloseTo(P2(-0.5), 15);
    expect(v[2]).toBeCloseTo(1, 15);
  });
});

// ---------- mlp ----------

describe('mlp', () => {
  const activations: Activation[] = ['tanh', 'sigmoid', 'softplus', 'sin'];
  for (const activation of activations) {
    for (const output of ['identity', 'sigmoid'] as const) {
      it(`[1,6,1] ${activation}/${output}: J, Hessian term, v′, v″, Jx, Jxx`, () => {
        const rng = new Rng(5);
        const spec: ModelSpec = { kind: 'mlp', layers: [1, 6, 1], activation, output };
        const points = randomPoints(rng, DOMAIN_1D, 12);
        const model = createModel(spec, points, DOMAIN_1D);
        expect(model.p).toBe(6 + 6 + 6 + 1);
        expect(model.exactHessianTerm).toBe(true);
        const theta = initialTheta(spec, { seed: 9, scale: 2 }, 0, 1);
        checkJacobian(model, theta);
        checkHessianTerm(model, theta, rng, 1e-5);
        checkXDerivatives(spec, points, DOMAIN_1D, theta);
      });
    }
  }

  it('[1,5,4,1] tanh (two hidden layers): J, Hessian term, v′, v″, Jx, Jxx', () => {
    const rng = new Rng(6);
    const spec: ModelSpec = { kind: 'mlp', layers: [1, 5, 4, 1], activation: 'tanh' };
    const points = randomPoints(rng, DOMAIN_1D, 15);
    const model = createModel(spec, points, DOMAIN_1D);
    expect(model.p).toBe(10 + 24 + 5);
    const theta = initialTheta(spec, { seed: 2, scale: 1.5 }, 0, 1);
    checkJacobian(model, theta);
    checkHessianTerm(model, theta, rng, 1e-5);
    checkXDerivatives(spec, points, DOMAIN_1D, theta);
  });

  it('[2,6,1] sin on 2D inputs: J and Hessian term; no x-derivatives', () => {
    const rng = new Rng(7);
    const spec: ModelSpec = { kind: 'mlp', layers: [2, 6, 1], activation: 'sin', output: 'sigmoid' };
    const points = randomPoints(rng, DOMAIN_2D, 20);
    const model = createModel(spec, points, DOMAIN_2D);
    expect(hasDerivatives(model)).toBe(false);
    const theta = initialTheta(spec, { seed: 4 }, 0, 2);
    checkJacobian(model, theta);
    checkHessianTerm(model, theta, rng, 1e-5);
  });

  it('parameter order: [1,2,1] with hand-set θ (W1 row-major, b1, W2, b2)', () => {
    const model = createModel({ kind: 'mlp', layers: [1, 2, 1], activation: 'tanh' }, pointsOf([0.3, -0.8]), DOMAIN_1D);
    const [w1, w2, c1, c2, u1, u2, d] = [0.5, -1.2, 0.1, 0.4, 2, -0.7, 0.25];
    const v = valuesAt(model, Float64Array.from([w1, w2, c1, c2, u1, u2, d]));
    const f = (x: number) => u1 * Math.tanh(w1 * x + c1) + u2 * Math.tanh(w2 * x + c2) + d;
    expect(v[0]).toBeCloseTo(f(0.3), 15);
    expect(v[1]).toBeCloseTo(f(-0.8), 15);
    expect(parameterNames({ kind: 'mlp', layers: [1, 2, 1], activation: 'tanh' }, 1)).toEqual([
      'W1[0,0]',
      'W1[1,0]',
      'b1[0]',
      'b1[1]',
      'W2[0,0]',
      'W2[0,1]',
      'b2[0]',
    ]);
  });

  it('parameter order: [2,1,1] weights are row-major over inputs, sigmoid output', () => {
    const model = createModel(
      { kind: 'mlp', layers: [2, 1, 1], activation: 'softplus', output: 'sigmoid' },
      pointsOf([0.3, -0.8], 2),
      DOMAIN_2D,
    );
    const theta = Float64Array.from([0.5, -1.5, 0.2, 1.1, -0.3]);
    const z = 0.5 * 0.3 - 1.5 * -0.8 + 0.2;
    const hidden = Math.log(1 + Math.exp(z));
    expect(valuesAt(model, theta)[0]).toBeCloseTo(1 / (1 + Math.exp(-(1.1 * hidden - 0.3))), 15);
  });

  it('rejects layer sizes that do not fit the points', () => {
    const points = pointsOf([0, 1]);
    expect(() => createModel({ kind: 'mlp', layers: [2, 3, 1], activation: 'tanh' }, points, DOMAIN_1D)).toThrow(
      /layers\[0\]/,
    );
    expect(() => createModel({ kind: 'mlp', layers: [1, 3, 2], activation: 'tanh' }, points, DOMAIN_1D)).toThrow(
      /output size/,
    );
  });

  it('m = 1000, p = 301: values and Jacobian agree (smoke check of the fast path)', () => {
    const rng = new Rng(8);
    const spec: ModelSpec = { kind: 'mlp', layers: [1, 100, 1], activation: 'tanh' };
    const points = randomPoints(rng, [[-1, 1]], 1000);
    const model = createModel(spec, points, [[-1, 1]]);
    expect(model.p).toBe(301);
    const theta = initialTheta(spec, { seed: 1 }, 0, 1);
    const { v, J } = jacobianAt(model, theta);
    expect(maxRelativeError(v, valuesAt(model, theta))).toBe(0);
    // row 17 against differences of that point alone
    const single = createModel(spec, pointsOf([points.x[17]]), [[-1, 1]]);
    const fd = fdInTheta((t) => valuesAt(single, t), theta, 1);
    expect(maxRelativeError(J.subarray(17 * 301, 18 * 301), fd)).toBeLessThan(1e-6);
  });
});

// ---------- tensor ----------

describe('cp tensor model', () => {
  for (const basis of ['legendre', 'fourier', 'gaussian'] as const) {
    it(`${basis}, rank 3, n 4: Jacobian and exact Hessian term`, () => {
      const rng = new Rng(12);
      const spec: ModelSpec = { kind: 'tensor', format: 'cp', rank: 3, basis, n: 4 };
      const points = randomPoints(rng, DOMAIN_2D, 18);
      const model = createModel(spec, points, DOMAIN_2D);
      expect(model.p).toBe(24);
      expect(model.exactHessianTerm).toBe(true);
      const theta = randomTheta(rng, 24);
      checkJacobian(model, theta);
      checkHessianTerm(model, theta, rng);
    });
  }

  it('parameter order: per rank term, the x-factor then the y-factor', () => {
    // rank 2, legendre n 2 on [−1,1]×[0,2]: v = (A00 + A01 x)(B00 + B01 (y−1)) + (A10 + A11 x)(B10 + B11 (y−1))
    const spec: ModelSpec = { kind: 'tensor', format: 'cp', rank: 2, basis: 'legendre', n: 2 };
    const model = createModel(spec, pointsOf([0.3, 1.6, -0.5, 0.2], 2), DOMAIN_2D);
    const theta = Float64Array.from([1, 2, 3, 4, -1, 0.5, 2, -3]);
    const f = (x: number, y: number) => (1 + 2 * x) * (3 + 4 * (y - 1)) + (-1 + 0.5 * x) * (2 - 3 * (y - 1));
    const v = valuesAt(model, theta);
    expect(v[0]).toBeCloseTo(f(0.3, 1.6), 14);
    expect(v[1]).toBeCloseTo(f(-0.5, 0.2), 14);
    expect(parameterNames(spec, 2)).toEqual(['A0[0]', 'A0[1]', 'B0[0]', 'B0[1]', 'A1[0]', 'A1[1]', 'B1[0]', 'B1[1]']);
  });
});

// ---------- expression ----------

describe('expression model', () => {
  it('1D gaussian bump: values, J, exact Hessian term, v′, v″, Jx, Jxx', () => {
    const rng = new Rng(13);
    const spec: ModelSpec = {
      kind: 'expression',
      expr: 'a*exp(-b*(x-c)^2) + sin(a*x)/(2+b^2)',
      params: ['a', 'b', 'c'],
    };
    const points = randomPoints(rng, DOMAIN_1D, 15);
    const model = createModel(spec, points, DOMAIN_1D);
    expect(model.exactHessianTerm).toBe(true);
    const theta = Float64Array.from([1.3, 2.1, 0.4]);
    const v = valuesAt(model, theta);
    const x0 = points.x[0];
    expect(v[0]).toBeCloseTo(1.3 * Math.exp(-2.1 * (x0 - 0.4) ** 2) + Math.sin(1.3 * x0) / (2 + 2.1 ** 2), 14);
    checkJacobian(model, theta);
    checkHessianTerm(model, theta, rng);
    checkXDerivatives(spec, points, DOMAIN_1D, theta);
  });

  it('2D formula in x and y', () => {
    const rng = new Rng(14);
    const spec: ModelSpec = {
      kind: 'expression',
      expr: 'k*sin(w*x)*cos(y) + atan2(k, y+3) + max(x, w*y)',
      params: ['k', 'w'],
    };
    const points = randomPoints(rng, DOMAIN_2D, 12);
    const model = createModel(spec, points, DOMAIN_2D);
    expect(hasDerivatives(model)).toBe(false);
    const theta = Float64Array.from([0.8, -1.7]);
    checkJacobian(model, theta);
    checkHessianTerm(model, theta, rng);
  });

  it('rejects bad formulas and parameters with precise messages', () => {
    const points = pointsOf([0, 1]);
    expect(() => createModel({ kind: 'expression', expr: 'a*x + q', params: ['a'] }, points, DOMAIN_1D)).toThrow(
      "model.expr: unknown symbol 'q' at position 6",
    );
    expect(checkExpressionModel({ expr: 'a*x + q', params: ['a'] }, 1)).toEqual({
      path: 'model.expr',
      message: "unknown symbol 'q' at position 6",
      position: 6,
    });
    expect(checkExpressionModel({ expr: 'a*x', params: ['a', 'x'] }, 1)?.path).toBe('model.params[1]');
    expect(checkExpressionModel({ expr: 'a*x', params: ['a', 'a'] }, 1)?.message).toMatch(/twice/);
    expect(checkExpressionModel({ expr: 'a*x*y', params: ['a'] }, 1)?.message).toMatch(/unknown symbol 'y'/);
    expect(checkExpressionModel({ expr: 'a*x*y', params: ['a'] }, 2)).toBeNull();
  });
});

// ---------- counts, names, initial parameters ----------

describe('parameters', () => {
  it('parameterCount equals the model p and the number of names', () => {
    const specs: [ModelSpec, number][] = [
      [{ kind: 'toy', name: 'quadratic' }, 1],
      [{ kind: 'toy', name: 'curve' }, 1],
      [{ kind: 'linear', basis: 'hat', n: 5 }, 1],
      [{ kind: 'mlp', layers: [1, 5, 4, 1], activation: 'tanh' }, 1],
      [{ kind: 'mlp', layers: [2, 6, 1], activation: 'tanh' }, 2],
      [{ kind: 'tensor', format: 'cp', rank: 2, basis: 'chebyshev', n: 3 }, 2],
      [{ kind: 'expression', expr: 'a*x+b', params: ['a', 'b'] }, 1],
    ];
    const rng = new Rng(1);
    for (const [spec, d] of specs) {
      const domain = d === 1 ? DOMAIN_1D : DOMAIN_2D;
      const model = createModel(spec, randomPoints(rng, domain, 3), domain);
      expect(parameterCount(spec, d)).toBe(model.p);
      expect(parameterNames(spec, d)).toHaveLength(model.p);
    }
    expect(parameterNames({ kind: 'toy', name: 'curve' }, 1)).toEqual(['θ']);
    expect(parameterNames({ kind: 'linear', basis: 'legendre', n: 2 }, 1)).toEqual(['θ0', 'θ1']);
  });

  it('initialTheta: theta0 is copied; seeded starts are deterministic per (seed, seedIndex)', () => {
    const spec: ModelSpec = { kind: 'linear', basis: 'legendre', n: 5 };
    expect(Array.from(initialTheta(spec, { theta0: [1, 2, 3, 4, 5] }, 3, 1))).toEqual([1, 2, 3, 4, 5]);
    const a = initialTheta(spec, { seed: 7 }, 0, 1);
    expect(Array.from(initialTheta(spec, { seed: 7 }, 0, 1))).toEqual(Array.from(a));
    expect(Array.from(initialTheta(spec, { seed: 7 }, 1, 1))).not.toEqual(Array.from(a));
    expect(Array.from(initialTheta(spec, { seed: 8 }, 0, 1))).toEqual(
      Array.from(initialTheta(spec, { seed: 7 }, 1, 1)),
    );
    const rng = new Rng(7);
    expect(a[0]).toBe(rng.uniform(-1, 1)); // draws in parameter order
    const scaled = initialTheta(spec, { seed: 7, scale: 0.1 }, 0, 1);
    expect(scaled.every((t) => Math.abs(t) <= 0.1)).toBe(true);
  });

  it('initialTheta for mlp: layer ℓ uniform(±scale/√fan_in), drawn in parameter order', () => {
    const spec: ModelSpec = { kind: 'mlp', layers: [1, 16, 9, 1], activation: 'tanh' };
    const theta = initialTheta(spec, { seed: 3, scale: 2 }, 0, 1);
    expect(theta.length).toBe(parameterCount(spec, 1));
    const layerSlices = [
      [0, 32, 2 / 1],
      [32, 32 + 153, 2 / 4],
      [185, 185 + 10, 2 / 3],
    ] as const;
    for (const [start, end, bound] of layerSlices) {
      const slice = Array.from(theta.subarray(start, end));
      expect(Math.max(...slice.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...slice.map(Math.abs))).toBeGreaterThan(0.7 * bound); // actually spans the range
    }
    const rng = new Rng(3);
    expect(theta[0]).toBe(rng.uniform(-2, 2));
  });

  it('initialTheta: extra problem parameters are drawn after the model’s without changing them', () => {
    const spec: ModelSpec = { kind: 'mlp', layers: [1, 3, 1], activation: 'tanh' };
    const plain = initialTheta(spec, { seed: 5 }, 0, 1);
    const extended = initialTheta(spec, { seed: 5 }, 0, 1, 2);
    expect(extended.length).toBe(plain.length + 2);
    expect(Array.from(extended.subarray(0, plain.length))).toEqual(Array.from(plain));
  });
});
