// The views' budgets and rules (src/engine/views): deterministic from sizes, the loss kind from the
// scenario, one thinning rule, ensemble quantiles against a hand computation.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import {
  approximationView,
  functionSpaceView,
  lossView,
  parameterPlaneView,
  quantileOfSorted,
  thinIndices,
  viewProblemOf,
} from '../../src/engine/views';
import { blankRecord } from '../../src/engine/records';
import { VIEW_WORK } from '../../src/engine/views/budget';
import { line, scenario } from './viewFixtures';

describe('views are functions of the scenario and the iterates alone', () => {
  const mlp = () =>
    viewProblemOf(
      scenario(
        {
          space: 'sampled',
          domain: [[-1, 1]],
          target: { kind: 'expression', expr: 'sin(3*x)' },
          loss: { kind: 'l2' },
          quadrature: { kind: 'grid', m: 64 },
        },
        { kind: 'mlp', layers: [1, 6, 1], activation: 'tanh' },
      ),
    );
  const tracks = (p: number) => {
    const rng = new Rng(11);
    const start = Array.from({ length: p }, () => rng.uniform(-1, 1));
    return [
      line(
        start,
        start.map((v) => v + rng.uniform(-0.5, 0.5)),
        500,
      ),
      line(
        start,
        start.map((v) => v * 0.5),
        300,
      ),
    ];
  };
  const numbers = (value: unknown): number[] => {
    const out: number[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'number') out.push(v);
      else if (ArrayBuffer.isView(v)) out.push(...Array.from(v as unknown as ArrayLike<number>));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(value);
    return out;
  };

  it('building every view twice, from two built problems, gives the same numbers (no timing enters)', () => {
    const first = mlp();
    const second = mlp();
    const paths = tracks(first.p);
    const build = (problem: ReturnType<typeof mlp>) => [
      parameterPlaneView(problem, paths),
      functionSpaceView(problem, paths),
      approximationView(
        problem,
        paths.map((t) => t[t.length - 1]),
      ),
    ];
    const a = numbers(build(first));
    const b = numbers(build(second));
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    const plane = parameterPlaneView(first, paths);
    // The grid resolution follows from sizes alone (64 points, p parameters).
    if (plane.kind !== 'grid') throw new Error('expected a grid');
    expect(plane.grid.nx).toBe(Math.min(60, Math.max(6, Math.floor(Math.sqrt(VIEW_WORK / (64 * first.p))))));
    expect(plane.grid.levels.length).toBe(14);
  });

  it("the function-space levels follow the scenario's loss kind, never L(θ₀)", () => {
    const problem = mlp();
    // An objective whose loss cannot be evaluated: the view must not need it.
    const failing = Object.create(problem.objective, {
      loss: {
        value: () => {
          throw new Error('the view evaluated the loss');
        },
      },
      evalLoss: { value: undefined },
    });
    const paths = tracks(problem.p);
    const l2 = functionSpaceView(Object.assign(Object.create(problem), { objective: failing }), paths);
    if (l2.kind !== 'sampled') throw new Error('expected a sampled plane');
    expect(l2.loss).toBe('l2');
    expect(l2.grid).not.toBeNull();
    const h1 = functionSpaceView(Object.assign(Object.create(problem), { objective: failing, loss: 'h1' }), paths);
    if (h1.kind !== 'sampled') throw new Error('expected a sampled plane');
    expect(h1.loss).toBeNull();
    expect(h1.grid).toBeNull();
    expect(
      viewProblemOf(
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
      ).loss,
    ).toBe('cross-entropy');
  });
});

describe('thinIndices (the one thinning rule)', () => {
  it('keeps everything up to the budget, else a dense head, the last index, strictly increasing', () => {
    expect(Array.from(thinIndices(5, 10))).toEqual([0, 1, 2, 3, 4]);
    expect(thinIndices(0, 10).length).toBe(0);
    for (const [n, budget] of [
      [10_000, 160],
      [161, 160],
      [1001, 1000],
      [3, 2],
    ]) {
      const idx = thinIndices(n, budget);
      expect(idx.length).toBe(budget);
      const head = Math.floor((budget * 3) / 8);
      expect(Array.from(idx.subarray(0, head))).toEqual(Array.from({ length: head }, (_, i) => i));
      expect(idx[idx.length - 1]).toBe(n - 1);
      for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
    }
  });
});

describe('lossView: ensembles', () => {
  it('median and 10–90 % quantiles per iteration over the seeds, positive values only; single tracks get none', () => {
    const seeds = [3, 1, 4, 1.5, 9];
    const track = (id: string, scale: number, n: number) => ({
      optimizerId: id,
      records: Array.from({ length: n }, (_, k) => {
        const r = blankRecord(k, scale / (k + 1));
        r.time = k * scale;
        r.error = k === 2 ? -1 : scale * 2;
        return r;
      }),
    });
    const view = lossView([...seeds.map((s) => track('gd', s, 4)), track('ngd', 1, 4)]);
    expect(view.ensembles.map((e) => e.optimizerId)).toEqual(['gd']);
    const band = view.ensembles[0];
    expect(band.members).toBe(5);
    expect(Array.from(band.k)).toEqual([0, 1, 2, 3]);
    const sorted = [...seeds].sort((a, b) => a - b);
    for (let k = 0; k < 4; k++) {
      // Linear interpolation between order statistics, written out: q at position 4q of the 5 sorted values.
      const at = (q: number) => {
        const h = 4 * q;
        const i = Math.floor(h);
        return (sorted[i] + (i + 1 < 5 ? (sorted[i + 1] - sorted[i]) * (h - i) : 0)) / (k + 1);
      };
      expect(band.fields.loss!.q50[k]).toBeCloseTo(at(0.5), 14);
      expect(band.fields.loss!.q10[k]).toBeCloseTo(at(0.1), 14);
      expect(band.fields.loss!.q90[k]).toBeCloseTo(at(0.9), 14);
      expect(band.time[k]).toBeCloseTo(3 * k, 14);
    }
    expect(Number.isNaN(band.fields.error!.q50[2])).toBe(true);
    expect(band.fields.relError).toBeNull();
    expect(quantileOfSorted([1, 2], 0.5)).toBe(1.5);
  });
});
