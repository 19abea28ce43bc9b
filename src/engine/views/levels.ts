// Contour levels of a landscape grid, chosen with the grid in the worker so that plots only draw them.

import * as libm from '../math';
import { extent } from './geometry';

/**
 * Geometrically spaced levels between the smallest positive value and the 90th percentile (so that a
 * blow-up in a corner does not flatten the picture); linear levels when values are not all positive.
 */
export function landscapeLevels(values: Float64Array, count = 14): number[] {
  const finite = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (finite.length === 0) return [];
  const lo = finite[0];
  const hi = finite[Math.min(finite.length - 1, Math.floor(0.9 * (finite.length - 1)))];
  if (!(hi > lo)) return [];
  if (lo > 0) {
    const ratio = libm.log(hi / lo);
    return Array.from({ length: count }, (_, i) => lo * libm.exp((ratio * (i + 0.5)) / count));
  }
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / count);
}

/** Levels min + (max − min)(i/(count + 1))²: equally spaced ellipses for quadratic losses (paper style). */
export function quadraticLevels(values: Float64Array, count = 10): number[] {
  const range = extent(values);
  if (range === null || !(range[1] > range[0])) return [];
  const [lo, hi] = range;
  return Array.from({ length: count }, (_, i) => {
    const t = (i + 1) / (count + 1);
    return lo + (hi - lo) * t * t;
  });
}
