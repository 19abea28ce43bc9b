// PDE problems: exact solutions, ansatz derivatives and Jacobians, residual Jacobians, gradients,
// boundary conditions, Newton's second-order term.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import { createModel, hasDerivatives } from '../../src/engine/models';
import type { DerivativeBuffers, DifferentiableModel, PointSet } from '../../src/engine/models/model';
import type { LossSpec, ModelSpec, Scenario } from '../../src/engine/scenario/types';
import { buildProblem } from '../../src/engine/problems/build';
import { pdeDefinition, type PdeDefinition, type PdeLossSpec } from '../../src/engine/problems/pde';
import { greenSolution } from '../../src/engine/problems/pdeExactSolutions';
import { matTVec, gram } from '../../src/engine/linalg';

const NET: ModelSpec = { kind: 'mlp', layers: [1, 6, 1], activation: 'tanh' };

function pointsOf(xs: ArrayLike<number>): PointSet {
  const m = xs.length;
  return { d: 1, m, x: Float64Array.from(xs), w: new Float64Array(m).fill(1 / m) };
}

function network(points: PointSet): DifferentiableModel {
  const model = createModel(NET, points, [[-1, 1]]);
  if (!hasDerivatives(model)) throw new Error('mlp without derivatives');
  return model;
}

function buffers(m: number, p: number): DerivativeBuffers {
  return {
    v: new Float64Array(m),
    vx: new Float64Array(m),
    vxx: new Float64Array(m),
    J: new Float64Array(m * p),
    Jx: new Float64Array(m * p),
    Jxx: new Float64Array(m * p),
  };
}

function randomTheta(p: number, seed: number, scale = 0.8): Float64Array {
  const rng = new Rng(seed);
  const theta = new Float64Array(p);
  for (let j = 0; j < p; j++) theta[j] = rng.uniform(-scale, scale);
  return theta;
}

function scenarioFor(loss: LossSpec, domain: [number, number] = [0, 1], m = 30, model: ModelSpec = NET): Scenario {
  return {
    version: 1,
    problem: { space: 'sampled', domain: [domain], loss, quadrature: { kind: 'gauss-legendre', m } },
    model,
    init: { seed: 1 },
    optimizers: [{ id: 'gd', preconditioner: 'identity' }],
    run: { iterations: 1 },
  };
}

const EQUATIONS: { name: string; spec: PdeLossSpec; domain: [number, number] }[] = [
  { name: 'reaction-diffusion', spec: { kind: 'pde', equation: 'reaction-diffusion', eps: 0.1 }, domain: [0, 1] },
  { name: 'nonlinear', spec: { kind: 'pde', equation: 'nonlinear' }, domain: [-1, 1] },
  { name: 'poisson', spec: { kind: 'pde', equation: 'poisson' }, domain: [-0.3, 1.7] },
];

// ---- the exact solutions, written out independently ------------------------------------------------

const pi = Math.PI;
function rdExact(eps: number, x: number): [number, number, number] {
  const D = 1 - Math.exp(-1 / eps);
  const E = Math.exp((x - 1) / eps);
  return [x - (E - Math.exp(-1 / eps)) / D, 1 - E / (eps * D), -E / (eps * eps * D)];
}
function nonlinearExact(x: number): [number, number, number] {
  return [Math.cos(pi * x), -pi * Math.sin(pi * x), -pi * pi * Math.cos(pi * x)];
}
function poissonExact(a: number, b: number, x: number): [number, number, number] {
  const sa = Math.sin(pi * a);
  const sb = Math.sin(pi * b);
  return [
    Math.sin(pi * x) - (sa * (b - x) + sb * (x - a)) / (b - a),
    pi * Math.cos(pi * x) - (sb - sa) / (b - a),
    -pi * pi * Math.sin(pi * x),
  ];
}

describe('PDE exact solutions', () => {
  const xs = Array.from({ length: 41 }, (_, i) => i / 40);

  it('reaction-diffusion: −εu″ + u′ − 1 = 0, u(0) = u(1) = 0, and pde.ts agrees', () => {
    for (const eps of [0.1, 0.02]) {
      const def = pdeDefinition({ kind: 'pde', equation: 'reaction-diffusion', eps }, [0, 1]);
      for (const x of xs) {
        const [u, ux, uxx] = rdExact(eps, x);
        expect(Math.abs(-eps * uxx + ux - 1)).toBeLessThan(1e-12 / eps);
        expect(def.exact!.u(x)).toBeCloseTo(u, 14);
        expect(def.exact!.ux(x)).toBeCloseTo(ux, 12);
        expect(def.exact!.uxx(x)).toBeCloseTo(uxx, 9);
      }
      expect(Math.abs(def.exact!.u(0))).toBeLessThan(1e-15);
      expect(Math.abs(def.exact!.u(1))).toBeLessThan(1e-15);
    }
  });

  it('nonlinear: −u″ + u³ − π² cos πx − cos³ πx = 0, u′(±1) = 0', () => {
    const def = pdeDefinition({ kind: 'pde', equation: 'nonlinear' }, [-1, 1]);
    for (const t of xs) {
      const x = 2 * t - 1;
      const [u, , uxx] = nonlinearExact(x);
      expect(Math.abs(-uxx + u ** 3 - def.forcing(x))).toBeLessThan(1e-13);
      expect(def.exact!.u(x)).toBe(u);
    }
    expect(Math.abs(def.exact!.ux(1))).toBeLessThan(1e-15);
    expect(Math.abs(def.exact!.ux(-1))).toBeLessThan(1e-15);
  });

  it('poisson (default f on any [a, b]): −u″ = π² sin πx, u(a) = u(b) = 0', () => {
    const [a, b] = [-0.3, 1.7];
    const def = pdeDefinition({ kind: 'pde', equation: 'poisson' }, [a, b]);
    expect(def.exact!.kind).toBe('closed-form');
    for (const t of xs) {
      const x = a + (b - a) * t;
      const [u, ux, uxx] = poissonExact(a, b, x);
      expect(Math.abs(-uxx - def.forcing(x))).toBeLessThan(1e-13);
      expect(def.exact!.u(x)).toBeCloseTo(u, 14);
      expect(def.exact!.ux(x)).toBeCloseTo(ux, 13);
    }
    expect(Math.abs(def.exact!.u(a))).toBeLessThan(1e-15);
    expect(Math.abs(def.exact!.u(b))).toBeLessThan(1e-15);
  });

  it('poisson with a user f: the Green-function quadrature is exact to rounding', () => {
    // −u″ = x² on [0, 1], u(0) = u(1) = 0  ⇒  u = (x − x⁴)/12.
    const def = pdeDefinition({ kind: 'pde', equation: 'poisson', f: 'x^2' }, [0, 1]);
    expect(def.exact!.kind).toBe('quadrature');
    for (const x of [0, 0.013, 0.25, 0.5, 0.77, 1]) {
      expect(def.exact!.u(x)).toBeCloseTo((x - x ** 4) / 12, 14);
      expect(def.exact!.ux(x)).toBeCloseTo((1 - 4 * x ** 3) / 12, 14);
      expect(def.exact!.uxx(x)).toBeCloseTo(-x * x, 14);
    }
    // The same quadrature reproduces the closed form of the default source.
    const [a, b] = [-0.3, 1.7];
    const green = greenSolution((x) => pi * pi * Math.sin(pi * x), a, b)!;
    for (const x of [-0.3, 0, 0.4, 1.1, 1.7]) expect(green.u(x)).toBeCloseTo(poissonExact(a, b, x)[0], 13);
    // Not finite on the domain: no exact solution.
    expect(pdeDefinition({ kind: 'pde', equation: 'poisson', f: '1/x' }, [-1, 1]).exact).toBeNull();
    expect(pdeDefinition({ kind: 'pde', equation: 'poisson', f: 'sqrt(x)' }, [-1, 1]).exact).toBeNull();
  });

  it('each residual vanishes at the quadrature points on the exact solution', () => {
    for (const { spec, domain } of EQUATIONS) {
      const def = pdeDefinition(spec, domain);
      const [a, b] = def.domain;
      const xsq = Array.from({ length: 25 }, (_, i) => a + ((b - a) * (i + 0.5)) / 25);
      const m = xsq.length;
      const d = buffers(m, 0);
      const f = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const x = xsq[i];
        const exact =
          spec.equation === 'reaction-diffusion'
            ? rdExact(0.1, x)
            : spec.equation === 'nonlinear'
              ? nonlinearExact(x)
              : poissonExact(a, b, x);
        [d.v[i], d.vx[i], d.vxx[i]] = exact;
        f[i] = def.forcing(x);
      }
      const R = new Float64Array(m);
      def.residual(d, f, m, 0, R, null);
      for (let i = 0; i < m; i++) expect(Math.abs(R[i])).toBeLessThan(1e-12);
    }
  });
});

// ---- the ansatz ------------------------------------------------------------------------------------

function ansatzDerivatives(def: PdeDefinition, xs: ArrayLike<number>, theta: Float64Array): DerivativeBuffers {
  const pts = pointsOf(xs);
  const model = def.ansatz(network(pts), pts);
  const out = buffers(pts.m, model.p);
  model.derivatives(theta, out);
  return out;
}

describe('PDE ansatz', () => {
  for (const { name, spec, domain } of EQUATIONS) {
    it(`${name}: v′, v″ match finite differences in x; J, Jx, Jxx in θ (extras included)`, () => {
      const def = pdeDefinition(spec, domain);
      const [a, b] = def.domain;
      const xs = [a + 0.11 * (b - a), a + 0.5 * (b - a), a + 0.93 * (b - a)];
      const pts = pointsOf(xs);
      const model = def.ansatz(network(pts), pts);
      const pNet = 19; // [1, 6, 1]: W1 6, b1 6, W2 6, b2 1
      expect(model.p).toBe(pNet + def.extraParameters);
      const theta = randomTheta(model.p, 21);
      const d = ansatzDerivatives(def, xs, theta);
      const m = xs.length;
      const p = model.p;

      // values() and jacobian() agree with derivatives()
      const v = new Float64Array(m);
      const J = new Float64Array(m * p);
      model.values(theta, v);
      for (let i = 0; i < m; i++) expect(v[i]).toBeCloseTo(d.v[i], 14);
      model.jacobian(theta, v, J);
      for (let k = 0; k < m * p; k++) expect(J[k]).toBeCloseTo(d.J[k], 14);

      // x-derivatives
      const h = 1e-5;
      const plus = ansatzDerivatives(
        def,
        xs.map((x) => x + h),
        theta,
      );
      const minus = ansatzDerivatives(
        def,
        xs.map((x) => x - h),
        theta,
      );
      for (let i = 0; i < m; i++) {
        expect(d.vx[i]).toBeCloseTo((plus.v[i] - minus.v[i]) / (2 * h), 7);
        expect(d.vxx[i]).toBeCloseTo((plus.vx[i] - minus.vx[i]) / (2 * h), 7);
        for (let j = 0; j < p; j++) {
          expect(d.Jx[i * p + j]).toBeCloseTo((plus.J[i * p + j] - minus.J[i * p + j]) / (2 * h), 7);
        }
      }

      // θ-Jacobians
      const shifted = Float64Array.from(theta);
      for (let j = 0; j < p; j++) {
        const ht = 1e-6;
        shifted[j] = theta[j] + ht;
        const dp = ansatzDerivatives(def, xs, shifted);
        shifted[j] = theta[j] - ht;
        const dm = ansatzDerivatives(def, xs, shifted);
        shifted[j] = theta[j];
        for (let i = 0; i < m; i++) {
          expect(d.J[i * p + j]).toBeCloseTo((dp.v[i] - dm.v[i]) / (2 * ht), 7);
          expect(d.Jx[i * p + j]).toBeCloseTo((dp.vx[i] - dm.vx[i]) / (2 * ht), 7);
          expect(d.Jxx[i * p + j]).toBeCloseTo((dp.vxx[i] - dm.vxx[i]) / (2 * ht), 6);
        }
      }
    });
  }

  it('boundary conditions hold for any θ: v(0) = v(1) = 0 (RD), v′(±1) = 0 (nonlinear), v(a) = v(b) = 0 (poisson)', () => {
    for (const seed of [1, 2, 3]) {
      const rd = pdeDefinition({ kind: 'pde', equation: 'reaction-diffusion' }, [0, 1]);
      const d1 = ansatzDerivatives(rd, [0, 1], randomTheta(19, seed, 2));
      expect(Math.abs(d1.v[0])).toBeLessThan(1e-15);
      expect(Math.abs(d1.v[1])).toBeLessThan(1e-15);
      const nl = pdeDefinition({ kind: 'pde', equation: 'nonlinear' }, [-1, 1]);
      const thetaNl = randomTheta(21, seed, 2);
      const d2 = ansatzDerivatives(nl, [-1, 1], thetaNl);
      expect(Math.abs(d2.vx[0])).toBeLessThan(1e-14);
      expect(Math.abs(d2.vx[1])).toBeLessThan(1e-14);
      expect(d2.v[0]).not.toBeCloseTo(0, 3); // Neumann only: the value is free (c, a)
      const po = pdeDefinition({ kind: 'pde', equation: 'poisson' }, [-0.3, 1.7]);
      const d3 = ansatzDerivatives(po, [-0.3, 1.7], randomTheta(19, seed, 2));
      expect(Math.abs(d3.v[0])).toBeLessThan(1e-15);
      expect(Math.abs(d3.v[1])).toBeLessThan(1e-15);
    }
  });

  it('the equation fixes the domain of RD and nonlinear; poisson uses the scenario domain', () => {
    expect(buildProblem(scenarioFor({ kind: 'pde', equation: 'reaction-diffusion' }, [-5, 5])).domain).toEqual([
      [0, 1],
    ]);
    expect(buildProblem(scenarioFor({ kind: 'pde', equation: 'nonlinear' }, [0, 1])).domain).toEqual([[-1, 1]]);
    expect(buildProblem(scenarioFor({ kind: 'pde', equation: 'poisson' }, [-2, 3])).domain).toEqual([[-2, 3]]);
    const nl = buildProblem(scenarioFor({ kind: 'pde', equation: 'nonlinear' }));
    expect(nl.extraParameters).toBe(2);
    expect(nl.p).toBe(21);
    const points = nl.points!;
    for (let i = 0; i < points.m; i++) expect(Math.abs(points.x[i])).toBeLessThan(1);
  });
});

// ---- objectives ----------------------------------------------------------------------------------

describe('PDE objectives', () => {
  for (const { name, spec, domain } of EQUATIONS) {
    it(`${name}: J_R matches finite differences of R(θ); ∇L = J_Rᵀ g_z matches FD of the loss`, () => {
      const built = buildProblem(scenarioFor(spec, domain, 12));
      const obj = built.objective;
      const { p, nZ } = obj;
      expect(obj.zIsV).toBe(false);
      expect(obj.nV).toBe(12);
      expect(nZ).toBe(12);
      const theta = randomTheta(p, 4);
      if (spec.equation === 'nonlinear') {
        theta[p - 2] = 0.7; // c, a large enough that 3v² matters
        theta[p - 1] = -0.9;
      }
      const ev = obj.createEvaluation();
      obj.evaluate(theta, ev, true);
      const w = obj.metric!;
      let loss = 0;
      for (let i = 0; i < nZ; i++) {
        loss += 0.5 * w[i] * ev.z[i] ** 2;
        expect(ev.gz[i]).toBeCloseTo(w[i] * ev.z[i], 15);
      }
      expect(ev.loss).toBeCloseTo(loss, 12);
      expect(obj.loss(theta)).toBe(ev.loss);
      const H = obj.lossHessian(ev.z);
      expect(H.kind === 'diag' && Array.from(H.d)).toEqual(Array.from(w));

      const gradient = new Float64Array(p);
      matTVec(ev.Jz, nZ, p, ev.gz, gradient);
      const ep = obj.createEvaluation();
      const em = obj.createEvaluation();
      const shifted = Float64Array.from(theta);
      for (let j = 0; j < p; j++) {
        const h = 1e-6;
        shifted[j] = theta[j] + h;
        obj.evaluate(shifted, ep, false);
        shifted[j] = theta[j] - h;
        obj.evaluate(shifted, em, false);
        shifted[j] = theta[j];
        for (let i = 0; i < nZ; i++) {
          const fd = (ep.z[i] - em.z[i]) / (2 * h);
          expect(Math.abs(ev.Jz[i * p + j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
          const fdv = (ep.v[i] - em.v[i]) / (2 * h);
          expect(Math.abs(ev.Jv[i * p + j] - fdv)).toBeLessThan(1e-7);
        }
        const fdLoss =
          (obj.loss(Float64Array.from(shifted.map((t, k) => (k === j ? t + h : t)))) -
            obj.loss(Float64Array.from(shifted.map((t, k) => (k === j ? t - h : t))))) /
          (2 * h);
        expect(Math.abs(gradient[j] - fdLoss)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fdLoss)));
      }
    });
  }

  it('the nonlinear residual Jacobian carries the 3v² term', () => {
    const built = buildProblem(scenarioFor({ kind: 'pde', equation: 'nonlinear' }, [-1, 1], 8));
    const obj = built.objective;
    const p = obj.p;
    const theta = new Float64Array(p);
    theta[p - 2] = 1.5; // v ≡ c = 1.5: R = v³ − f, ∂R/∂c = 3c²
    const ev = obj.createEvaluation();
    obj.evaluate(theta, ev, true);
    for (let i = 0; i < obj.nZ; i++) expect(ev.Jz[i * p + p - 2]).toBeCloseTo(3 * 1.5 * 1.5, 12);
  });

  it('Newton: JᵀWJ + Σ (g_z)_i ∇²z_i equals the finite-difference Hessian of L', () => {
    const built = buildProblem(scenarioFor({ kind: 'pde', equation: 'nonlinear' }, [-1, 1], 10));
    const obj = built.objective;
    const p = obj.p;
    expect(obj.exactHessianTerm).toBe(true);
    const theta = randomTheta(p, 9);
    theta[p - 2] = 0.4;
    theta[p - 1] = 0.3;
    const ev = obj.createEvaluation();
    obj.evaluate(theta, ev, true);
    const H = new Float64Array(p * p);
    gram(ev.Jz, obj.nZ, p, obj.metric, H);
    const second = new Float64Array(p * p);
    obj.hessianContraction(theta, Float64Array.from(ev.gz), second);
    for (let k = 0; k < p * p; k++) H[k] += second[k];
    // FD of the gradient ∇L(θ) = J_zᵀ g_z (a different map from the J_zᵀa used inside).
    const grad = (t: Float64Array): Float64Array => {
      const e = obj.createEvaluation();
      obj.evaluate(t, e, true);
      const g = new Float64Array(p);
      matTVec(e.Jz, obj.nZ, p, e.gz, g);
      return g;
    };
    let scale = 0;
    for (let k = 0; k < p * p; k++) scale = Math.max(scale, Math.abs(H[k]));
    for (let j = 0; j < p; j++) {
      const h = 1e-5;
      const tp = Float64Array.from(theta);
      tp[j] += h;
      const tm = Float64Array.from(theta);
      tm[j] -= h;
      const gp = grad(tp);
      const gm = grad(tm);
      for (let k = 0; k < p; k++) {
        expect(Math.abs(H[k * p + j] - (gp[k] - gm[k]) / (2 * h))).toBeLessThan(1e-6 * scale);
      }
    }
    // symmetric
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) expect(second[j * p + k]).toBe(second[k * p + j]);
  });

  it('error is ‖v − u‖_W against the exact solution, relative to ‖u‖_W', () => {
    const built = buildProblem(scenarioFor({ kind: 'pde', equation: 'reaction-diffusion' }, [0, 1], 20));
    const obj = built.objective;
    const theta = new Float64Array(obj.p); // v ≡ 0
    const pts = built.points!;
    let norm = 0;
    for (let i = 0; i < pts.m; i++) norm += pts.w[i] * rdExact(0.1, pts.x[i])[0] ** 2;
    const error = obj.error(theta)!;
    expect(error.abs).toBeCloseTo(Math.sqrt(norm), 14);
    expect(error.rel).toBeCloseTo(1, 14);
    const ref = built.referenceValues(pts)!;
    for (let i = 0; i < pts.m; i++) expect(ref[i]).toBeCloseTo(rdExact(0.1, pts.x[i])[0], 14);
    // bindModel gives the ansatz on other points
    const plot = pointsOf([0, 0.5, 1]);
    const model = built.bindModel(plot);
    const v = new Float64Array(3);
    model.values(randomTheta(obj.p, 2), v);
    expect(v[0]).toBe(0);
    expect(v[2]).toBe(0);
  });

  it('a linear model works as the network of a PDE ansatz', () => {
    const built = buildProblem(
      scenarioFor({ kind: 'pde', equation: 'poisson' }, [0, 1], 16, { kind: 'linear', basis: 'legendre', n: 5 }),
    );
    expect(built.p).toBe(5);
    const obj = built.objective;
    const theta = randomTheta(5, 1);
    const ev = obj.createEvaluation();
    obj.evaluate(theta, ev, true);
    expect(ev.z.every(Number.isFinite)).toBe(true);
  });

  it('rejects a model without x-derivatives', () => {
    const spec: ModelSpec = { kind: 'toy', name: 'linear' };
    expect(() => buildProblem(scenarioFor({ kind: 'pde', equation: 'poisson' }, [0, 1], 8, spec))).toThrow(
      /x-derivatives/,
    );
  });
});
