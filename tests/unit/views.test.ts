// Plot views (src/engine/views) against independent truth: closed forms, the objective's own loss at the
// same points, finite differences, known planes.
import { describe, expect, it } from 'vitest';

import { Rng } from '../../src/engine/random';
import { approximationView, functionSpaceView, parameterPlaneView, viewProblemOf } from '../../src/engine/views';
import { line, scenario } from './viewFixtures';

const curveToy = () =>
  viewProblemOf(
    scenario(
      {
        space: 'exact',
        domain: [[-1, 1]],
        target: { kind: 'coefficients', c: [-0.1, 0.3] },
        loss: {
          kind: 'l2',
          K: [
            [4, 0],
            [0, 1],
          ],
        },
      },
      { kind: 'toy', name: 'curve' },
    ),
  );

const linearToy = (K: number[][]) =>
  viewProblemOf(
    scenario(
      { space: 'exact', domain: [[-1, 1]], target: { kind: 'coefficients', c: [0.4, -0.3] }, loss: { kind: 'l2', K } },
      { kind: 'toy', name: 'linear' },
    ),
  );

const legendre = (n: number, expr = 'exp(x)*sin(3*x)') =>
  viewProblemOf(
    scenario(
      {
        space: 'sampled',
        domain: [[-1, 1]],
        target: { kind: 'expression', expr },
        loss: { kind: 'l2' },
        quadrature: { kind: 'grid', m: 50 },
      },
      { kind: 'linear', basis: 'legendre', n },
    ),
  );

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

describe('parameterPlaneView', () => {
  it('p = 1: L(θ) on a range covering the iterates, iterates at (θ_k, L(θ_k)) of the closed form', () => {
    const problem = curveToy();
    const track = [1.6, 1.2, 0.8, 0.667].map((t) => Float64Array.of(t));
    const view = parameterPlaneView(problem, [track]);
    expect(view.kind).toBe('curve');
    if (view.kind !== 'curve') return;
    // L(θ) = ½ (c(θ) − c_u)ᵀ diag(4, 1) (c(θ) − c_u), c(θ) = 0.1 (θ, 3θ²), c_u = (−0.1, 0.3).
    const closed = (t: number) => 0.5 * (4 * (0.1 * t + 0.1) ** 2 + (0.3 * t * t - 0.3) ** 2);
    expect(view.theta[0]).toBeLessThan(0.667);
    expect(view.theta[view.theta.length - 1]).toBeGreaterThan(1.6);
    for (let i = 0; i < view.theta.length; i += 37) expect(view.loss[i]).toBeCloseTo(closed(view.theta[i]), 12);
    track.forEach((t, k) => {
      expect(view.trajectories[0].x[k]).toBe(t[0]);
      expect(view.trajectories[0].y[k]).toBeCloseTo(closed(t[0]), 12);
    });
  });

  it('p = 2: the grid covers the iterates with a 20 % margin and its values are the closed-form loss', () => {
    const K = [
      [4, 1],
      [1, 1],
    ];
    const problem = linearToy(K);
    const tracks = [line([1, -1], [0.2, 0.5], 10), line([1, -1], [-0.5, -1.2], 7)];
    const view = parameterPlaneView(problem, tracks, 21);
    expect(view.kind).toBe('grid');
    if (view.kind !== 'grid') return;
    const { x, y, values, nx } = view.grid;
    // θ₀ ∈ [−0.5, 1] → span 1.5, margin 0.3; θ₁ ∈ [−1.2, 0.5] → span 1.7, margin 0.34.
    expect(x[0]).toBeCloseTo(-0.8, 12);
    expect(x[nx - 1]).toBeCloseTo(1.3, 12);
    expect(y[0]).toBeCloseTo(-1.54, 12);
    expect(y[y.length - 1]).toBeCloseTo(0.84, 12);
    // c = Bᵀθ with B = diag(1, 0.2).
    const closed = (t0: number, t1: number) => {
      const r0 = t0 - 0.4;
      const r1 = 0.2 * t1 + 0.3;
      return 0.5 * (r0 * (K[0][0] * r0 + K[0][1] * r1) + r1 * (K[1][0] * r0 + K[1][1] * r1));
    };
    for (let j = 0; j < y.length; j += 4) {
      for (let i = 0; i < nx; i += 3) {
        expect(values[j * nx + i]).toBeCloseTo(closed(x[i], y[j]), 12);
        expect(values[j * nx + i]).toBeCloseTo(problem.objective.loss(Float64Array.of(x[i], y[j])), 12);
      }
    }
    expect(Array.from(view.trajectories[1].x)).toEqual(tracks[1].map((t) => t[0]));
    expect(Array.from(view.trajectories[1].y)).toEqual(tracks[1].map((t) => t[1]));
  });

  it('p > 2: the PCA plane recovers a known plane, projections reconstruct the iterates, L on the plane', () => {
    const problem = legendre(6);
    const p = 6;
    const rng = new Rng(7);
    const random = () => Float64Array.from({ length: p }, () => rng.uniform(-1, 1));
    // An orthonormal pair (a, b) and iterates θ_0 + s a + t b along two curved tracks.
    const a = random();
    const b = random();
    const na = Math.sqrt(dot(a, a));
    a.forEach((v, j) => (a[j] = v / na));
    const ab = dot(a, b);
    b.forEach((v, j) => (b[j] = v - ab * a[j]));
    const nb = Math.sqrt(dot(b, b));
    b.forEach((v, j) => (b[j] = v / nb));
    const theta0 = random();
    const at = (s: number, t: number) => Float64Array.from(theta0, (v, j) => v + s * a[j] + t * b[j]);
    const tracks = [
      Array.from({ length: 40 }, (_, k) => at(2 * Math.sin(k / 10), (0.5 * k) / 40)),
      Array.from({ length: 25 }, (_, k) => at(-0.05 * k, 0.3 * Math.cos(k / 5) - 0.3)),
    ];
    const view = parameterPlaneView(problem, tracks, 9);
    expect(view.kind).toBe('grid');
    if (view.kind !== 'grid' || view.plane === null || view.explained === null) throw new Error('expected a PCA plane');
    const { origin, d1, d2 } = view.plane;
    expect(dot(d1, d1)).toBeCloseTo(1, 12);
    expect(dot(d2, d2)).toBeCloseTo(1, 12);
    expect(dot(d1, d2)).toBeCloseTo(0, 12);
    // a and b lie in span(d1, d2).
    for (const v of [a, b]) expect(dot(v, d1) ** 2 + dot(v, d2) ** 2).toBeCloseTo(1, 10);
    expect(view.explained[0] + view.explained[1]).toBeCloseTo(1, 10);
    expect(view.explained[0]).toBeGreaterThanOrEqual(view.explained[1]);
    expect(view.xLabel).toMatch(/^PC1 \(\d+ %\)$/);
    // θ_0 + x_k d1 + y_k d2 = θ_k.
    tracks.forEach((track, t) =>
      track.forEach((theta, k) => {
        const { x, y } = view.trajectories[t];
        for (let j = 0; j < p; j++) expect(origin[j] + x[k] * d1[j] + y[k] * d2[j]).toBeCloseTo(theta[j], 10);
      }),
    );
    // The first track's last iterate has non-negative coordinates (stable orientation).
    const last = view.trajectories[0];
    expect(last.x[last.x.length - 1]).toBeGreaterThanOrEqual(0);
    // Grid values are L at the plane's points.
    const { x, y, values, nx } = view.grid;
    for (const [i, j] of [
      [0, 0],
      [4, 7],
      [8, 8],
      [2, 5],
    ]) {
      const theta = Float64Array.from(origin, (o, q) => o + x[i] * d1[q] + y[j] * d2[q]);
      expect(values[j * nx + i]).toBeCloseTo(problem.objective.loss(theta), 12);
    }
  });

  it('p > 2 with a single iterate gives a non-degenerate window', () => {
    const problem = legendre(4);
    const view = parameterPlaneView(problem, [[Float64Array.of(1, 2, 3, 4)]], 5);
    if (view.kind !== 'grid') throw new Error('expected a grid');
    expect(view.grid.x[4] - view.grid.x[0]).toBeGreaterThan(0);
    expect(view.grid.values.every(Number.isFinite)).toBe(true);
  });
});

describe('functionSpaceView: exact spaces', () => {
  it('level-set grid is ½(c − c_u)ᵀK(c − c_u), trajectories are c(θ_k), the curve manifold is c₂ = a c₁²/s', () => {
    const problem = curveToy();
    const track = [1.6, 1.0, 0.2, -0.5, -1].map((t) => Float64Array.of(t));
    const view = functionSpaceView(problem, [track]);
    if (view.kind !== 'coefficients') throw new Error('expected the coefficient plane');
    const { x, y, values, nx } = view.grid;
    expect(x[nx - 1] - x[0]).toBeCloseTo(y[y.length - 1] - y[0], 12); // square box
    for (let j = 0; j < y.length; j += 7) {
      for (let i = 0; i < nx; i += 5) {
        const r0 = x[i] + 0.1;
        const r1 = y[j] - 0.3;
        expect(values[j * nx + i]).toBeCloseTo(0.5 * (4 * r0 * r0 + r1 * r1), 13);
      }
    }
    expect(view.target).toEqual([-0.1, 0.3]);
    track.forEach((t, k) => {
      expect(view.trajectories[0].x[k]).toBeCloseTo(0.1 * t[0], 14);
      expect(view.trajectories[0].y[k]).toBeCloseTo(0.3 * t[0] * t[0], 14);
    });
    expect(view.manifold.length).toBeGreaterThan(0);
    let inside = 0;
    for (const piece of view.manifold) {
      for (let i = 0; i < piece.x.length; i++) {
        expect(piece.y[i]).toBeCloseTo((3 * piece.x[i] ** 2) / 0.1, 10);
        if (piece.x[i] >= x[0] && piece.x[i] <= x[nx - 1] && piece.y[i] >= y[0] && piece.y[i] <= y[nx - 1]) inside++;
      }
    }
    expect(inside).toBeGreaterThan(100);
    // The manifold passes through the target c(−1) and the start c(1.6).
    const near = (cx: number, cy: number) =>
      view.manifold.some((piece) => piece.x.some((px, i) => Math.hypot(px - cx, piece.y[i] - cy) < 0.01));
    expect(near(-0.1, 0.3)).toBe(true);
    expect(near(0.16, 0.768)).toBe(true);
  });

  it('p = 2 linear toy: the manifold lines are images of parameter lines (straight, c = Bᵀθ)', () => {
    const problem = linearToy([
      [1, 0],
      [0, 1],
    ]);
    const view = functionSpaceView(problem, [line([1, 1], [0.4, -1.5], 5)]);
    if (view.kind !== 'coefficients') throw new Error('expected the coefficient plane');
    expect(view.manifold.length).toBeGreaterThan(10);
    for (const piece of view.manifold) {
      // Straight: every point is collinear with the first and last.
      const n = piece.x.length;
      const dx = piece.x[n - 1] - piece.x[0];
      const dy = piece.y[n - 1] - piece.y[0];
      for (let i = 0; i < n; i++) {
        const cross = dx * (piece.y[i] - piece.y[0]) - dy * (piece.x[i] - piece.x[0]);
        expect(Math.abs(cross)).toBeLessThan(1e-12);
      }
    }
    expect(view.trajectories[0].y[5]).toBeCloseTo(0.2 * -1.5, 14);
  });
});

describe('functionSpaceView: sampled spaces', () => {
  it('l2: target at (‖u − v_0‖, 0), in-plane loss + ½ off-plane² equals L(θ_k), grid is the closed form', () => {
    const problem = legendre(5);
    const rng = new Rng(3);
    const start = Array.from({ length: 5 }, () => rng.uniform(-1, 1));
    const tracks = [line(start, [0.3, 0.2, -0.4, 0.1, 0.05], 30), line(start, [1, -0.5, 0.2, 0.3, -0.2], 20)];
    const view = functionSpaceView(problem, tracks);
    if (view.kind !== 'sampled' || view.target === null || view.grid === null)
      throw new Error('expected a sampled plane with grid');
    expect(view.loss).toBe('l2');
    const L0 = problem.objective.loss(tracks[0][0]);
    expect(view.target[0]).toBeCloseTo(Math.sqrt(2 * L0), 12);
    expect(view.target[1]).toBe(0);
    view.trajectories.forEach((track, t) => {
      expect(track.k[0]).toBe(0);
      expect(track.k[track.k.length - 1]).toBe(tracks[t].length - 1);
      for (let i = 0; i < track.k.length; i++) {
        const a = track.x[i];
        const b = track.y[i];
        const off = view.offPlane[t][i];
        const planeLoss = 0.5 * ((a - view.target![0]) ** 2 + b * b + off * off);
        expect(planeLoss).toBeCloseTo(problem.objective.loss(tracks[t][track.k[i]]), 10);
      }
    });
    const { x, y, values, nx } = view.grid;
    for (let j = 0; j < y.length; j += 6) {
      for (let i = 0; i < nx; i += 6) {
        expect(values[j * nx + i]).toBeCloseTo(0.5 * ((x[i] - view.target[0]) ** 2 + y[j] ** 2), 12);
      }
    }
    expect(view.explained).toBeGreaterThan(0);
    expect(view.explained).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('a linear model moving in a 2D function plane containing u: every iterate is in the plane', () => {
    // Target x² is in the span of Legendre P0..P2, iterates move in span(u − v0, P1).
    const problem = legendre(3, 'x^2');
    const u = [1 / 3, 0, 2 / 3]; // x² = P0/3 + 2 P2/3
    const start = [0, 0, 0];
    const track = Array.from({ length: 15 }, (_, k) => {
      const s = k / 14;
      return Float64Array.from(u, (c, j) => s * c + (j === 1 ? 0.5 * Math.sin(Math.PI * s) : 0) + (1 - s) * start[j]);
    });
    const view = functionSpaceView(problem, [track]);
    if (view.kind !== 'sampled') throw new Error('expected a sampled plane');
    for (const off of view.offPlane[0]) expect(off).toBeLessThan(1e-10);
    const last = view.trajectories[0];
    expect(last.x[last.x.length - 1]).toBeCloseTo(view.target![0], 10);
    expect(last.y[last.y.length - 1]).toBeCloseTo(0, 10);
    expect(view.explained).toBeCloseTo(1, 10);
  });

  it('subsamples long trajectories within the evaluation budget, keeping first and last', () => {
    const problem = legendre(4);
    const track = line([0, 0, 0, 0], [1, 1, 1, 1], 999);
    const view = functionSpaceView(problem, [track, track], { maxEvaluations: 100 });
    if (view.kind !== 'sampled') throw new Error('expected a sampled plane');
    for (const t of view.trajectories) {
      expect(t.k.length).toBeLessThanOrEqual(50);
      expect(t.k[0]).toBe(0);
      expect(t.k[t.k.length - 1]).toBe(999);
    }
  });

  it('cross-entropy on xor: the loss is recognised and the grid is finite', () => {
    const problem = viewProblemOf(
      scenario(
        {
          space: 'sampled',
          domain: [
            [-1, 1],
            [-1, 1],
          ],
          target: { kind: 'dataset', name: 'xor', n: 40 },
          loss: { kind: 'cross-entropy' },
        },
        { kind: 'mlp', layers: [2, 3, 1], activation: 'tanh', output: 'sigmoid' },
      ),
    );
    const rng = new Rng(5);
    const start = Array.from({ length: problem.p }, () => rng.uniform(-1, 1));
    const end = Array.from({ length: problem.p }, () => rng.uniform(-2, 2));
    const view = functionSpaceView(problem, [line(start, end, 12)], { resolution: 9 });
    if (view.kind !== 'sampled' || view.grid === null) throw new Error('expected a grid');
    expect(view.loss).toBe('cross-entropy');
    expect(view.grid.values.every(Number.isFinite)).toBe(true);
  });
});

describe('approximationView', () => {
  it('exact spaces: cᵀΦ(x) on [−1, 1] for target and iterates', () => {
    const problem = curveToy();
    const view = approximationView(problem, [Float64Array.of(1.6)]);
    if (view.kind !== 'curve') throw new Error('expected curves');
    expect(view.x[0]).toBe(-1);
    expect(view.x[view.x.length - 1]).toBe(1);
    for (let i = 0; i < view.x.length; i += 29) {
      const s = Math.sin(2 * Math.PI * view.x[i]);
      const c = Math.cos(2 * Math.PI * view.x[i]);
      expect(view.target![i]).toBeCloseTo(-0.1 * s + 0.3 * c, 14);
      expect(view.curves[0][i]).toBeCloseTo(0.16 * s + 0.768 * c, 12);
    }
  });

  it('1D sampled: target expression and Legendre model values on the plot grid, quadrature abscissae', () => {
    const problem = legendre(3, 'exp(x)');
    const view = approximationView(problem, [Float64Array.of(0.5, -1, 2)], 101);
    if (view.kind !== 'curve') throw new Error('expected curves');
    for (let i = 0; i < 101; i += 10) {
      const t = view.x[i];
      expect(view.target![i]).toBeCloseTo(Math.exp(t), 13);
      expect(view.curves[0][i]).toBeCloseTo(0.5 - t + (3 * t * t - 1), 12);
    }
    expect(view.samples!.length).toBe(50);
    expect(view.residual).toBeNull();
  });

  it('PDE: exact solution as target; residual −v″ − f agrees with finite differences of the curve', () => {
    const problem = viewProblemOf(
      scenario(
        {
          space: 'sampled',
          domain: [[0, 1]],
          loss: { kind: 'pde', equation: 'poisson', f: 'pi^2*sin(pi*x)' },
          quadrature: { kind: 'grid', m: 30 },
        },
        { kind: 'mlp', layers: [1, 4, 1], activation: 'tanh' },
      ),
    );
    const rng = new Rng(11);
    const theta = Float64Array.from({ length: problem.p }, () => rng.uniform(-1, 1));
    const view = approximationView(problem, [theta], 401);
    if (view.kind !== 'curve' || view.residual === null) throw new Error('expected a PDE residual');
    const { x } = view;
    const v = view.curves[0];
    const h = x[1] - x[0];
    for (let i = 1; i < 400; i += 23) {
      expect(view.target![i]).toBeCloseTo(Math.sin(Math.PI * x[i]), 6);
      const vxx = (v[i + 1] - 2 * v[i] + v[i - 1]) / (h * h);
      const expected = -vxx - Math.PI ** 2 * Math.sin(Math.PI * x[i]);
      expect(view.residual[0][i]).toBeCloseTo(expected, 3);
    }
  });

  it('mackey-glass: truth is the series at the prediction times, train then test', () => {
    const problem = viewProblemOf(
      scenario(
        {
          space: 'sampled',
          domain: [[0, 1]],
          target: { kind: 'dataset', name: 'mackey-glass', n: 50 },
          loss: { kind: 'l2' },
        },
        { kind: 'mlp', layers: [4, 3, 1], activation: 'tanh' },
      ),
    );
    const theta = new Float64Array(problem.p).fill(0.1);
    const view = approximationView(problem, [theta]);
    if (view.kind !== 'series') throw new Error('expected a series');
    const series = problem.dataset!.series!;
    expect(view.trainCount).toBe(40);
    expect(view.t.length).toBe(50);
    for (let i = 0; i < 50; i++) expect(view.truth[i]).toBe(series.z[view.t[i] - series.t[0]]);
    expect(view.curves[0].length).toBe(50);
  });

  it('xor: model output on the [−1.5, 1.5]² grid with the data points', () => {
    const problem = viewProblemOf(
      scenario(
        {
          space: 'sampled',
          domain: [
            [-1, 1],
            [-1, 1],
          ],
          target: { kind: 'dataset', name: 'xor', n: 30 },
          loss: { kind: 'cross-entropy' },
        },
        { kind: 'mlp', layers: [2, 3, 1], activation: 'tanh', output: 'sigmoid' },
      ),
    );
    const theta = new Float64Array(problem.p).fill(0.3);
    const view = approximationView(problem, [theta], 20);
    if (view.kind !== 'classification') throw new Error('expected classification');
    expect(view.x[0]).toBe(-1.5);
    expect(view.y[19]).toBe(1.5);
    expect(view.curves[0].length).toBe(400);
    expect(view.curves[0].every((p) => p > 0 && p < 1)).toBe(true);
    expect(view.points.length).toBe(60);
    expect(Array.from(view.labels)).toEqual(Array.from(problem.dataset!.train.labels));
  });

  it('2D sampled: target on a grid laid out value[j·nx + i] at (x_i, y_j)', () => {
    const problem = viewProblemOf(
      scenario(
        {
          space: 'sampled',
          domain: [
            [0, 1],
            [0, 2],
          ],
          target: { kind: 'expression', expr: 'x + 10*y' },
          loss: { kind: 'l2' },
          quadrature: { kind: 'grid', m: 100 },
        },
        { kind: 'tensor', format: 'cp', rank: 1, basis: 'legendre', n: 2 },
      ),
    );
    const view = approximationView(problem, [new Float64Array(problem.p).fill(1)], 11);
    if (view.kind !== 'field') throw new Error('expected a field');
    for (let j = 0; j < 11; j += 3)
      for (let i = 0; i < 11; i += 2) expect(view.target![j * 11 + i]).toBeCloseTo(view.x[i] + 10 * view.y[j], 12);
    expect(view.samples!.length).toBe(200);
    // The error field is v_θ − u node by node.
    for (let i = 0; i < view.curves[0].length; i += 7)
      expect(view.errors![0][i]).toBe(view.curves[0][i] - view.target![i]);
  });
});
