import { describe, expect, it } from 'vitest';
import { gaussLegendre, quadraturePoints, uniformGrid } from '../../src/engine/problems/quadrature';
import type { Domain, QuadratureSpec } from '../../src/engine/scenario/types';

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** ∫_{-1}^{1} x^k dx */
function monomialIntegral(k: number): number {
  return k % 2 === 1 ? 0 : 2 / (k + 1);
}

describe('gaussLegendre', () => {
  it.each([1, 2, 3, 4, 5, 8, 13, 20])('integrates every monomial up to degree 2n−1 exactly (n=%i)', (n) => {
    const { nodes, weights } = gaussLegendre(n);
    for (let k = 0; k <= 2 * n - 1; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** k;
      expect(Math.abs(s - monomialIntegral(k))).toBeLessThan(1e-14 * Math.max(1, n));
    }
    // …and not degree 2n: the error on x^{2n} is ∫ π_n², π_n the monic Legendre polynomial,
    // = 2^{2n+1} (n!)⁴ / ((2n+1) ((2n)!)²).
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** (2 * n);
    let expected = 2 / (2 * n + 1);
    for (let k = 1; k <= n; k++) expected *= (4 * k * k) / ((n + k) * (n + k)); // (2n)! = n! Π (n+k)
    expect(Math.abs((monomialIntegral(2 * n) - s) / expected - 1)).toBeLessThan(1e-3);
  });

  it('matches the closed-form 3-point rule', () => {
    const { nodes, weights } = gaussLegendre(3);
    const r = Math.sqrt(3 / 5);
    expect(nodes[0]).toBeCloseTo(-r, 15);
    expect(nodes[1]).toBe(0);
    expect(nodes[2]).toBeCloseTo(r, 15);
    expect(weights[0]).toBeCloseTo(5 / 9, 15);
    expect(weights[1]).toBeCloseTo(8 / 9, 15);
    expect(weights[2]).toBeCloseTo(5 / 9, 15);
  });

  it.each([100, 500, 2000])(
    'is accurate for large n (n=%i): weights sum to 2, nodes ascending in (−1,1), smooth integrals exact',
    (n) => {
      const { nodes, weights } = gaussLegendre(n);
      expect(Math.abs(sum(weights) - 2)).toBeLessThan(1e-13);
      expect(nodes[0]).toBeGreaterThan(-1);
      expect(nodes[n - 1]).toBeLessThan(1);
      for (let i = 1; i < n; i++) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
      // ∫ cos(10x) = sin(10)/5 and a high-degree monomial ∫ x^(2n−2) = 2/(2n−1).
      let c = 0;
      let mono = 0;
      for (let i = 0; i < n; i++) {
        c += weights[i] * Math.cos(10 * nodes[i]);
        mono += weights[i] * nodes[i] ** (2 * n - 2);
      }
      expect(Math.abs(c - Math.sin(10) / 5)).toBeLessThan(1e-13);
      expect(Math.abs(mono - 2 / (2 * n - 1)) / (2 / (2 * n - 1))).toBeLessThan(1e-11);
    },
  );
});

describe('quadraturePoints', () => {
  const interval: Domain = [[-1, 3]];
  const square: Domain = [
    [0, 2],
    [-1, 1],
  ];

  it('grid: midpoints of equal cells with weights |Ω|/m', () => {
    const set = quadraturePoints({ kind: 'grid', m: 4 }, interval);
    expect(set.d).toBe(1);
    expect(set.m).toBe(4);
    expect(Array.from(set.x)).toEqual([-0.5, 0.5, 1.5, 2.5]);
    expect(Array.from(set.w)).toEqual([1, 1, 1, 1]);
    // Midpoint rule is exact for linear functions and O(h²) for x².
    const fine = quadraturePoints({ kind: 'grid', m: 1000 }, interval);
    let s = 0;
    for (let i = 0; i < fine.m; i++) s += fine.w[i] * fine.x[i] * fine.x[i];
    expect(Math.abs(s - (27 + 1) / 3)).toBeLessThan(1e-5);
  });

  it('gauss-legendre mapped to the domain integrates polynomials of degree 2m−1 exactly', () => {
    const m = 6;
    const set = quadraturePoints({ kind: 'gauss-legendre', m }, interval);
    expect(Math.abs(sum(set.w) - 4)).toBeLessThan(1e-14);
    for (let k = 0; k <= 2 * m - 1; k++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += set.w[i] * set.x[i] ** k;
      const exact = (3 ** (k + 1) - (-1) ** (k + 1)) / (k + 1);
      expect(Math.abs(s - exact) / Math.max(1, Math.abs(exact))).toBeLessThan(1e-13);
    }
  });

  it('monte-carlo: uniform points inside Ω, weights |Ω|/m, deterministic by seed', () => {
    const spec: QuadratureSpec = { kind: 'monte-carlo', m: 500, seed: 7 };
    const a = quadraturePoints(spec, interval);
    const b = quadraturePoints(spec, interval, 5); // iteration ignored without resample
    expect(a.m).toBe(500);
    expect(Math.abs(sum(a.w) - 4)).toBeLessThan(1e-12);
    expect(a.x).toEqual(b.x);
    for (const x of a.x) {
      expect(x).toBeGreaterThanOrEqual(-1);
      expect(x).toBeLessThan(3);
    }
    const other = quadraturePoints({ ...spec, seed: 8 }, interval);
    expect(other.x).not.toEqual(a.x);
    // Mean of uniform points on [−1, 3] is 1 (± a few standard errors 4/√12/√500 ≈ 0.05).
    expect(Math.abs(sum(a.x) / a.m - 1)).toBeLessThan(0.2);
  });

  it('monte-carlo with resample: new points each iteration, reproducible for equal (seed, k)', () => {
    const spec: QuadratureSpec = { kind: 'monte-carlo', m: 50, seed: 3, resample: true };
    const k0 = quadraturePoints(spec, interval, 0);
    const k1 = quadraturePoints(spec, interval, 1);
    const k1again = quadraturePoints(spec, interval, 1);
    expect(k1.x).not.toEqual(k0.x);
    expect(k1again.x).toEqual(k1.x);
    const otherSeed = quadraturePoints({ ...spec, seed: 4 }, interval, 1);
    expect(otherSeed.x).not.toEqual(k1.x);
  });

  it('2D: m is the total, q = round(√m) per dimension for grid and gauss-legendre; row-major points', () => {
    const grid = quadraturePoints({ kind: 'grid', m: 50 }, square); // q = 7
    expect(grid.d).toBe(2);
    expect(grid.m).toBe(49);
    expect(grid.x.length).toBe(98);
    expect(Math.abs(sum(grid.w) - 4)).toBeLessThan(1e-13);
    // First point is the lower-left cell centre; the second coordinate varies fastest.
    expect(grid.x[0]).toBeCloseTo(1 / 7, 15);
    expect(grid.x[1]).toBeCloseTo(-1 + 1 / 7, 15);
    expect(grid.x[2]).toBeCloseTo(1 / 7, 15);
    expect(grid.x[3]).toBeCloseTo(-1 + 3 / 7, 15);

    const gl = quadraturePoints({ kind: 'gauss-legendre', m: 16 }, square); // q = 4
    expect(gl.m).toBe(16);
    // Tensor rule exact for x^7 y^7 and x^2 y^6 on [0,2]×[−1,1].
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < gl.m; i++) {
      const x = gl.x[2 * i];
      const y = gl.x[2 * i + 1];
      s1 += gl.w[i] * x ** 7 * y ** 6;
      s2 += gl.w[i] * x ** 2 * y ** 7;
    }
    expect(s1).toBeCloseTo((2 ** 8 / 8) * (2 / 7), 12);
    expect(s2).toBeCloseTo(0, 14);

    const mc = quadraturePoints({ kind: 'monte-carlo', m: 50, seed: 1 }, square);
    expect(mc.m).toBe(50);
    expect(mc.x.length).toBe(100);
    expect(Math.abs(sum(mc.w) - 4)).toBeLessThan(1e-13);
    for (let i = 0; i < mc.m; i++) {
      expect(mc.x[2 * i]).toBeGreaterThanOrEqual(0);
      expect(mc.x[2 * i]).toBeLessThan(2);
      expect(mc.x[2 * i + 1]).toBeGreaterThanOrEqual(-1);
      expect(mc.x[2 * i + 1]).toBeLessThan(1);
    }
  });

  it('uniformGrid: perDim points per dimension, weights sum to |Ω|', () => {
    const g1 = uniformGrid(interval, 8);
    expect(g1.m).toBe(8);
    expect(g1.x[0]).toBeCloseTo(-0.75, 15);
    expect(Math.abs(sum(g1.w) - 4)).toBeLessThan(1e-14);
    const g2 = uniformGrid(square, 5);
    expect(g2.m).toBe(25);
    expect(Math.abs(sum(g2.w) - 4)).toBeLessThan(1e-14);
  });
});
