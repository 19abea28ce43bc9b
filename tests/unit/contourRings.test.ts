// The landscape contours the run worker traces for the plots (workers/contourRings.ts): the packing keeps
// every ring of d3-contour's polygons in order, and on L = x² + y² the region above a level is the grid
// minus a disc whose rim is the circle of radius √level (marching squares interpolates linearly, so to
// within a fraction of the grid step). The parameter and function-space views come with their rings.

import { describe, expect, it } from 'vitest';
import { contours } from 'd3';
import { contourRings, finiteGridValues, withContourRings } from '../../workers/contourRings';
import { VIEW_BUILDERS } from '../../workers/views';
import { Run } from '../../src/engine/run';
import { findPreset } from '../../src/engine/scenario/presets';

function radialGrid(n: number, levels: number[]) {
  const x = Float64Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const y = Float64Array.from(x);
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = x[i] * x[i] + y[j] * y[j];
  return { nx: n, ny: n, x, y, values, levels };
}

describe('contour rings', () => {
  it('pack every ring of every level, in the order d3-contour traces them', () => {
    const grid = radialGrid(41, [0.05, 0.2, 0.5, 0.9]);
    grid.values[7] = NaN; // a blow-up reads as the largest value
    const rings = contourRings(grid);
    const polygons = contours().size([41, 41]).thresholds(grid.levels)(finiteGridValues(grid));
    expect(rings.levelStart.length).toBe(grid.levels.length + 1);
    const flat: number[][] = [];
    polygons.forEach((polygon, i) => {
      const ringsOfLevel = polygon.coordinates.flat();
      expect(rings.levelStart[i + 1] - rings.levelStart[i]).toBe(ringsOfLevel.length);
      for (const ring of ringsOfLevel) flat.push(ring.flat());
    });
    flat.forEach((ring, r) => {
      const packed = rings.points.slice(2 * rings.ringStart[r], 2 * rings.ringStart[r + 1]);
      expect(Array.from(packed)).toEqual(ring);
    });
    expect(rings.ringStart[rings.ringStart.length - 1]).toBe(rings.points.length / 2);
  });

  it('on x² + y² trace the circles of radius √level (and the grid’s border around them)', () => {
    const n = 81;
    const grid = radialGrid(n, [0.1, 0.25, 0.5]);
    const rings = contourRings(grid);
    const h = 2 / (n - 1);
    for (let level = 0; level < 3; level++) {
      const radius = Math.sqrt(grid.levels[level]);
      let circles = 0;
      let borders = 0;
      for (let r = rings.levelStart[level]; r < rings.levelStart[level + 1]; r++) {
        let onCircle = true;
        let onBorder = true;
        for (let q = rings.ringStart[r]; q < rings.ringStart[r + 1]; q++) {
          const cx = rings.points[2 * q];
          const cy = rings.points[2 * q + 1];
          // contour coordinate i + ½ is sample i
          const px = -1 + (cx - 0.5) * h;
          const py = -1 + (cy - 0.5) * h;
          if (Math.abs(Math.hypot(px, py) - radius) >= 0.25 * h) onCircle = false;
          if (cx !== 0 && cx !== n && cy !== 0 && cy !== n) onBorder = false;
        }
        if (onCircle) circles++;
        else if (onBorder) borders++;
      }
      expect([circles, borders]).toEqual([1, 1]);
    }
  });

  it('an empty level list has no rings', () => {
    const rings = contourRings(radialGrid(5, []));
    expect(Array.from(rings.levelStart)).toEqual([0]);
    expect(rings.points.length).toBe(0);
  });

  it('come with the parameter-plane and function-space views of a two-parameter toy', () => {
    const run = new Run(findPreset('curved-manifold')!.scenario);
    run.step();
    for (const view of [VIEW_BUILDERS.parameterPlane(run).view, VIEW_BUILDERS.functionSpace(run).view]) {
      const grid = 'grid' in view ? view.grid : null;
      if (!grid) throw new Error(`the toy's ${view.kind} view has no grid`);
      expect(grid.rings?.levelStart.length).toBe(grid.levels.length + 1);
      expect(grid.rings?.points.length).toBeGreaterThan(0);
    }
    // A view whose grid has its rings keeps them.
    const view = VIEW_BUILDERS.functionSpace(run).view;
    const rings = 'grid' in view ? view.grid?.rings : undefined;
    expect(rings).toBeDefined();
    withContourRings(view);
    expect('grid' in view ? view.grid?.rings : undefined).toBe(rings);
  });
});
