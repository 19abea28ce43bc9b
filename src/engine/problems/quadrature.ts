// Quadrature point sets for sampled spaces (docs/ALGORITHMS.md §1): midpoint grid, tensor Gauss–Legendre
// and (re)sampled Monte Carlo. Points are row-major: x[i*d + k] is coordinate k of point i; in d
// dimensions the first coordinate varies slowest.

import * as libm from '../math';
import type { QuadratureSpec, Domain } from '../scenario/types';
import type { PointSet } from '../models/model';
import { Rng } from '../random';

/** Seed of Monte Carlo points when `quadrature.seed` is omitted. */
export const DEFAULT_QUADRATURE_SEED = 0;

let legendreValue = 0;
let legendreDerivative = 0;

/** P_n(x) and P_n′(x) (|x| < 1) by the three-term recurrence, into legendreValue/legendreDerivative. */
function legendre(n: number, x: number): void {
  let p0 = 1;
  let p1 = x;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  legendreValue = p1;
  legendreDerivative = (n * (x * p1 - p0)) / (x * x - 1);
}

/**
 * Gauss–Legendre nodes (ascending) and weights on [−1, 1]. Newton's method on P_n from Tricomi's
 * asymptotic initial guesses, P_n and P_n′ by the three-term recurrence: accurate to a few ulps
 * for n up to several thousand. O(n²).
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gaussLegendre: n must be a positive integer, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    // i-th largest root; Tricomi: x ≈ (1 − (n−1)/(8n³)) cos(π(4i+3)/(4n+2)) with i 0-based.
    let x = (1 - (n - 1) / (8 * n * n * n)) * libm.cos((Math.PI * (4 * i + 3)) / (4 * n + 2));
    // Quadratic convergence from this guess: a handful of steps reach rounding level.
    for (let iter = 0; iter < 30; iter++) {
      legendre(n, x);
      const dx = legendreValue / legendreDerivative;
      x -= dx;
      if (Math.abs(dx) <= 1e-15) break;
    }
    legendre(n, x);
    const w = 2 / ((1 - x * x) * legendreDerivative * legendreDerivative);
    // Roots come in ± pairs; store ascending.
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0; // exact centre node
  return { nodes, weights };
}

function domainVolume(domain: Domain): number {
  let v = 1;
  for (const [a, b] of domain) v *= b - a;
  return v;
}

/** Tensor product of 1D rules (nodes already mapped to each interval); weights multiply. */
function tensorProduct(rules: { nodes: Float64Array; weights: Float64Array }[]): PointSet {
  const d = rules.length;
  let m = 1;
  for (const r of rules) m *= r.nodes.length;
  const x = new Float64Array(m * d);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    // Mixed-radix decomposition of i, last coordinate fastest.
    let rest = i;
    let weight = 1;
    for (let k = d - 1; k >= 0; k--) {
      const q = rules[k].nodes.length;
      const idx = rest % q;
      rest = (rest - idx) / q;
      x[i * d + k] = rules[k].nodes[idx];
      weight *= rules[k].weights[idx];
    }
    w[i] = weight;
  }
  return { d, m, x, w };
}

function midpointRule(a: number, b: number, q: number): { nodes: Float64Array; weights: Float64Array } {
  const h = (b - a) / q;
  const nodes = new Float64Array(q);
  for (let j = 0; j < q; j++) nodes[j] = a + (j + 0.5) * h;
  return { nodes, weights: new Float64Array(q).fill(h) };
}

function gaussLegendreOn(a: number, b: number, q: number): { nodes: Float64Array; weights: Float64Array } {
  const { nodes, weights } = gaussLegendre(q);
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  for (let j = 0; j < q; j++) {
    nodes[j] = mid + half * nodes[j];
    weights[j] *= half;
  }
  return { nodes, weights };
}

/** Points per dimension for a total of m points in d dimensions (q = round(m^{1/d}), at least 1). */
function perDimension(m: number, d: number): number {
  return Math.max(1, Math.round(d === 1 ? m : d === 2 ? Math.sqrt(m) : libm.pow(m, 1 / d)));
}

/** Midpoint grid with perDim points per dimension (perDim^d in total), weights |Ω|/m. For plots and evaluation. */
export function uniformGrid(domain: Domain, perDim: number): PointSet {
  const q = Math.max(1, Math.round(perDim));
  const set = tensorProduct(domain.map(([a, b]) => midpointRule(a, b, q)));
  set.w.fill(domainVolume(domain) / set.m); // exactly equal weights
  return set;
}

/** Seed of the point set drawn at iteration k when resampling (deterministic in (seed, k)). */
export function resampleSeed(seed: number, iteration: number): number {
  // Kept in the 32-bit range the Rng consumes.
  return (Math.imul(seed | 0, 1000003) + (iteration | 0)) | 0;
}

/**
 * The quadrature point set of a scenario. m is the total number of points: in 2D, grid and
 * Gauss–Legendre use q = round(√m) points per dimension (actual m = q²). Monte Carlo draws m uniform
 * points from Rng(seed), or with `resample` from Rng(resampleSeed(seed, iteration)).
 */
export function quadraturePoints(spec: QuadratureSpec, domain: Domain, iteration = 0): PointSet {
  const d = domain.length;
  const m = Math.max(1, Math.round(spec.m));
  switch (spec.kind) {
    case 'grid':
      return uniformGrid(domain, perDimension(m, d));
    case 'gauss-legendre': {
      const q = perDimension(m, d);
      return tensorProduct(domain.map(([a, b]) => gaussLegendreOn(a, b, q)));
    }
    case 'monte-carlo': {
      const seed = spec.seed ?? DEFAULT_QUADRATURE_SEED;
      const rng = new Rng(spec.resample ? resampleSeed(seed, iteration) : seed);
      const x = new Float64Array(m * d);
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < d; k++) x[i * d + k] = rng.uniform(domain[k][0], domain[k][1]);
      }
      return { d, m, x, w: new Float64Array(m).fill(domainVolume(domain) / m) };
    }
  }
}
