// buildProblem: the Objective semantics of every space and loss, best-approximation errors, resampling.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import { matTVec } from '../../src/engine/linalg';
import { buildProblem, problemParameterCount } from '../../src/engine/problems/build';
import type { Objective } from '../../src/engine/problems/objective';
import type { LossSpec, ModelSpec, Problem, Scenario, Target } from '../../src/engine/scenario/types';

function scenario(problem: Problem, model: ModelSpec): Scenario {
  return {
    version: 1,
    problem,
    model,
    init: { seed: 1 },
    optimizers: [{ id: 'gd', preconditioner: 'identity' }],
    run: { iterations: 1 },
  };
}

function sampled(
  target: Target,
  loss: LossSpec,
  model: ModelSpec,
  m = 24,
  domain: [number, number][] = [[-1, 1]],
): Scenario {
  return scenario({ space: 'sampled', domain, target, loss, quadrature: { kind: 'gauss-legendre', m } }, model);
}

function randomTheta(p: number, seed: number, scale = 0.8): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: p }, () => rng.uniform(-scale, scale));
}

/** ∇L = J_zᵀ g_z against central differences of objective.loss. */
function checkGradient(obj: Objective, theta: Float64Array, tol = 1e-6): void {
  const { p, nZ } = obj;
  const ev = obj.createEvaluation();
  obj.evaluate(theta, ev, true);
  expect(obj.loss(theta)).toBe(ev.loss);
  const gradient = new Float64Array(p);
  matTVec(ev.Jz, nZ, p, ev.gz, gradient);
  for (let j = 0; j < p; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(theta[j]));
    const tp = Float64Array.from(theta);
    tp[j] += h;
    const tm = Float64Array.from(theta);
    tm[j] -= h;
    const fd = (obj.loss(tp) - obj.loss(tm)) / (2 * h);
    expect(Math.abs(gradient[j] - fd)).toBeLessThan(tol * Math.max(1, Math.abs(fd)));
  }
}

const MLP: ModelSpec = { kind: 'mlp', layers: [1, 5, 1], activation: 'tanh' };
const LEGENDRE4: ModelSpec = { kind: 'linear', basis: 'legendre', n: 4 };

describe('exact spaces', () => {
  const problem = (target: Target, K?: number[][]): Problem => ({
    space: 'exact',
    domain: [[-1, 1]],
    target,
    loss: K ? { kind: 'l2', K } : { kind: 'l2' },
  });

  it('kernel toy: c = Bᵀθ, loss ½(c − c_u)ᵀK(c − c_u), g = K(c − c_u), H = K, error ‖c − c_u‖', () => {
    const built = buildProblem(
      scenario(
        problem({ kind: 'coefficients', c: [0.4, -0.3] }, [
          [1, 0],
          [0, 4],
        ]),
        { kind: 'toy', name: 'kernel' },
      ),
    );
    const obj = built.objective;
    expect([obj.p, obj.nV, obj.nZ, obj.metric, obj.zIsV]).toEqual([2, 2, 2, null, true]);
    expect(built.points).toBeNull();
    expect(Array.from(built.exactSpace!.cu)).toEqual([0.4, -0.3]);
    const theta = Float64Array.of(1.5, -2);
    const ev = obj.createEvaluation();
    obj.evaluate(theta, ev, true);
    const c = [1.5, 0.2 * -2]; // default B = diag(1, 0.2)
    expect(Array.from(ev.v)).toEqual(c);
    const d = [c[0] - 0.4, c[1] + 0.3];
    expect(ev.loss).toBeCloseTo(0.5 * (d[0] ** 2 + 4 * d[1] ** 2), 15);
    expect(ev.gz[0]).toBeCloseTo(d[0], 15);
    expect(ev.gz[1]).toBeCloseTo(4 * d[1], 15);
    const H = obj.lossHessian(ev.z);
    expect(H.kind === 'dense' && Array.from(H.H)).toEqual([1, 0, 0, 4]);
    const error = obj.error(theta)!;
    expect(error.abs).toBeCloseTo(Math.hypot(d[0], d[1]), 15);
    expect(error.rel).toBeCloseTo(Math.hypot(d[0], d[1]) / 0.5, 14);
    checkGradient(obj, theta);
    expect(built.referenceValues({ d: 1, m: 1, x: Float64Array.of(0), w: Float64Array.of(1) })).toBeNull();
  });

  it('no error where the best approximation is unknown (quadratic, curve) or not c_u (singular B)', () => {
    const target: Target = { kind: 'coefficients', c: [0.1, 0.2] };
    expect(
      buildProblem(scenario(problem(target), { kind: 'toy', name: 'quadratic' })).objective.error(
        Float64Array.of(1, 1),
      ),
    ).toBeNull();
    expect(
      buildProblem(scenario(problem(target), { kind: 'toy', name: 'curve' })).objective.error(Float64Array.of(1)),
    ).toBeNull();
    const singular = buildProblem(
      scenario(problem(target), {
        kind: 'toy',
        name: 'linear',
        params: {
          B: [
            [1, 0.5],
            [2, 1],
          ],
        },
      }),
    );
    expect(singular.objective.error(Float64Array.of(1, 1))).toBeNull();
  });

  it('curve toy: gradient and Newton term from the model', () => {
    const built = buildProblem(
      scenario(
        problem({ kind: 'coefficients', c: [-0.1, 0.3] }, [
          [4, 0],
          [0, 1],
        ]),
        { kind: 'toy', name: 'curve' },
      ),
    );
    checkGradient(built.objective, Float64Array.of(1.6));
    expect(built.objective.exactHessianTerm).toBe(true);
  });

  it('an expression target is projected on (sin 2πx, cos 2πx)', () => {
    const built = buildProblem(
      scenario(problem({ kind: 'expression', expr: '0.25*cos(2*pi*x) + 0.5*sin(2*pi*x)' }), {
        kind: 'toy',
        name: 'linear',
      }),
    );
    expect(built.exactSpace!.cu[0]).toBeCloseTo(0.5, 13);
    expect(built.exactSpace!.cu[1]).toBeCloseTo(0.25, 13);
  });

  it('rejects models and losses that do not belong to an exact space', () => {
    expect(() => buildProblem(scenario(problem({ kind: 'coefficients', c: [0, 0] }), MLP))).toThrow(/toy/);
    expect(() =>
      buildProblem(
        scenario(
          { ...problem({ kind: 'coefficients', c: [0, 0] }), loss: { kind: 'h1' } },
          { kind: 'toy', name: 'linear' },
        ),
      ),
    ).toThrow(/l2/);
  });
});

describe('sampled l2', () => {
  it('z = v, metric = w, loss ½Σw(v − u)², g = w(v − u), H = diag(w)', () => {
    const built = buildProblem(sampled({ kind: 'expression', expr: 'sin(pi*x)' }, { kind: 'l2' }, MLP, 16));
    const obj = built.objective;
    const pts = built.points!;
    expect([obj.nV, obj.nZ, obj.zIsV, obj.p]).toEqual([16, 16, true, 16]);
    expect(Array.from(obj.metric!)).toEqual(Array.from(pts.w));
    const theta = randomTheta(obj.p, 3);
    const ev = obj.createEvaluation();
    obj.evaluate(theta, ev, true);
    expect(ev.z).toBe(ev.v);
    expect(ev.Jz).toBe(ev.Jv);
    let loss = 0;
    for (let i = 0; i < 16; i++) {
      const r = ev.v[i] - Math.sin(Math.PI * pts.x[i]);
      loss += 0.5 * pts.w[i] * r * r;
      expect(ev.gz[i]).toBeCloseTo(pts.w[i] * r, 15);
    }
    expect(ev.loss).toBeCloseTo(loss, 15);
    const H = obj.lossHessian(ev.z);
    expect(H.kind === 'diag' && Array.from(H.d)).toEqual(Array.from(pts.w));
    checkGradient(obj, theta);
    expect(obj.error(theta)).toBeNull(); // mlp: no best approximation known
    const ref = built.referenceValues(pts)!;
    expect(ref[3]).toBeCloseTo(Math.sin(Math.PI * pts.x[3]), 15);
  });

  it('linear model, target in the span: the best-approximation error is 0 at the right θ', () => {
    // Legendre P0..P3 on [−1, 1]: u = 1 + 0.5 P1 − 0.25 P2 + 0.1 P3.
    const expr = '1 + 0.5*x - 0.25*(3*x^2 - 1)/2 + 0.1*(5*x^3 - 3*x)/2';
    for (const kind of ['grid', 'gauss-legendre', 'monte-carlo'] as const) {
      const built = buildProblem(
        scenario(
          {
            space: 'sampled',
            domain: [[-1, 1]],
            target: { kind: 'expression', expr },
            loss: { kind: 'l2' },
            quadrature: { kind, m: 40, seed: 2 },
          },
          LEGENDRE4,
        ),
      );
      const obj = built.objective;
      const exact = obj.error(Float64Array.of(1, 0.5, -0.25, 0.1))!;
      expect(exact.abs).toBeLessThan(1e-13);
      // at θ = 0 the distance is ‖u‖_W and the relative error 1
      const pts = built.points!;
      const u = built.referenceValues(pts)!;
      let norm = 0;
      for (let i = 0; i < pts.m; i++) norm += pts.w[i] * u[i] * u[i];
      const zero = obj.error(new Float64Array(4))!;
      expect(zero.abs).toBeCloseTo(Math.sqrt(norm), 13);
      expect(zero.rel).toBeCloseTo(1, 13);
    }
  });

  it('linear model, target outside the span: error measured from the W-orthogonal projection', () => {
    // On 20 Gauss–Legendre points P_i P_j (degree ≤ 6) integrate exactly, so the projection coefficients
    // are c_j = (2j+1)/2 Σ w_i u(x_i) P_j(x_i).
    const built = buildProblem(sampled({ kind: 'expression', expr: 'exp(x)' }, { kind: 'l2' }, LEGENDRE4, 20));
    const pts = built.points!;
    const P = (j: number, x: number) => [1, x, (3 * x * x - 1) / 2, (5 * x ** 3 - 3 * x) / 2][j];
    const c = new Float64Array(4);
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let i = 0; i < pts.m; i++) s += pts.w[i] * Math.exp(pts.x[i]) * P(j, pts.x[i]);
      c[j] = ((2 * j + 1) / 2) * s;
    }
    expect(built.objective.error(c)!.abs).toBeLessThan(1e-13);
    const moved = Float64Array.from(c);
    moved[2] += 0.01; // ‖0.01 P2‖ = 0.01·√(2/5)
    expect(built.objective.error(moved)!.abs).toBeCloseTo(0.01 * Math.sqrt(2 / 5), 12);
    // Newton term of a linear model: exactly zero
    const out = new Float64Array(16).fill(7);
    built.objective.hessianContraction(c, new Float64Array(20).fill(1), out);
    expect(out.every((x) => x === 0)).toBe(true);
  });

  it('2D expression targets use x and y', () => {
    const built = buildProblem(
      scenario(
        {
          space: 'sampled',
          domain: [
            [0, 1],
            [-1, 1],
          ],
          target: { kind: 'expression', expr: 'x*y' },
          loss: { kind: 'l2' },
          quadrature: { kind: 'grid', m: 36 },
        },
        { kind: 'mlp', layers: [2, 4, 1], activation: 'tanh' },
      ),
    );
    expect(built.inputDim).toBe(2);
    expect(built.points!.m).toBe(36);
    checkGradient(built.objective, randomTheta(built.p, 5));
  });

  it('rejects K in sampled spaces and a bad expression with its field', () => {
    expect(() => buildProblem(sampled({ kind: 'expression', expr: 'x' }, { kind: 'l2', K: [[1]] }, MLP))).toThrow(
      /problem\.loss\.K/,
    );
    expect(() => buildProblem(sampled({ kind: 'expression', expr: 'x +' }, { kind: 'l2' }, MLP))).toThrow(
      /problem\.target\.expr/,
    );
  });
});

describe('h1', () => {
  it('v = [v; v′], metric [w; w], loss ½‖v − u‖² + ½‖v′ − u′‖² (closed form for a line)', () => {
    const built = buildProblem(
      sampled({ kind: 'expression', expr: '0' }, { kind: 'h1' }, { kind: 'linear', basis: 'legendre', n: 2 }, 10),
    );
    const obj = built.objective;
    expect([obj.nV, obj.nZ, obj.zIsV]).toEqual([20, 20, true]);
    const w = built.points!.w;
    expect(Array.from(obj.metric!)).toEqual([...w, ...w]);
    const [a, b] = [0.7, -1.3]; // v = a + b x, v′ = b
    expect(obj.loss(Float64Array.of(a, b))).toBeCloseTo(0.5 * (2 * a * a + (2 * b * b) / 3) + 0.5 * 2 * b * b, 13);
  });

  it('gradient vs finite differences (u′ from the symbolic derivative); exact Newton term', () => {
    const built = buildProblem(sampled({ kind: 'expression', expr: 'sin(2*x) + x^2' }, { kind: 'h1' }, MLP, 12));
    const obj = built.objective;
    const theta = randomTheta(obj.p, 8);
    checkGradient(obj, theta);
    const ev = obj.createEvaluation();
    obj.evaluate(theta, ev, true);
    const pts = built.points!;
    for (let i = 0; i < 12; i++) {
      const x = pts.x[i];
      expect(ev.gz[12 + i]).toBeCloseTo(pts.w[i] * (ev.v[12 + i] - (2 * Math.cos(2 * x) + 2 * x)), 14);
    }
    expect(obj.exactHessianTerm).toBe(true);
    const out = new Float64Array(obj.p * obj.p);
    obj.hessianContraction(theta, Float64Array.from(ev.gz), out);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('linear model: error against the H1 projection is 0 for a target in the span', () => {
    const built = buildProblem(sampled({ kind: 'expression', expr: '2 - 3*x' }, { kind: 'h1' }, LEGENDRE4, 12));
    expect(built.objective.error(Float64Array.of(2, -3, 0, 0))!.abs).toBeLessThan(1e-13);
    expect(built.objective.error(Float64Array.of(2, -3, 0.1, 0))!.abs).toBeGreaterThan(0.01);
  });

  it('needs a 1D domain', () => {
    expect(() =>
      buildProblem(
        sampled({ kind: 'expression', expr: 'x' }, { kind: 'h1' }, MLP, 16, [
          [0, 1],
          [0, 1],
        ]),
      ),
    ).toThrow(/h1/);
  });
});

describe('data sets', () => {
  it('xor + cross-entropy: points are the samples, weights 1/n, loss the mean cross-entropy', () => {
    const built = buildProblem(
      scenario(
        {
          space: 'sampled',
          domain: [
            [-1, 1],
            [-1, 1],
          ],
          target: { kind: 'dataset', name: 'xor', n: 50, noise: 0.1, seed: 3 },
          loss: { kind: 'cross-entropy' },
        },
        { kind: 'mlp', layers: [2, 4, 1], activation: 'tanh', output: 'sigmoid' },
      ),
    );
    const obj = built.objective;
    const data = built.dataset!;
    expect(built.inputDim).toBe(2);
    expect(built.points!.m).toBe(50);
    expect(built.points!.x).toBe(data.train.inputs);
    const theta = randomTheta(obj.p, 4, 1.5);
    const ev = obj.createEvaluation();
    obj.evaluate(theta, ev, true);
    let loss = 0;
    for (let i = 0; i < 50; i++) {
      const u = data.train.labels[i];
      const v = ev.v[i];
      loss += (-u * Math.log(v) - (1 - u) * Math.log(1 - v)) / 50;
      expect(ev.gz[i]).toBeCloseTo((v - u) / (v * (1 - v)) / 50, 13);
    }
    expect(ev.loss).toBeCloseTo(loss, 14);
    checkGradient(obj, theta);
    expect(obj.error(theta)).toBeNull();
  });

  it('mackey-glass + l2: 4D inputs, the first 80 % train', () => {
    const built = buildProblem(
      scenario(
        {
          space: 'sampled',
          domain: [
            [0, 2],
            [0, 2],
            [0, 2],
            [0, 2],
          ],
          target: { kind: 'dataset', name: 'mackey-glass', n: 100 },
          loss: { kind: 'l2' },
        },
        { kind: 'mlp', layers: [4, 3, 1], activation: 'tanh' },
      ),
    );
    expect(built.inputDim).toBe(4);
    expect(built.points!.m).toBe(80);
    expect(built.points!.w[0]).toBe(1 / 80);
    expect(built.dataset!.test!.n).toBe(20);
    checkGradient(built.objective, randomTheta(built.p, 2));
  });
});

describe('stochastic quadrature', () => {
  it('resample(k) redraws the points; evalLoss and error stay on a fixed grid', () => {
    const spec = scenario(
      {
        space: 'sampled',
        domain: [[-1, 1]],
        target: { kind: 'expression', expr: 'cos(3*x)' },
        loss: { kind: 'l2' },
        quadrature: { kind: 'monte-carlo', m: 30, seed: 4, resample: true },
      },
      LEGENDRE4,
    );
    const built = buildProblem(spec);
    const obj = built.objective;
    expect(obj.resample).toBeDefined();
    expect(obj.evalLoss).toBeDefined();
    const theta = randomTheta(4, 1);
    const points0 = Float64Array.from(built.points!.x);
    const loss0 = obj.loss(theta);
    const eval0 = obj.evalLoss!(theta);
    const error0 = obj.error(theta)!.abs;
    obj.resample!(1);
    expect(Array.from(built.points!.x)).not.toEqual(Array.from(points0));
    const loss1 = obj.loss(theta);
    expect(loss1).not.toBe(loss0);
    expect(obj.evalLoss!(theta)).toBe(eval0);
    expect(obj.error(theta)!.abs).toBe(error0);
    // the loss at iteration 1 is the loss on those points (compared with a direct sum)
    const pts = built.points!;
    const v = new Float64Array(30);
    built.bindModel(pts).values(theta, v);
    let direct = 0;
    for (let i = 0; i < 30; i++) direct += 0.5 * pts.w[i] * (v[i] - Math.cos(3 * pts.x[i])) ** 2;
    expect(loss1).toBeCloseTo(direct, 14);
    obj.resample!(0);
    expect(obj.loss(theta)).toBe(loss0);
    checkGradient(obj, theta);
    // no resampling: no resample/evalLoss
    const fixed = buildProblem({
      ...spec,
      problem: { ...spec.problem, quadrature: { kind: 'monte-carlo', m: 30, seed: 4 } },
    });
    expect(fixed.objective.resample).toBeUndefined();
    expect(fixed.objective.evalLoss).toBeUndefined();
  });

  it('a resampled PDE keeps its buffers and its exact-solution error on the fixed grid', () => {
    const built = buildProblem(
      scenario(
        {
          space: 'sampled',
          domain: [[0, 1]],
          loss: { kind: 'pde', equation: 'reaction-diffusion' },
          quadrature: { kind: 'monte-carlo', m: 20, seed: 1, resample: true },
        },
        MLP,
      ),
    );
    const obj = built.objective;
    const theta = randomTheta(obj.p, 6);
    const ev = obj.createEvaluation();
    const e0 = obj.error(theta)!.abs;
    obj.resample!(3);
    obj.evaluate(theta, ev, true);
    expect(ev.z.every(Number.isFinite)).toBe(true);
    expect(obj.error(theta)!.abs).toBe(e0);
    checkGradient(obj, theta);
  });
});

describe('parameter counts', () => {
  it('the nonlinear PDE appends c and a to the network parameters', () => {
    const spec = scenario(
      {
        space: 'sampled',
        domain: [[-1, 1]],
        loss: { kind: 'pde', equation: 'nonlinear' },
        quadrature: { kind: 'grid', m: 10 },
      },
      MLP,
    );
    expect(problemParameterCount(spec)).toBe(16 + 2);
    expect(buildProblem(spec).p).toBe(18);
  });
});
