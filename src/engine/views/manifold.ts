// The manifold M of the function-space view in exact spaces: the image of the model in the coefficient
// plane (p = 1: a curve; p = 2: images of parameter grid lines; p > 2: grid lines of the iterates'
// principal plane), clipped to the view's box.

import type { Model } from '../models/model';
import type { Polyline } from './types';
import { clipPolyline, extent, linspace, type Range } from './geometry';
import { principalPlane } from './parameterPlane';

/** Grid lines drawn per parameter direction (p ≥ 2) and samples per line. */
const MANIFOLD_LINES = 13;
const LINE_SAMPLES = 241;
const CURVE_SAMPLES = 1201;

/**
 * The image of the model inside the box: over a wide parameter window around the iterates, the part
 * of parameter space that maps into the box is located on a coarse sample, then resampled finely.
 */
export function manifoldImage(
  model: Model,
  trajectories: readonly (readonly Float64Array[])[],
  boxX: Range,
  boxY: Range,
): Polyline[] {
  const p = model.p;
  const c = new Float64Array(model.m);
  const inBox = (cx: number, cy: number) => cx >= boxX[0] && cx <= boxX[1] && cy >= boxY[0] && cy <= boxY[1];

  // Parameters of the drawn (1D or 2D) family: θ(s) for p = 1, θ(a, b) for p ≥ 2.
  const first = trajectories.find((track) => track.length > 0);
  const origin = p > 2 && first ? Float64Array.from(first[0]) : new Float64Array(p);
  const plane = p > 2 ? principalPlane(trajectories, origin, 48) : null;
  const theta = new Float64Array(p);
  const place = (a: number, b: number) => {
    if (p === 1) theta[0] = a;
    else if (plane === null) {
      theta[0] = a;
      theta[1] = b;
    } else {
      for (let j = 0; j < p; j++) theta[j] = origin[j] + a * plane.d1[j] + b * plane.d2[j];
    }
  };
  // Iterates in family coordinates.
  let aRange: Range | null = null;
  let bRange: Range | null = null;
  for (const track of trajectories) {
    for (const t of track) {
      if (p === 1) aRange = extent([t[0]], aRange) ?? aRange;
      else if (plane === null) {
        aRange = extent([t[0]], aRange) ?? aRange;
        bRange = extent([t[1]], bRange) ?? bRange;
      } else {
        let a = 0;
        let b = 0;
        for (let j = 0; j < p; j++) {
          a += (t[j] - origin[j]) * plane.d1[j];
          b += (t[j] - origin[j]) * plane.d2[j];
        }
        aRange = extent([a], aRange) ?? aRange;
        bRange = extent([b], bRange) ?? bRange;
      }
    }
  }
  const wide = (range: Range | null): Range => {
    const r = range ?? [0, 0];
    const centre = 0.5 * (r[0] + r[1]);
    const half = 3 * Math.max(r[1] - r[0], 1, Math.abs(centre));
    return [centre - half, centre + half];
  };

  if (p === 1) {
    const [s0, s1] = wide(aRange);
    const coarse = linspace(s0, s1, 2001);
    let lo = -1;
    let hi = -1;
    for (let i = 0; i < coarse.length; i++) {
      place(coarse[i], 0);
      model.values(theta, c);
      if (inBox(c[0], c[1])) {
        if (lo < 0) lo = i;
        hi = i;
      }
    }
    if (lo < 0) return [];
    const s = linspace(coarse[Math.max(0, lo - 1)], coarse[Math.min(coarse.length - 1, hi + 1)], CURVE_SAMPLES);
    const x = new Float64Array(s.length);
    const y = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) {
      place(s[i], 0);
      model.values(theta, c);
      x[i] = c[0];
      y[i] = c[1];
    }
    return clipPolyline(x, y, boxX, boxY);
  }

  // p ≥ 2: the parameter rectangle whose image meets the box, from a coarse 61 × 61 sample.
  const [a0, a1] = wide(aRange);
  const [b0, b1] = wide(bRange);
  const coarseA = linspace(a0, a1, 61);
  const coarseB = linspace(b0, b1, 61);
  let hitA: Range | null = null;
  let hitB: Range | null = null;
  for (let j = 0; j < coarseB.length; j++) {
    for (let i = 0; i < coarseA.length; i++) {
      place(coarseA[i], coarseB[j]);
      model.values(theta, c);
      if (inBox(c[0], c[1])) {
        hitA = extent([coarseA[Math.max(0, i - 1)], coarseA[Math.min(60, i + 1)]], hitA);
        hitB = extent([coarseB[Math.max(0, j - 1)], coarseB[Math.min(60, j + 1)]], hitB);
      }
    }
  }
  if (hitA === null || hitB === null) return [];
  const linesA = linspace(hitA[0], hitA[1], MANIFOLD_LINES);
  const linesB = linspace(hitB[0], hitB[1], MANIFOLD_LINES);
  const alongA = linspace(hitA[0], hitA[1], LINE_SAMPLES);
  const alongB = linspace(hitB[0], hitB[1], LINE_SAMPLES);
  const polylines: Polyline[] = [];
  const trace = (fixed: number, along: Float64Array, fixedIsA: boolean) => {
    const x = new Float64Array(along.length);
    const y = new Float64Array(along.length);
    for (let i = 0; i < along.length; i++) {
      if (fixedIsA) place(fixed, along[i]);
      else place(along[i], fixed);
      model.values(theta, c);
      x[i] = c[0];
      y[i] = c[1];
    }
    polylines.push(...clipPolyline(x, y, boxX, boxY));
  };
  for (const a of linesA) trace(a, alongB, true);
  for (const b of linesB) trace(b, alongA, false);
  return polylines;
}
