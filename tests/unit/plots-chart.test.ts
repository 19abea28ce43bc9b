// The chart helpers that make live redraws cheap: the decimating path builder must draw the same pixels
// as the full polyline (per pixel column, the same vertical extent; breaks at non-finite points kept),
// and the formula cache must return exactly what rendering every line would.

import { describe, expect, it } from 'vitest';
import { linePath, polylinePath } from '../../src/plots/paths';
import { optimizerFormulaHtml, optimizerFormulaLines } from '../../src/ui/optimizerFormula';
import { resolveOptimizer } from '../../src/engine/scenario/defaults';
import { Rng } from '../../src/engine/random';

/** The path's points, split into pen-down runs. */
function parse(path: string): [number, number][][] {
  const runs: [number, number][][] = [];
  for (const match of path.matchAll(/([ML])(-?[\d.]+),(-?[\d.]+)/g)) {
    if (match[1] === 'M') runs.push([]);
    runs[runs.length - 1].push([Number(match[2]), Number(match[3])]);
  }
  return runs;
}

/**
 * Per pixel column, the vertical extent covered by the polyline through the points: its points in the
 * column and the crossings of the column's edges (y interpolated), i.e. what a rasteriser would paint.
 */
function columnExtents(points: readonly [number, number][]): Map<number, [number, number]> {
  const extents = new Map<number, [number, number]>();
  const see = (column: number, y: number) => {
    const e = extents.get(column);
    if (!e) extents.set(column, [y, y]);
    else ((e[0] = Math.min(e[0], y)), (e[1] = Math.max(e[1], y)));
  };
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i];
    see(Math.floor(x), y);
    if (i === 0) continue;
    const [x0, y0] = points[i - 1];
    // Crossings of column edges between the two points.
    const lo = Math.min(x0, x);
    const hi = Math.max(x0, x);
    for (let edge = Math.floor(lo) + 1; edge < hi; edge++) {
      if (edge <= lo) continue;
      const yEdge = y0 + ((y - y0) * (edge - x0)) / (x - x0);
      see(edge - 1, yEdge);
      see(edge, yEdge);
    }
  }
  return extents;
}

describe('polylinePath', () => {
  it('draws a sparse curve point for point (0.1 px precision)', () => {
    const xs = [0, 10.04, 20.26, 30];
    const ys = [5, -3.36, 7.5, 0];
    expect(
      polylinePath(
        4,
        (i) => xs[i],
        (i) => ys[i],
      ),
    ).toBe('M0,5L10,-3.4L20.3,7.5L30,0');
  });

  it('breaks at non-finite points and skips them', () => {
    const ys = [1, 2, NaN, 4, 5, Infinity, 7];
    const path = polylinePath(
      ys.length,
      (i) => i * 10,
      (i) => ys[i],
    );
    expect(parse(path)).toEqual([
      [
        [0, 1],
        [10, 2],
      ],
      [
        [30, 4],
        [40, 5],
      ],
      [[60, 7]],
    ]);
    expect(
      polylinePath(
        3,
        () => NaN,
        () => 1,
      ),
    ).toBe('');
  });

  it('keeps at most four points per pixel column and paints the same extents as the full polyline', () => {
    const rng = new Rng(7);
    const n = 20_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let y = 100;
    for (let i = 0; i < n; i++) {
      xs[i] = Math.round((i / (n - 1)) * 4000) / 10; // 50 points per pixel, on the 0.1 px grid the path uses
      y += rng.normal() * 2;
      ys[i] = Math.round(y * 10) / 10;
    }
    const path = linePath(
      xs,
      ys,
      (x) => x,
      (v) => v,
    );
    const runs = parse(path);
    expect(runs).toHaveLength(1);
    const drawn = runs[0];
    expect(drawn.length).toBeLessThanOrEqual(4 * 401);
    expect(drawn[0]).toEqual([0, Math.round(ys[0] * 10) / 10]);
    expect(drawn[drawn.length - 1]).toEqual([400, Math.round(ys[n - 1] * 10) / 10]);
    const full = columnExtents(Array.from(xs, (x, i) => [x, ys[i]] as [number, number]));
    const decimated = columnExtents(drawn);
    for (const [column, [lo, hi]] of full) {
      const got = decimated.get(column);
      expect(got, `column ${column}`).toBeDefined();
      expect(got![0], `column ${column}`).toBeCloseTo(lo, 9);
      expect(got![1], `column ${column}`).toBeCloseTo(hi, 9);
    }
  });

  it('keeps a back-and-forth path (trajectory) within a pixel of every original point', () => {
    const rng = new Rng(3);
    const n = 3000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / 100;
      xs[i] = 200 + 150 * Math.exp(-t / 10) * Math.cos(t) + rng.normal() * 0.05;
      ys[i] = 200 + 150 * Math.exp(-t / 10) * Math.sin(t);
    }
    const drawn = parse(
      linePath(
        xs,
        ys,
        (x) => x,
        (v) => v,
      ),
    ).flat();
    expect(drawn.length).toBeLessThan(n);
    // Every original point lies within ~1 px of some drawn segment.
    const distanceToPath = (px: number, py: number) => {
      let best = Infinity;
      for (let i = 1; i < drawn.length; i++) {
        const [ax, ay] = drawn[i - 1];
        const [bx, by] = drawn[i];
        const dx = bx - ax;
        const dy = by - ay;
        const t =
          dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
        best = Math.min(best, Math.hypot(ax + t * dx - px, ay + t * dy - py));
      }
      return best;
    };
    for (let i = 0; i < n; i += 7) expect(distanceToPath(xs[i], ys[i])).toBeLessThan(1.1);
  });
});

describe('polylinePath decimation', () => {
  /** A path through points given as arrays (screen coordinates). */
  const pathOf = (xs: ArrayLike<number>, ys: ArrayLike<number>) =>
    linePath(
      xs,
      ys,
      (x) => x,
      (y) => y,
    );

  /** Many points per pixel column: a slowly falling loss curve (1000 points over 100 px). */
  function denseCurve(n = 1000, pixels = 100): { xs: Float64Array; ys: Float64Array } {
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = (i / (n - 1)) * pixels;
      ys[i] = 50 + 40 * Math.exp(-i / 300);
    }
    return { xs, ys };
  }

  it('keeps a one-point spike (a divergence between two steady points) at its full height', () => {
    const { xs, ys } = denseCurve();
    ys[537] = 400; // one record far above (y grows downwards on screen: a dip of the loss is the same case)
    ys[612] = -300;
    const drawn = parse(pathOf(xs, ys)).flat();
    expect(drawn.length).toBeLessThan(xs.length / 2);
    expect(Math.max(...drawn.map(([, y]) => y))).toBe(400);
    expect(Math.min(...drawn.map(([, y]) => y))).toBe(-300);
    // The spike stays in its own pixel column.
    const spike = drawn.find(([, y]) => y === 400)!;
    expect(Math.floor(spike[0])).toBe(Math.floor(xs[537]));
  });

  it('keeps the first and the last point exactly', () => {
    const { xs, ys } = denseCurve();
    const drawn = parse(pathOf(xs, ys)).flat();
    expect(drawn[0]).toEqual([0, Math.round(ys[0] * 10) / 10]);
    expect(drawn[drawn.length - 1]).toEqual([100, Math.round(ys[ys.length - 1] * 10) / 10]);
  });

  it('is idempotent: decimating a decimated path changes nothing', () => {
    const rng = new Rng(11);
    const n = 5000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let y = 0;
    for (let i = 0; i < n; i++) {
      xs[i] = (i / (n - 1)) * 300;
      y += rng.normal();
      ys[i] = y;
    }
    const once = pathOf(xs, ys);
    const points = parse(once).flat();
    const twice = pathOf(
      points.map(([x]) => x),
      points.map(([, v]) => v),
    );
    expect(twice).toBe(once);
  });

  it('is exact (every point, in order) when there are fewer points than pixel columns', () => {
    const rng = new Rng(5);
    const n = 200;
    const xs = Array.from({ length: n }, (_, i) => i * 2.5 + 0.3); // 2.5 px apart: one point per column
    const ys = Array.from({ length: n }, () => Math.round(rng.normal() * 1000) / 10);
    const drawn = parse(pathOf(xs, ys));
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toEqual(xs.map((x, i) => [Math.round(x * 10) / 10, ys[i]]));
  });
});

describe('optimizerFormulaHtml', () => {
  it('renders each distinct TeX line once and returns the lines rendered in order', () => {
    const calls: string[] = [];
    const render = (tex: string) => {
      calls.push(tex);
      return `<span>${tex}</span>`;
    };
    const ngd = resolveOptimizer({ id: 'ngd', preconditioner: 'gram', alpha: 0.5 });
    const nesterov = resolveOptimizer({ id: 'n', preconditioner: 'gram', momentum: 'nesterov', alpha: 0.5, beta: 0.9 });
    const expected = optimizerFormulaLines(nesterov)
      .map((tex) => `<span>${tex}</span>`)
      .join('');
    expect(optimizerFormulaHtml(nesterov, render)).toBe(expected);
    const first = calls.length;
    expect(first).toBe(optimizerFormulaLines(nesterov).length);
    expect(optimizerFormulaHtml(nesterov, render)).toBe(expected);
    expect(calls.length).toBe(first);
    optimizerFormulaHtml(ngd, render);
    expect(calls.length).toBe(
      first + optimizerFormulaLines(ngd).filter((tex) => !optimizerFormulaLines(nesterov).includes(tex)).length,
    );
  });
});

describe('logTicks', () => {
  it('labels less than two decades with a few 1-2-5 values inside the domain', async () => {
    const { scaleLog } = await import('d3');
    const { logTicks } = await import('../../src/plots/axis');
    const ticks = logTicks(scaleLog().domain([1.8e13, 2.7e14]), 4);
    expect(ticks.values).toEqual([2e13, 5e13, 1e14, 2e14]);
    const narrow = logTicks(scaleLog().domain([0.31, 0.42]), 4);
    expect(narrow.values.length).toBeGreaterThanOrEqual(2);
    expect(narrow.values.length).toBeLessThanOrEqual(4);
    for (const v of narrow.values) expect(v >= 0.31 && v <= 0.42).toBe(true);
  });
});
