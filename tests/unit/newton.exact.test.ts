// The exact second-order term of Newton (models/mlpHessian.ts and the PDE/H1 objectives) against
// independent truths: central differences of θ ↦ J(θ)ᵀa, a brute-force second-difference Hessian of
// θ ↦ aᵀv(θ), and closed forms (a network with no hidden layer is linear in θ; hand-derived blocks).
import { describe, expect, it } from 'vitest';
import { createModel, hasDerivatives, initialTheta, type Model, type PointSet } from '../../src/engine/models';
import { createDerivativeBuffers, type DifferentiableModel } from '../../src/engine/models/model';
import type { Activation, Domain, LossSpec, ModelSpec, Scenario } from '../../src/engine/scenario/types';
import { buildProblem } from '../../src/engine/problems/build';
import type { Objective } from '../../src/engine/problems/objective';
import type { PdeLossSpec } from '../../src/engine/problems/pde';
import { Rng } from '../../src/engine/random';
import { tanh } from '../../src/engine/math';
import { MlpHessian } from '../../src/engine/models/mlpHessian';
import { mlpLayout } from '../../src/engine/models/mlpLayout';
import { createOptimizer } from '../../src/engine/optimizers';
import { resolveOptimizer } from '../../src/engine/scenario/defaults';

function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 1e-300;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let err = 0;
  for (let i = 0; i < expected.length; i++) err = Math.max(err, Math.abs(actual[i] - expected[i]));
  return err / scale;
}

function randomPoints(rng: Rng, domain: Domain, m: number): PointSet {
  const d = domain.length;
  const x = new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let k = 0; k < d; k++) x[i * d + k] = rng.uniform(domain[k][0], domain[k][1]);
  return { d, m, x, w: new Float64Array(m).fill(1 / m) };
}

function randomVector(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
}

/** Central differences in θ of a gradient map g: R^p → R^p (column j = ∂g/∂θ_j), as a p × p matrix. */
function jacobianOfGradient(g: (theta: Float64Array) => Float64Array, theta: Float64Array, step = 1e-5): Float64Array {
  const p = theta.length;
  const out = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const h = step * Math.max(1, Math.abs(theta[j]));
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[j] += h;
    minus[j] -= h;
    const gp = g(plus);
    const gm = g(minus);
    for (let k = 0; k < p; k++) out[k * p + j] = (gp[k] - gm[k]) / (2 * h);
  }
  return out;
}

/** J(θ)ᵀa from the model's own (independently tested) Jacobian. */
function jTransposeA(model: Model, theta: Float64Array, a: Float64Array): Float64Array {
  const { m, p } = model;
  const v = new Float64Array(m);
  const J = new Float64Array(m * p);
  model.jacobian(theta, v, J);
  const g = new Float64Array(p);
  for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) g[j] += a[i] * J[i * p + j];
  return g;
}

/** Σ_i (c0 J + c1 Jx + c2 Jxx)ᵀ rows at θ from the model's x-derivative Jacobians. */
function derivativeGradient(
  model: DifferentiableModel,
  theta: Float64Array,
  c: [Float64Array, Float64Array, Float64Array],
): Float64Array {
  const { m, p } = model;
  const d = createDerivativeBuffers(m, p);
  model.derivatives(theta, d);
  const g = new Float64Array(p);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < p; j++)
      g[j] += c[0][i] * d.J[i * p + j] + c[1][i] * d.Jx[i * p + j] + c[2][i] * d.Jxx[i * p + j];
  return g;
}

/** Second differences of the scalar f(θ) = aᵀv(θ), from values alone (no Jacobian involved). */
function bruteForceHessian(model: Model, theta: Float64Array, a: Float64Array): Float64Array {
  const { m, p } = model;
  const v = new Float64Array(m);
  const f = (t: Float64Array) => {
    model.values(t, v);
    let s = 0;
    for (let i = 0; i < m; i++) s += a[i] * v[i];
    return s;
  };
  const H = new Float64Array(p * p);
  const t = Float64Array.from(theta);
  const h = 1e-4;
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const at = (sj: number, sk: number) => {
        t.set(theta);
        t[j] += sj * h;
        t[k] += sk * h;
        return f(t);
      };
      const value = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h);
      H[j * p + k] = H[k * p + j] = value;
    }
  }
  return H;
}

function expectSymmetric(out: Float64Array, p: number): void {
  for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) expect(out[j * p + k]).toBe(out[k * p + j]);
}

const DOMAIN_1D: Domain = [[-1, 1]];
const DOMAIN_2D: Domain = [
  [-1, 1],
  [0, 2],
];
const ACTIVATIONS: Activation[] = ['tanh', 'sigmoid', 'softplus', 'sin'];

function network(layers: number[], activation: Activation, output: 'identity' | 'sigmoid', m: number, seed: number) {
  const rng = new Rng(seed);
  const domain = layers[0] === 1 ? DOMAIN_1D : DOMAIN_2D;
  const spec: ModelSpec = { kind: 'mlp', layers, activation, output };
  const points = randomPoints(rng, domain, m);
  const model = createModel(spec, points, domain);
  const theta = initialTheta(spec, { seed: seed + 1, scale: 1.5 }, 0, 1);
  return { rng, model, theta };
}

describe('exact Newton term of MLPs: Σ a_i ∇²v_i', () => {
  const layouts = [
    [1, 5, 1],
    [2, 4, 1],
    [1, 3, 4, 1],
    [2, 3, 2, 3, 1],
    [1, 1],
    [2, 1],
  ];
  for (const layers of layouts) {
    for (const activation of ACTIVATIONS) {
      for (const output of ['identity', 'sigmoid'] as const) {
        it(`[${layers}] ${activation}/${output} vs finite differences of Jᵀa`, () => {
          const { rng, model, theta } = network(layers, activation, output, 9, 3);
          expect(model.exactHessianTerm).toBe(true);
          const a = randomVector(rng, model.m);
          const out = new Float64Array(model.p * model.p);
          model.hessianContraction(theta, a, out);
          const truth = jacobianOfGradient((t) => jTransposeA(model, t, a), theta);
          expect(maxRelativeError(out, truth)).toBeLessThan(1e-7);
          expectSymmetric(out, model.p);
        });
      }
    }
  }

  it('matches a brute-force second-difference Hessian of aᵀv on small networks', () => {
    for (const [layers, activation] of [
      [[1, 3, 1], 'tanh'],
      [[2, 2, 2, 1], 'softplus'],
      [[1, 2, 3, 1], 'sin'],
    ] as const) {
      const { rng, model, theta } = network([...layers], activation, 'sigmoid', 7, 11);
      const a = randomVector(rng, model.m);
      const out = new Float64Array(model.p * model.p);
      model.hessianContraction(theta, a, out);
      expect(maxRelativeError(out, bruteForceHessian(model, theta, a))).toBeLessThan(1e-5);
    }
  });

  it('a network without hidden layer and identity output is linear in θ: the term is zero', () => {
    const { rng, model, theta } = network([2, 1], 'tanh', 'identity', 6, 2);
    const out = new Float64Array(model.p * model.p).fill(7);
    model.hessianContraction(theta, randomVector(rng, model.m), out);
    expect(Array.from(out).every((x) => x === 0)).toBe(true);
  });

  it('[1,n,1] tanh/identity: the hand-derived blocks (σ″ per neuron, σ′ between layers, zero elsewhere)', () => {
    const { rng, model, theta } = network([1, 3, 1], 'tanh', 'identity', 5, 4);
    const points = (model as unknown as { points: PointSet }).points;
    const a = randomVector(rng, model.m);
    const out = new Float64Array(model.p * model.p);
    model.hessianContraction(theta, a, out);
    // θ = [W1 (3), b1 (3), W2 (3), b2]; v = Σ_r W2_r tanh(W1_r x + b1_r) + b2
    const n = 3;
    const p = model.p;
    const truth = new Float64Array(p * p);
    for (let i = 0; i < model.m; i++) {
      const x = points.x[i];
      for (let r = 0; r < n; r++) {
        const t = tanh(theta[r] * x + theta[n + r]);
        const s1 = 1 - t * t;
        const s2 = -2 * t * s1;
        const w2 = theta[2 * n + r];
        const s = [x, 1]; // ∂z_r/∂(W1_r, b1_r)
        const idx = [r, n + r];
        for (let u = 0; u < 2; u++) {
          for (let w = 0; w < 2; w++) truth[idx[u] * p + idx[w]] += a[i] * w2 * s2 * s[u] * s[w];
          truth[idx[u] * p + 2 * n + r] += a[i] * s1 * s[u];
          truth[(2 * n + r) * p + idx[u]] += a[i] * s1 * s[u];
        }
      }
    }
    expect(maxRelativeError(out, truth)).toBeLessThan(1e-13);
  });
});

describe('exact Newton term of the x-derivatives: Σ c0 ∇²v + c1 ∇²v′ + c2 ∇²v″', () => {
  const layouts = [
    [1, 4, 1],
    [1, 3, 3, 1],
    [1, 2, 2, 2, 1],
  ];
  for (const layers of layouts) {
    for (const activation of ACTIVATIONS) {
      for (const output of ['identity', 'sigmoid'] as const) {
        it(`[${layers}] ${activation}/${output} vs finite differences of (c0 J + c1 Jx + c2 Jxx)ᵀ`, () => {
          const { rng, model, theta } = network(layers, activation, output, 8, 5);
          if (!hasDerivatives(model) || model.derivativeHessianContraction === undefined)
            throw new Error('the 1D network must contract the Hessians of its x-derivatives');
          const c: [Float64Array, Float64Array, Float64Array] = [
            randomVector(rng, model.m),
            randomVector(rng, model.m),
            randomVector(rng, model.m),
          ];
          const out = new Float64Array(model.p * model.p);
          model.derivativeHessianContraction(theta, c[0], c[1], c[2], out);
          const truth = jacobianOfGradient((t) => derivativeGradient(model, t, c), theta);
          expect(maxRelativeError(out, truth)).toBeLessThan(1e-7);
          expectSymmetric(out, model.p);
          // the value channel alone is the plain term
          const zero = new Float64Array(model.m);
          const plain = new Float64Array(model.p * model.p);
          model.hessianContraction(theta, c[0], plain);
          model.derivativeHessianContraction(theta, c[0], zero, zero, out);
          expect(maxRelativeError(out, plain)).toBeLessThan(1e-13);
        });
      }
    }
  }
});

// ---------- objectives: PDE residuals and the H1 loss ----------

function pdeScenario(loss: LossSpec, domain: [number, number], model: ModelSpec, m = 12): Scenario {
  return {
    version: 1,
    problem: { space: 'sampled', domain: [domain], loss, quadrature: { kind: 'gauss-legendre', m } },
    model,
    init: { seed: 1 },
    optimizers: [{ id: 'gd', preconditioner: 'identity' }],
    run: { iterations: 1 },
  };
}

function h1Scenario(model: ModelSpec, m = 12): Scenario {
  return {
    version: 1,
    problem: {
      space: 'sampled',
      domain: [[-1, 1]],
      target: { kind: 'expression', expr: 'sin(2*x) + x^2' },
      loss: { kind: 'h1' },
      quadrature: { kind: 'gauss-legendre', m },
    },
    model,
    init: { seed: 1 },
    optimizers: [{ id: 'gd', preconditioner: 'identity' }],
    run: { iterations: 1 },
  };
}

/** J_z(θ)ᵀa from the objective's (independently tested) loss-vector Jacobian. */
function objectiveGradient(objective: Objective, theta: Float64Array, a: Float64Array): Float64Array {
  const ev = objective.createEvaluation();
  objective.evaluate(theta, ev, true);
  const g = new Float64Array(objective.p);
  for (let i = 0; i < objective.nZ; i++)
    for (let j = 0; j < objective.p; j++) g[j] += a[i] * ev.Jz[i * objective.p + j];
  return g;
}

function checkObjective(objective: Objective, seed: number): void {
  const rng = new Rng(seed);
  const { p } = objective;
  expect(objective.exactHessianTerm).toBe(true);
  const theta = randomVector(rng, p);
  const a = randomVector(rng, objective.nZ);
  const out = new Float64Array(p * p);
  objective.hessianContraction(theta, a, out);
  const truth = jacobianOfGradient((t) => objectiveGradient(objective, t, a), theta);
  expect(maxRelativeError(out, truth)).toBeLessThan(1e-7);
  expectSymmetric(out, p);
}

const PDE_NETWORKS: ModelSpec[] = [
  { kind: 'mlp', layers: [1, 5, 1], activation: 'tanh' },
  { kind: 'mlp', layers: [1, 3, 3, 1], activation: 'sin' },
  { kind: 'mlp', layers: [1, 4, 1], activation: 'softplus', output: 'sigmoid' },
];
const PDE_EQUATIONS: { spec: PdeLossSpec; domain: [number, number] }[] = [
  { spec: { kind: 'pde', equation: 'reaction-diffusion', eps: 0.1 }, domain: [0, 1] },
  { spec: { kind: 'pde', equation: 'nonlinear' }, domain: [-1, 1] },
  { spec: { kind: 'pde', equation: 'poisson' }, domain: [-0.3, 1.7] },
];

describe('exact Newton term of PDE residuals and the H1 loss: Σ a_i ∇²z_i', () => {
  for (const { spec, domain } of PDE_EQUATIONS) {
    for (const model of PDE_NETWORKS) {
      const name = model.kind === 'mlp' ? `[${model.layers}] ${model.activation}` : model.kind;
      it(`${spec.equation}, ${name}: vs finite differences of J_zᵀa`, () => {
        checkObjective(buildProblem(pdeScenario(spec, domain, model)).objective, 21);
      });
    }
  }

  it('a linear basis in a linear PDE: zero; in the nonlinear one: only the residual curvature Jᵀ diag(6va) J', () => {
    const legendre: ModelSpec = { kind: 'linear', basis: 'legendre', n: 4 };
    const poisson = buildProblem(pdeScenario({ kind: 'pde', equation: 'poisson' }, [0, 1], legendre)).objective;
    const out = new Float64Array(poisson.p * poisson.p).fill(3);
    poisson.hessianContraction(new Float64Array(poisson.p).fill(0.5), new Float64Array(poisson.nZ).fill(1), out);
    expect(out.every((x) => x === 0)).toBe(true);
    checkObjective(buildProblem(pdeScenario({ kind: 'pde', equation: 'nonlinear' }, [-1, 1], legendre)).objective, 4);
  });

  for (const model of [PDE_NETWORKS[0], PDE_NETWORKS[1], { kind: 'linear', basis: 'legendre', n: 5 } as ModelSpec]) {
    it(`h1 with ${model.kind === 'mlp' ? `[${model.layers}]` : model.kind}: vs finite differences of J_zᵀa`, () => {
      checkObjective(buildProblem(h1Scenario(model)).objective, 8);
    });
  }

  it('an expression model keeps the finite differences (exactHessianTerm = false)', () => {
    const expression: ModelSpec = { kind: 'expression', expr: 'a*sin(b*x)', params: ['a', 'b'] };
    expect(buildProblem(h1Scenario(expression)).objective.exactHessianTerm).toBe(false);
  });
});

describe('exact Newton term: edge cases', () => {
  it('a non-finite weight gives a NaN matrix', () => {
    const { rng, model, theta } = network([1, 3, 3, 1], 'tanh', 'identity', 6, 7);
    const a = randomVector(rng, model.m);
    a[2] = NaN;
    const out = new Float64Array(model.p * model.p);
    model.hessianContraction(theta, a, out);
    expect(out.every((x) => Number.isNaN(x))).toBe(true);
  });

  it('the nonlinear residual gives the same bits whether v and J come from the last evaluation or are recomputed', () => {
    const objective = buildProblem(
      pdeScenario({ kind: 'pde', equation: 'nonlinear' }, [-1, 1], PDE_NETWORKS[0]),
    ).objective;
    const rng = new Rng(31);
    const theta = randomVector(rng, objective.p);
    const other = randomVector(rng, objective.p);
    const a = randomVector(rng, objective.nZ);
    const ev = objective.createEvaluation();
    const fresh = new Float64Array(objective.p * objective.p);
    const reused = new Float64Array(objective.p * objective.p);
    objective.evaluate(other, ev, true);
    objective.hessianContraction(theta, a, fresh); // v, J recomputed at θ
    objective.evaluate(theta, ev, true);
    objective.hessianContraction(theta, a, reused); // v, J of the evaluation at θ
    expect(Array.from(reused)).toEqual(Array.from(fresh));
  });
});

describe('exact Newton term: the blocked one-hidden-layer path', () => {
  /** Index of the first entry whose bits differ (Object.is: tells +0 from −0, NaN equals NaN), or −1. */
  function firstBitDifference(a: Float64Array, b: Float64Array): number {
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
    return -1;
  }

  /** The term of [n0, n, 1] identity networks by both paths of MlpHessian; θ entries scaled by thetaScale at random. */
  function bothPaths(
    layers: number[],
    activation: Activation,
    channels: 1 | 3,
    m: number,
    thetaScale: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    const { wOffset, bOffset } = mlpLayout(layers, activation, 'identity');
    const blocked = new MlpHessian(layers, activation, 'identity', wOffset, bOffset, channels);
    const pointwise = new MlpHessian(layers, activation, 'identity', wOffset, bOffset, channels, {
      shallowPath: false,
    });
    const p = blocked.p;
    const theta = Float64Array.from(
      { length: p },
      () => rng.uniform(-1.5, 1.5) * (rng.uniform(0, 1) < 0.2 ? thetaScale : 1),
    );
    const x = Float64Array.from({ length: m * layers[0] }, () => rng.uniform(-1, 1));
    // a third of the weights zero (points with all of them zero are skipped), one channel often alone
    const weights = Array.from({ length: channels }, () =>
      Float64Array.from({ length: m }, () => (rng.uniform(0, 1) < 0.35 ? 0 : rng.uniform(-1, 1))),
    );
    const fromBlocks = new Float64Array(p * p);
    const fromPoints = new Float64Array(p * p);
    blocked.contract(theta, x, m, weights, fromBlocks);
    pointwise.contract(theta, x, m, weights, fromPoints);
    return { fromBlocks, fromPoints };
  }

  // m = 150 spans three blocks (the last one partial); 1e160 overflows z′, z″ and the products (0·∞ = NaN).
  for (const activation of ACTIVATIONS) {
    for (const [layers, channels] of [
      [[1, 7, 1], 1],
      [[2, 5, 1], 1],
      [[3, 4, 1], 1],
      [[1, 7, 1], 3],
      [[1, 1, 1], 3],
    ] as [number[], 1 | 3][]) {
      it(`[${layers}] ${activation}, ${channels} channel(s): the bits of the point-by-point recursion`, () => {
        for (const [thetaScale, seed] of [
          [1, 1],
          [40, 2],
          [1e160, 3],
        ]) {
          const { fromBlocks, fromPoints } = bothPaths(layers, activation, channels, 150, thetaScale, seed);
          expect(firstBitDifference(fromBlocks, fromPoints), `θ scale ${thetaScale}`).toBe(-1);
        }
      });
    }
  }

  it('the overflowed case does reach non-finite entries (so the tests above cover the fallback)', () => {
    // sin′ never vanishes: W_2 σ′ W_1 overflows where both weights are scaled
    const { fromBlocks } = bothPaths([1, 7, 1], 'sin', 3, 150, 1e160, 3);
    expect(fromBlocks.some((value) => !Number.isFinite(value))).toBe(true);
  });
});

describe('Newton fallback', () => {
  it('an indefinite Newton step is exactly the NHGD step (the fallback solves with the G^H its build kept)', () => {
    const model: ModelSpec = { kind: 'mlp', layers: [1, 6, 1], activation: 'tanh' };
    const steps = (['newton', 'loss-hessian'] as const).map((preconditioner) => {
      const scenario = pdeScenario({ kind: 'pde', equation: 'nonlinear' }, [-1, 1], model, 40);
      const problem = buildProblem(scenario);
      const theta0 = initialTheta(model, scenario.init, 0, 1, problem.extraParameters);
      const options = resolveOptimizer({
        id: preconditioner,
        preconditioner,
        alpha: 0.1,
        solver: { kind: 'cholesky' },
      });
      const optimizer = createOptimizer(problem.objective, options, theta0, { conditionNumbers: false });
      const report = optimizer.step(0);
      return { report, theta: Array.from(optimizer.theta) };
    });
    const [newton, nhgd] = steps;
    expect('newtonFallback' in newton.report && newton.report.newtonFallback).toBe(true);
    expect(newton.theta).toEqual(nhgd.theta);
  });
});
