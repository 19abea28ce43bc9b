// Behaviour of the optimizers against closed forms and the paper's toy problems (docs/ALGORITHMS.md §3–4, §7).
import { describe, expect, it } from 'vitest';
import { Run, runToEnd } from '../../src/engine/run';
import type { BasisKind, OptimizerSpec, Scenario } from '../../src/engine/scenario/types';

const localMinimaScenario = (optimizers: OptimizerSpec[], iterations = 100): Scenario => ({
  version: 1,
  problem: {
    space: 'exact',
    domain: [[-1, 1]],
    target: { kind: 'coefficients', c: [-0.1, 0.3] }, // c(−1) for φ = 0, a = 3, s = 0.1
    loss: {
      kind: 'l2',
      K: [
        [4, 0],
        [0, 1],
      ],
    },
  },
  model: { kind: 'toy', name: 'curve', params: { phi_deg: 0, a: 3, s: 0.1 } },
  init: { theta0: [1.6] },
  optimizers,
  run: { iterations },
});

const naturalMomentum = (id: string, momentum: 'heavy-ball' | 'nesterov'): OptimizerSpec => ({
  id,
  preconditioner: 'loss-hessian',
  momentum,
  alpha: 0.3,
  beta: 0.9,
  transport: 'projected-difference',
  lookahead: 'tangent-k',
});

const losses = (run: Run, key: string) => run.status(key).records.map((r) => r.loss);

describe('the local-minima toy (docs/ALGORITHMS.md §7)', () => {
  const run = runToEnd(
    localMinimaScenario([
      { id: 'nhgd', preconditioner: 'loss-hessian', alpha: 0.5 },
      naturalMomentum('nhb', 'heavy-ball'),
      naturalMomentum('nnest', 'nesterov'),
    ]),
  );

  it('NHGD stalls in the spurious minimum near θ = 0.667 at 𝓛 ≈ 6.9e-2', () => {
    const status = run.status('nhgd');
    const theta = status.theta[0];
    expect(Math.abs(theta - 0.667)).toBeLessThan(0.01);
    const final = losses(run, 'nhgd').at(-1)!;
    expect(final).toBeGreaterThan(0.065);
    expect(final).toBeLessThan(0.073);
  });

  it('natural Heavy-Ball passes it and reaches 𝓛 < 1e-5 within 100 iterations', () => {
    expect(Math.min(...losses(run, 'nhb'))).toBeLessThan(1e-5);
    expect(Math.abs(run.status('nhb').theta[0] + 1)).toBeLessThan(1e-2);
  });

  it('natural Nesterov reaches 𝓛 < 1e-5 within about 20 iterations', () => {
    const path = losses(run, 'nnest');
    const first = path.findIndex((l) => l < 1e-5);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(20); // measured: k = 16
    expect(path.at(-1)!).toBeLessThan(1e-5);
  });

  it('records N + 1 iterations k = 0..N with the step data of §6', () => {
    const records = run.status('nnest').records;
    expect(records.map((r) => r.k)).toEqual(Array.from({ length: 101 }, (_, k) => k));
    expect(records[0].alpha).toBe(0.3);
    expect(records[0].theta![0]).toBe(1.6);
    expect(Number.isFinite(records[0].cond)).toBe(true);
    expect(Number.isNaN(records[100].alpha)).toBe(true);
  });
});

describe('determinism', () => {
  it('the same scenario gives bit-identical records twice (wall time aside)', () => {
    const scenario: Scenario = {
      version: 1,
      problem: {
        space: 'sampled',
        domain: [[-1, 1]],
        target: { kind: 'expression', expr: 'sin(2*pi*x)' },
        loss: { kind: 'l2' },
        quadrature: { kind: 'monte-carlo', m: 64, seed: 3 },
      },
      model: { kind: 'mlp', layers: [1, 8, 1], activation: 'tanh' },
      init: { seed: 7, scale: 1 },
      optimizers: [
        { id: 'ngd', preconditioner: 'gram', alpha: 0.3 },
        naturalMomentum('nnest', 'nesterov'),
        { id: 'adam', preconditioner: 'adam', alpha: 0.01 },
        { id: 'lbfgs', preconditioner: 'lbfgs', alpha: 1 },
      ],
      run: { iterations: 30, seeds: 2 },
    };
    const strip = (run: Run) =>
      run.tracks.map((t) =>
        run
          .status(t.key)
          .records.map(({ time: _time, theta, ...rest }) => ({ ...rest, theta: Array.from(theta ?? []) })),
      );
    expect(strip(runToEnd(scenario))).toEqual(strip(runToEnd(scenario)));
  });
});

// ---- Linear models: closed forms -------------------------------------------------------------------

/** Basis functions written out independently of src/engine/models (docs/SCENARIO.md "Parameter order"). */
function basisValue(kind: BasisKind, n: number, j: number, x: number, lo: number, hi: number): number {
  const t = (2 * (x - lo)) / (hi - lo) - 1;
  switch (kind) {
    case 'legendre': {
      let [p0, p1] = [1, t];
      if (j === 0) return p0;
      for (let l = 1; l < j; l++) [p0, p1] = [p1, ((2 * l + 1) * t * p1 - l * p0) / (l + 1)];
      return p1;
    }
    case 'chebyshev':
      return Math.cos(j * Math.acos(Math.max(-1, Math.min(1, t))));
    case 'fourier':
      if (j === 0) return 1;
      return j % 2 === 1 ? Math.sin(Math.PI * Math.ceil(j / 2) * t) : Math.cos(Math.PI * (j / 2) * t);
    case 'hat': {
      const h = 2 / (n - 1);
      return Math.max(0, 1 - Math.abs(t - (-1 + j * h)) / h);
    }
    case 'gaussian': {
      const h = (hi - lo) / (n - 1);
      const c = lo + j * h;
      return Math.exp(-0.5 * ((x - c) / h) ** 2);
    }
  }
}

/** Weighted L2 projection by the normal equations, solved with partial pivoting. */
function projection(kind: BasisKind, n: number, m: number, lo: number, hi: number, u: (x: number) => number): number[] {
  const A = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  const w = (hi - lo) / m;
  for (let i = 0; i < m; i++) {
    const x = lo + (i + 0.5) * w;
    const phi = Array.from({ length: n }, (_, j) => basisValue(kind, n, j, x, lo, hi));
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) A[a][b] += w * phi[a] * phi[b];
      A[a][n] += w * phi[a] * u(x);
    }
  }
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    [A[col], A[pivot]] = [A[pivot], A[col]];
    for (let r = col + 1; r < n; r++) {
      const f = A[r][col] / A[col][col];
      for (let c = col; c <= n; c++) A[r][c] -= f * A[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = A[r][n];
    for (let c = r + 1; c < n; c++) s -= A[r][c] * x[c];
    x[r] = s / A[r][r];
  }
  return x;
}

const linearScenario = (basis: BasisKind, n: number, optimizers: OptimizerSpec[], iterations = 1): Scenario => ({
  version: 1,
  problem: {
    space: 'sampled',
    domain: [[-1, 2]],
    target: { kind: 'expression', expr: 'exp(x) * sin(3*x)' },
    loss: { kind: 'l2' },
    quadrature: { kind: 'grid', m: 200 },
  },
  model: { kind: 'linear', basis, n },
  init: { theta0: new Array<number>(n).fill(0) },
  optimizers,
  run: { iterations },
});

describe('linear models', () => {
  const bases: BasisKind[] = ['fourier', 'legendre', 'chebyshev', 'hat', 'gaussian'];
  for (const basis of bases) {
    it(`NGD with α = 1 lands on the weighted L2 projection (${basis})`, () => {
      const n = 6;
      const expected = projection(basis, n, 200, -1, 2, (x) => Math.exp(x) * Math.sin(3 * x));
      const run = runToEnd(
        linearScenario(basis, n, [
          { id: 'ngd', preconditioner: 'gram', alpha: 1, solver: { kind: 'cholesky', eps: 0 } },
        ]),
      );
      const theta = run.status('ngd').records[1].theta!;
      const scale = Math.max(...expected.map(Math.abs));
      for (let j = 0; j < n; j++) expect(Math.abs(theta[j] - expected[j])).toBeLessThan(1e-9 * scale);
      // The best-approximation error is tracked and is zero at the projection.
      expect(run.status('ngd').records[1].error).toBeLessThan(1e-9);
      expect(run.status('ngd').records[0].error).toBeGreaterThan(0.1);
    });
  }

  it('Newton equals NGD on linear least squares', () => {
    const run = runToEnd(
      linearScenario(
        'legendre',
        8,
        [
          { id: 'ngd', preconditioner: 'gram', alpha: 0.7, solver: { kind: 'cholesky', eps: 0 } },
          { id: 'newton', preconditioner: 'newton', alpha: 0.7, solver: { kind: 'cholesky', eps: 0 } },
        ],
        5,
      ),
    );
    const a = run.status('ngd').records;
    const b = run.status('newton').records;
    for (let k = 0; k <= 5; k++) {
      expect(Math.abs(a[k].loss - b[k].loss)).toBeLessThan(1e-13);
      for (let j = 0; j < 8; j++) expect(Math.abs(a[k].theta![j] - b[k].theta![j])).toBeLessThan(1e-10);
      expect(b[k].newtonFallback).toBe(false);
    }
  });

  it('cholesky, pinv and lstsq take the same steps on a well-conditioned problem', () => {
    const run = runToEnd(
      linearScenario(
        'legendre',
        5,
        [
          { id: 'chol', preconditioner: 'gram', alpha: 0.5, solver: { kind: 'cholesky', eps: 0 } },
          { id: 'pinv', preconditioner: 'gram', alpha: 0.5, solver: { kind: 'pinv', rcond: 1e-12 } },
          { id: 'lstsq', preconditioner: 'gram', alpha: 0.5, solver: { kind: 'lstsq', rcond: 1e-8 } },
          { id: 'lstsq-h', preconditioner: 'loss-hessian', alpha: 0.5, solver: { kind: 'lstsq', rcond: 1e-8 } },
        ],
        6,
      ),
    );
    const reference = run.status('chol').records;
    for (const key of ['pinv', 'lstsq', 'lstsq-h']) {
      const records = run.status(key).records;
      for (let k = 0; k <= 6; k++) {
        for (let j = 0; j < 5; j++) expect(Math.abs(records[k].theta![j] - reference[k].theta![j])).toBeLessThan(1e-10);
      }
    }
  });

  it('L-BFGS solves a linear least-squares problem in about n iterations', () => {
    const n = 6;
    const expected = projection('legendre', n, 200, -1, 2, (x) => Math.exp(x) * Math.sin(3 * x));
    const run = runToEnd(linearScenario('legendre', n, [{ id: 'lbfgs', preconditioner: 'lbfgs', alpha: 1 }], 3 * n));
    const theta = run.status('lbfgs').theta;
    for (let j = 0; j < n; j++) expect(Math.abs(theta[j] - expected[j])).toBeLessThan(1e-6);
  });

  it('Adam decreases the loss', () => {
    const run = runToEnd(linearScenario('legendre', 6, [{ id: 'adam', preconditioner: 'adam', alpha: 0.05 }], 200));
    const path = losses(run, 'adam');
    expect(path.at(-1)!).toBeLessThan(0.05 * path[0]);
  });
});

// ---- Toys: the first figures of the paper ----------------------------------------------------------

const toyScenario = (
  name: 'linear' | 'kernel' | 'quadratic',
  K: number[][],
  optimizers: OptimizerSpec[],
  iterations = 10,
): Scenario => ({
  version: 1,
  problem: { space: 'exact', domain: [[-1, 1]], target: { kind: 'coefficients', c: [1, 1] }, loss: { kind: 'l2', K } },
  model: { kind: 'toy', name },
  init: { theta0: [-1, 1] },
  optimizers,
  run: { iterations },
});

describe('exact-space toys', () => {
  it('linear toy: NGD with α = 1 is exact in one step; GD is biased by B', () => {
    const run = runToEnd(
      toyScenario(
        'linear',
        [
          [1, 0],
          [0, 1],
        ],
        [
          { id: 'ngd', preconditioner: 'gram', alpha: 1, solver: { kind: 'cholesky', eps: 0 } },
          { id: 'gd', preconditioner: 'identity', alpha: 0.5 },
        ],
      ),
    );
    expect(losses(run, 'ngd')[1]).toBeLessThan(1e-28);
    // GD's first step in function space is Bᵀ B (c_u − c_0), not the straight direction c_u − c_0.
    const gd = run.status('gd').records;
    const c = (th: Float64Array) => [th[0] * 1, th[1] * 0.2];
    const [c0, c1] = [c(gd[0].theta!), c(gd[1].theta!)];
    const straight = [1 - c0[0], 1 - c0[1]];
    const moved = [c1[0] - c0[0], c1[1] - c0[1]];
    const cosine = (straight[0] * moved[0] + straight[1] * moved[1]) / Math.hypot(...straight) / Math.hypot(...moved);
    expect(cosine).toBeLessThan(0.95);
  });

  it('kernel toy: NHGD with α = 1 is exact in one step, NGD is not', () => {
    const run = runToEnd(
      toyScenario(
        'kernel',
        [
          [1, 0],
          [0, 4],
        ],
        [
          { id: 'nhgd', preconditioner: 'loss-hessian', alpha: 1, solver: { kind: 'cholesky', eps: 0 } },
          { id: 'ngd', preconditioner: 'gram', alpha: 1, solver: { kind: 'cholesky', eps: 0 } },
        ],
      ),
    );
    expect(losses(run, 'nhgd')[1]).toBeLessThan(1e-28);
    expect(losses(run, 'ngd')[1]).toBeGreaterThan(1e-3);
  });

  it('quadratic toy: GD, NGD, NHGD and Newton take different paths', () => {
    const run = runToEnd(
      toyScenario(
        'quadratic',
        [
          [1, 0],
          [0, 4],
        ],
        [
          { id: 'gd', preconditioner: 'identity', alpha: 0.2 },
          { id: 'ngd', preconditioner: 'gram', alpha: 0.5 },
          { id: 'nhgd', preconditioner: 'loss-hessian', alpha: 0.5 },
          { id: 'newton', preconditioner: 'newton', alpha: 0.5 },
        ],
        3,
      ),
    );
    const firstSteps = ['gd', 'ngd', 'nhgd', 'newton'].map((key) => Array.from(run.status(key).records[1].theta!));
    for (let a = 0; a < 4; a++)
      for (let b = a + 1; b < 4; b++)
        expect(Math.hypot(firstSteps[a][0] - firstSteps[b][0], firstSteps[a][1] - firstSteps[b][1])).toBeGreaterThan(
          1e-3,
        );
  });
});

describe('step rules, restarts, fallbacks and failures', () => {
  it('Armijo never increases the loss of a plain step', () => {
    for (const preconditioner of ['identity', 'gram', 'loss-hessian'] as const) {
      const initial = preconditioner === 'identity' ? 100 : 4;
      const run = runToEnd(
        localMinimaScenario([{ id: 'a', preconditioner, step: { rule: 'armijo', initial, shrink: 0.5, c: 1e-4 } }], 60),
      );
      const path = losses(run, 'a');
      for (let k = 1; k < path.length; k++) expect(path[k]).toBeLessThanOrEqual(path[k - 1]);
      expect(run.status('a').records.some((r) => r.alpha < initial)).toBe(true); // the search did shrink
    }
  });

  it('Newton on an indefinite Hessian falls back to G^H and records it', () => {
    // L(θ) of the curve toy is concave around its local maximum between the two minima (θ ≈ 0.35).
    const run = runToEnd(localMinimaScenario([{ id: 'newton', preconditioner: 'newton', alpha: 0.5 }], 5));
    const scenario = localMinimaScenario([{ id: 'newton', preconditioner: 'newton', alpha: 0.5 }], 5);
    scenario.init = { theta0: [0.3] };
    const concave = runToEnd(scenario).status('newton').records;
    expect(concave[0].newtonFallback).toBe(true);
    // The fallback is a descent step.
    expect(concave[1].loss).toBeLessThan(concave[0].loss);
    expect(run.status('newton').records[0].newtonFallback).toBe(false);
  });

  it('function restart resets the momentum when the loss goes up', () => {
    const heavy: OptimizerSpec = {
      id: 'hb',
      preconditioner: 'identity',
      momentum: 'heavy-ball',
      transport: 'parameter',
      alpha: 0.5,
      beta: 0.95,
      restart: 'function',
    };
    const run = runToEnd(localMinimaScenario([heavy], 80));
    const records = run.status('hb').records;
    const restarts = records.filter((r) => r.restarted);
    expect(restarts.length).toBeGreaterThan(0);
    for (const r of restarts) expect(r.loss).toBeGreaterThan(records[r.k - 1].loss);
  });

  it('a diverging optimizer stops with a reason while the others go on', () => {
    const run = runToEnd(
      localMinimaScenario(
        [{ id: 'wild', preconditioner: 'identity', alpha: 1e6 }, naturalMomentum('nnest', 'nesterov')],
        100,
      ),
    );
    const wild = run.status('wild');
    expect(wild.stopReason).toMatch(/^diverged at k = \d+: L = (Infinity|NaN)$/);
    expect(wild.done).toBe(true);
    expect(wild.records.every((r) => Number.isFinite(r.loss))).toBe(true);
    expect(run.status('nnest').records).toHaveLength(101);
  });

  it('the budget can grow after the end: the final record is replaced and the run goes on', () => {
    const run = new Run(localMinimaScenario([naturalMomentum('nnest', 'nesterov')], 5));
    while (!run.done) run.step();
    expect(run.status('nnest').records).toHaveLength(6);
    run.iterations = 8;
    expect(run.done).toBe(false);
    const produced = run.step();
    expect(produced[0].record.k).toBe(5);
    expect(Number.isFinite(produced[0].record.alpha)).toBe(true);
    while (!run.done) run.step();
    const records = run.status('nnest').records;
    expect(records.map((r) => r.k)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const straight = runToEnd(localMinimaScenario([naturalMomentum('nnest', 'nesterov')], 8)).status('nnest').records;
    expect(records.map((r) => r.loss)).toEqual(straight.map((r) => r.loss));
  });
});
