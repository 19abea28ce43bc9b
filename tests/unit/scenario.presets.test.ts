// The presets encode the paper's lessons: these tests check, from the formulas of docs/ALGORITHMS.md §7 computed
// here independently of the engine, that each toy preset's numbers really show its lesson.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, SCENARIO_PRESETS, type ScenarioPreset } from '../../src/engine/scenario/presets';
import { resolveOptimizer } from '../../src/engine/scenario/defaults';
import { validateScenario } from '../../src/engine/scenario/validate';
import type { ModelSpec, ResolvedOptimizer, Scenario } from '../../src/engine/scenario/types';

type Mat = number[][];

function find(key: string): ScenarioPreset {
  const p = SCENARIO_PRESETS.find((x) => x.key === key);
  if (!p) throw new Error(`no preset ${key}`);
  return p;
}

function optimizers(s: Scenario): ResolvedOptimizer[] {
  return s.optimizers.map(resolveOptimizer);
}

function byPreconditioner(s: Scenario, preconditioner: string, momentum = 'none'): ResolvedOptimizer {
  const o = optimizers(s).find((x) => x.preconditioner === preconditioner && x.momentum === momentum);
  if (!o) throw new Error(`no ${preconditioner}/${momentum} optimizer`);
  return o;
}

// ---- 2 × 2 algebra and the toys of §7, written from the spec --------------------------------------

const DEFAULT_B: Mat = [
  [1, 0],
  [0, 0.2],
];
const I2: Mat = [
  [1, 0],
  [0, 1],
];

function matVec(A: Mat, x: number[]): number[] {
  return A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
}
function transpose(A: Mat): Mat {
  return A[0].map((_, j) => A.map((row) => row[j]));
}
function matMul(A: Mat, B: Mat): Mat {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
}
function solve2(A: Mat, b: number[]): number[] {
  const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
  return [(A[1][1] * b[0] - A[0][1] * b[1]) / det, (A[0][0] * b[1] - A[1][0] * b[0]) / det];
}
function sub(a: number[], b: number[]): number[] {
  return a.map((x, i) => x - b[i]);
}
function norm(a: number[]): number {
  return Math.hypot(...a);
}
function cosine(a: number[], b: number[]): number {
  return (a[0] * b[0] + a[1] * b[1]) / (norm(a) * norm(b));
}

interface Toy {
  B: Mat;
  K: Mat;
  cu: number[];
  theta0: number[];
}

/** The linear toy: c = Bᵀθ, J = ∂c/∂θ = Bᵀ (rows: coefficients). */
function linearToy(s: Scenario): Toy {
  const model = s.model as Extract<ModelSpec, { kind: 'toy' }>;
  expect(model.kind).toBe('toy');
  expect(['linear', 'kernel']).toContain(model.name);
  const target = s.problem.target;
  if (target?.kind !== 'coefficients' || s.problem.loss.kind !== 'l2' || !('theta0' in s.init))
    throw new Error('not a toy');
  return { B: model.params?.B ?? DEFAULT_B, K: s.problem.loss.K ?? I2, cu: target.c, theta0: s.init.theta0 };
}

function coefficients(t: Toy, theta: number[]): number[] {
  return matVec(transpose(t.B), theta);
}

/** One step θ − α S⁻¹ ∇L with ∇L = JᵀK(c − c_u), J = Bᵀ, and S = I, G = JᵀJ or G^H = JᵀKJ. */
function step(t: Toy, theta: number[], metric: 'identity' | 'gram' | 'loss-hessian', alpha: number): number[] {
  const J = transpose(t.B);
  const grad = matVec(transpose(J), matVec(t.K, sub(coefficients(t, theta), t.cu)));
  const S =
    metric === 'identity' ? I2 : metric === 'gram' ? matMul(transpose(J), J) : matMul(matMul(transpose(J), t.K), J);
  const d = solve2(S, grad);
  return theta.map((x, i) => x - alpha * d[i]);
}

describe('the gallery', () => {
  it('validates every preset, with unique keys and a title and sentence each', () => {
    const keys = new Set<string>();
    for (const p of SCENARIO_PRESETS) {
      expect(validateScenario(p.scenario).ok, p.key).toBe(true);
      expect(keys.has(p.key), p.key).toBe(false);
      keys.add(p.key);
      expect(p.title).toBe(p.scenario.title);
      expect(p.sentence).toMatch(/^\S.*\.$/);
    }
  });

  it("tells the paper's story first, then the groups in order", () => {
    expect(SCENARIO_PRESETS.slice(0, 7).map((p) => p.key)).toEqual([
      'orthonormal-gd',
      'parametrisation-bias',
      'ngd-one-step',
      'kernel-nhgd',
      'newton-linear',
      'curved-manifold',
      'local-minimum',
    ]);
    const groups = SCENARIO_PRESETS.map((p) => p.group).filter((g, i, all) => i === 0 || all[i - 1] !== g);
    expect(groups).toEqual(['paper', 'regression', 'pde', 'classification', 'time-series', '2d']);
    for (const p of SCENARIO_PRESETS.slice(0, 7)) {
      expect(p.scenario.problem.space).toBe('exact');
      expect(p.scenario.problem.target?.kind).toBe('coefficients');
    }
  });

  it('hands out copies: editing one preset changes no other', () => {
    const a = find('parametrisation-bias').scenario;
    const b = find('ngd-one-step').scenario;
    expect(a.problem.target).not.toBe(b.problem.target);
    expect(a.init).not.toBe(b.init);
    expect(DEFAULT_SCENARIO).not.toBe(find('local-minimum').scenario);
  });
});

describe("the paper's lessons hold for the preset numbers", () => {
  it('orthonormal basis: GD points straight at the target', () => {
    const s = find('orthonormal-gd').scenario;
    const t = linearToy(s);
    expect(t.B).toEqual(I2);
    expect(t.K).toEqual(I2);
    const gd = byPreconditioner(s, 'identity');
    const c0 = coefficients(t, t.theta0);
    const c1 = coefficients(t, step(t, t.theta0, 'identity', gd.alpha));
    expect(cosine(sub(c1, c0), sub(t.cu, c0))).toBeCloseTo(1, 12);
  });

  it('B = diag(1, 0.2): the GD step leaves the straight line, the NGD step does not', () => {
    const s = find('parametrisation-bias').scenario;
    const t = linearToy(s);
    expect(t.B).toEqual(DEFAULT_B);
    const c0 = coefficients(t, t.theta0);
    const towards = sub(t.cu, c0);
    const gdStep = sub(coefficients(t, step(t, t.theta0, 'identity', byPreconditioner(s, 'identity').alpha)), c0);
    const ngdStep = sub(coefficients(t, step(t, t.theta0, 'gram', byPreconditioner(s, 'gram').alpha)), c0);
    expect(Math.acos(cosine(gdStep, towards)) * (180 / Math.PI)).toBeGreaterThan(20);
    expect(cosine(ngdStep, towards)).toBeCloseTo(1, 12);
  });

  it('NGD with α = 1 lands on the target in one step; GD does not', () => {
    const s = find('ngd-one-step').scenario;
    const t = linearToy(s);
    const ngd = byPreconditioner(s, 'gram');
    expect(ngd.alpha).toBe(1);
    expect(norm(sub(coefficients(t, step(t, t.theta0, 'gram', 1)), t.cu))).toBeLessThan(1e-14);
    const gd = byPreconditioner(s, 'identity');
    expect(norm(sub(coefficients(t, step(t, t.theta0, 'identity', gd.alpha)), t.cu))).toBeGreaterThan(0.5);
    expect(optimizers(s).some((o) => o.momentum === 'heavy-ball')).toBe(true);
  });

  it('K = diag(1, 4): NHGD with α = 1 is exact in one step, NGD is not, and the preset NGD step is stable', () => {
    const s = find('kernel-nhgd').scenario;
    const t = linearToy(s);
    expect((s.model as { name: string }).name).toBe('kernel');
    expect(t.K).toEqual([
      [1, 0],
      [0, 4],
    ]);
    expect(byPreconditioner(s, 'loss-hessian').alpha).toBe(1);
    expect(norm(sub(coefficients(t, step(t, t.theta0, 'loss-hessian', 1)), t.cu))).toBeLessThan(1e-14);
    expect(norm(sub(coefficients(t, step(t, t.theta0, 'gram', 1)), t.cu))).toBeGreaterThan(0.5);
    // With B invertible, NGD moves c by −αK(c − c_u): stable iff |1 − α λ| < 1 for the eigenvalues 1, 4 of K.
    const alpha = byPreconditioner(s, 'gram').alpha;
    for (const lambda of [1, 4]) expect(Math.abs(1 - alpha * lambda)).toBeLessThan(1);
  });

  it('Newton = NGD on the linear toy: the same metric and the same step', () => {
    const s = find('newton-linear').scenario;
    const t = linearToy(s);
    expect(t.K).toEqual(I2);
    // Linear model: ∇²_θ c = 0, so H = JᵀKJ = JᵀJ = G when K = I.
    const newton = byPreconditioner(s, 'newton');
    const ngd = byPreconditioner(s, 'gram');
    expect(newton.alpha).toBe(ngd.alpha);
    expect(newton.solver).toEqual(ngd.solver);
  });

  it('curved manifold: the target is on the quadratic manifold (c_u = c(1, 1) with the §7 defaults)', () => {
    const s = find('curved-manifold').scenario;
    expect(s.model).toEqual({ kind: 'toy', name: 'quadratic' });
    expect(s.problem.loss).toEqual({
      kind: 'l2',
      K: [
        [1, 0],
        [0, 4],
      ],
    });
    // c_j = Σ_i θ_i (B_ij + Σ_l Q_ijl θ_l), Q[0][1][0] = 0.5, Q[1][0][1] = −0.3.
    const Q = [
      [
        [0, 0],
        [0.5, 0],
      ],
      [
        [0, -0.3],
        [0, 0],
      ],
    ];
    const c = (theta: number[]): number[] =>
      [0, 1].map((j) =>
        [0, 1].reduce(
          (sum, i) => sum + theta[i] * (DEFAULT_B[i][j] + Q[i][j][0] * theta[0] + Q[i][j][1] * theta[1]),
          0,
        ),
      );
    const target = s.problem.target;
    expect(target?.kind === 'coefficients' && target.c).toEqual(c([1, 1]));
    expect(new Set(optimizers(s).map((o) => o.preconditioner))).toEqual(
      new Set(['identity', 'gram', 'loss-hessian', 'newton']),
    );
  });

  describe('the local minimum (the default scenario)', () => {
    const s = DEFAULT_SCENARIO;
    const model = s.model as Extract<ModelSpec, { kind: 'toy' }>;
    const { a = 3, s: scale = 0.1, phi_deg: phiDeg = 0 } = model.params ?? {};
    const phi = (phiDeg * Math.PI) / 180;
    const b = [Math.cos(phi), Math.sin(phi)];
    const bPerp = [-Math.sin(phi), Math.cos(phi)];
    const curve = (theta: number): number[] => [0, 1].map((j) => scale * (theta * b[j] + a * theta * theta * bPerp[j]));
    const K = s.problem.loss.kind === 'l2' ? (s.problem.loss.K ?? I2) : I2;
    const cu = s.problem.target?.kind === 'coefficients' ? s.problem.target.c : [NaN, NaN];
    const loss = (theta: number): number => {
      const r = sub(curve(theta), cu);
      return 0.5 * (r[0] * (K[0][0] * r[0] + K[0][1] * r[1]) + r[1] * (K[1][0] * r[0] + K[1][1] * r[1]));
    };

    it('is the §7 set-up: curve, φ = 0, a = 3, s = 0.1, K = diag(4, 1), c_u = c(−1), θ_0 = 1.6, 100 iterations', () => {
      expect(model).toEqual({ kind: 'toy', name: 'curve', params: { phi_deg: 0, a: 3, s: 0.1 } });
      expect(K).toEqual([
        [4, 0],
        [0, 1],
      ]);
      expect(cu[0]).toBeCloseTo(-0.1, 15);
      expect(cu[1]).toBeCloseTo(0.3, 15);
      expect(norm(sub(curve(-1), cu))).toBeLessThan(1e-15);
      expect(s.init).toEqual({ theta0: [1.6] });
      expect(s.run.iterations).toBe(100);
    });

    it('runs NHGD (α 0.5), natural Heavy-Ball and natural Nesterov (loss-hessian, α 0.3, β 0.9)', () => {
      const [nhgd, hb, nest] = optimizers(s);
      expect(nhgd).toMatchObject({ preconditioner: 'loss-hessian', momentum: 'none', alpha: 0.5 });
      const natural = { preconditioner: 'loss-hessian', alpha: 0.3, beta: 0.9, transport: 'projected-difference' };
      expect(hb).toMatchObject({ ...natural, momentum: 'heavy-ball' });
      expect(nest).toMatchObject({ ...natural, momentum: 'nesterov', lookahead: 'tangent-k' });
    });

    it('has a spurious local minimum near θ = 0.667 with L ≈ 6.9e-2, and θ_0 = 1.6 lies in its basin', () => {
      const h = 1e-4;
      const minima: number[] = [];
      for (let theta = -2; theta <= 2; theta += h) {
        if (loss(theta) < loss(theta - h) && loss(theta) < loss(theta + h)) minima.push(theta);
      }
      expect(minima).toHaveLength(2);
      expect(minima[0]).toBeCloseTo(-1, 3);
      expect(loss(minima[0])).toBeLessThan(1e-8);
      expect(minima[1]).toBeGreaterThan(0.66);
      expect(minima[1]).toBeLessThan(0.675);
      expect(loss(minima[1])).toBeCloseTo(6.9e-2, 3);
      // L increases all the way from the spurious minimum to θ_0: plain descent from 1.6 ends there.
      for (let theta = minima[1] + h; theta <= 1.6; theta += h) expect(loss(theta)).toBeGreaterThan(loss(theta - h));
    });
  });
});

describe('the other presets are what the gallery promises', () => {
  const kinds = (s: Scenario): string[] => optimizers(s).map((o) => `${o.preconditioner}/${o.momentum}`);

  it('sine: a 1-20-1 tanh network, GD, Adam, NGD and natural Heavy-Ball', () => {
    const s = find('sine-mlp').scenario;
    expect(s.model).toEqual({ kind: 'mlp', layers: [1, 20, 1], activation: 'tanh' });
    expect(kinds(s)).toEqual(['identity/none', 'adam/none', 'gram/none', 'loss-hessian/heavy-ball']);
  });

  it('Runge: 12 Legendre polynomials, GD, NGD and L-BFGS', () => {
    const s = find('runge-legendre').scenario;
    expect(s.problem.target).toEqual({ kind: 'expression', expr: '1/(1+25*x^2)' });
    expect(s.model).toEqual({ kind: 'linear', basis: 'legendre', n: 12 });
    expect(kinds(s)).toEqual(['identity/none', 'gram/none', 'lbfgs/none']);
  });

  it('reaction–diffusion ε = 0.1 and 0.01, nonlinear on [−1, 1]: mlp [1, 20, 1] on 200 points', () => {
    const rd = find('reaction-diffusion').scenario;
    expect(rd.problem.loss).toEqual({ kind: 'pde', equation: 'reaction-diffusion', eps: 0.1 });
    expect(rd.problem.domain).toEqual([[0, 1]]);
    expect(kinds(rd)).toEqual([
      'adam/none',
      'lbfgs/none',
      'gram/none',
      'loss-hessian/none',
      'loss-hessian/heavy-ball',
      'loss-hessian/nesterov',
    ]);
    expect(find('reaction-diffusion-thin').scenario.problem.loss).toEqual({
      kind: 'pde',
      equation: 'reaction-diffusion',
      eps: 0.01,
    });
    expect(find('nonlinear-neumann').scenario.problem.domain).toEqual([[-1, 1]]);
    for (const p of SCENARIO_PRESETS.filter((x) => x.group === 'pde')) {
      expect(p.scenario.model).toEqual({ kind: 'mlp', layers: [1, 20, 1], activation: 'tanh' });
      expect(p.scenario.problem.quadrature?.m).toBe(200);
    }
  });

  it('XOR, Mackey–Glass, Franke and the bump formula', () => {
    const xor = find('xor').scenario;
    expect(xor.problem.target).toEqual({ kind: 'dataset', name: 'xor', n: 200, noise: 0.1, seed: 1 });
    expect(xor.problem.loss).toEqual({ kind: 'cross-entropy' });
    expect(xor.model).toEqual({ kind: 'mlp', layers: [2, 8, 1], activation: 'tanh', output: 'sigmoid' });
    const mg = find('mackey-glass').scenario;
    expect(mg.problem.target).toMatchObject({ kind: 'dataset', name: 'mackey-glass', n: 500 });
    expect(mg.model).toMatchObject({ kind: 'mlp', layers: [4, 10, 1] });
    expect(find('franke-mlp').scenario.model).toMatchObject({ kind: 'mlp', layers: [2, 20, 1] });
    expect(find('franke-mlp').scenario.problem.domain).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(find('franke-tensor').scenario.model).toEqual({
      kind: 'tensor',
      format: 'cp',
      rank: 3,
      basis: 'legendre',
      n: 6,
    });
    const bump = find('bump-expression').scenario;
    expect(bump.model).toEqual({ kind: 'expression', expr: 'a*exp(-b*(x-c)^2)', params: ['a', 'b', 'c'] });
    expect(bump.problem.target).toEqual({ kind: 'expression', expr: 'exp(-20*(x-0.3)^2)' });
  });

  it('uses step sizes in the documented ranges', () => {
    for (const p of SCENARIO_PRESETS.filter((x) => x.group !== 'paper')) {
      for (const o of optimizers(p.scenario)) {
        if (o.preconditioner === 'adam') expect(o.alpha, p.key).toBeLessThanOrEqual(0.05);
        if (o.preconditioner === 'gram' || o.preconditioner === 'loss-hessian') {
          expect(o.alpha, p.key).toBeGreaterThanOrEqual(0.1);
          expect(o.alpha, p.key).toBeLessThanOrEqual(0.5);
          // The reduced-order model's Gram matrix is singular with fewer samples than modes: least squares.
          const solver =
            p.scenario.model.kind === 'rom' ? { kind: 'lstsq', rcond: 1e-5 } : { kind: 'cholesky', eps: 1e-6 };
          expect(o.solver, p.key).toEqual(solver);
        }
      }
    }
  });
});
