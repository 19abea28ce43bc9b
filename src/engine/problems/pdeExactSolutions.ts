// Exact solutions of the 1D PDE problems (docs/ALGORITHMS.md §5), and Poisson's −u″ = f, u(a) = u(b) = 0:
// closed form when f is the default π² sin(πx) (u = sin πx minus the linear interpolant of its boundary
// values, exact on any [a, b]); for any other f, u is the Green's-function integral
//   u(x) = [(b−x)∫_a^x (s−a) f(s) ds + (x−a)∫_x^b (b−s) f(s) ds] / (b−a),
// computed by composite Gauss–Legendre (512 panels × 8 nodes, rounding-level for smooth f; u″ = −f exactly).
// When f is not finite at a quadrature node or panel edge of [a, b] there is no exact solution (null).

import * as libm from '../math';
import { gaussLegendre } from './quadrature';

/** A scalar solution with its first two derivatives. */
export interface ExactSolution {
  /** 'closed-form', or 'quadrature' (Poisson with a user f: Green's function integrated numerically). */
  readonly kind: 'closed-form' | 'quadrature';
  u(x: number): number;
  ux(x: number): number;
  uxx(x: number): number;
}

const GREEN_PANELS = 512;
const GREEN_NODES = 8;

/** −u″ = π² sin πx, u(a) = u(b) = 0: u = sin πx − [sin(πa)(b−x) + sin(πb)(x−a)]/(b−a). */
export function defaultPoissonSolution(a: number, b: number): ExactSolution {
  const pi = Math.PI;
  const sa = libm.sin(pi * a);
  const sb = libm.sin(pi * b);
  const slope = (sb - sa) / (b - a);
  return {
    kind: 'closed-form',
    u: (x) => libm.sin(pi * x) - (sa * (b - x) + sb * (x - a)) / (b - a),
    ux: (x) => pi * libm.cos(pi * x) - slope,
    uxx: (x) => -pi * pi * libm.sin(pi * x),
  };
}

/**
 * −u″ = f, u(a) = u(b) = 0 by the Green's function: with I₁(x) = ∫_a^x (s−a) f ds and I₂(x) = ∫_x^b (b−s) f ds,
 * u = [(b−x) I₁ + (x−a) I₂]/(b−a), u′ = (I₂ − I₁)/(b−a), u″ = −f. I₁, I₂ are tabulated at the panel ends and
 * completed inside a panel by a Gauss–Legendre rule on the partial interval. Null when f is not finite.
 */
export function greenSolution(f: (x: number) => number, a: number, b: number): ExactSolution | null {
  const { nodes, weights } = gaussLegendre(GREEN_NODES);
  const width = (b - a) / GREEN_PANELS;
  const edge = (k: number) => (k === GREEN_PANELS ? b : a + k * width);
  /** ∫_lo^hi kernel(s) f(s) ds. */
  const integrate = (lo: number, hi: number, kernel: (s: number) => number): number => {
    const half = 0.5 * (hi - lo);
    const mid = 0.5 * (hi + lo);
    let sum = 0;
    for (let q = 0; q < GREEN_NODES; q++) {
      const s = mid + half * nodes[q];
      sum += weights[q] * kernel(s) * f(s);
    }
    return half * sum;
  };
  const left = (s: number) => s - a;
  const right = (s: number) => b - s;
  const I1 = new Float64Array(GREEN_PANELS + 1); // I₁ at panel edges
  const I2 = new Float64Array(GREEN_PANELS + 1); // I₂ at panel edges
  for (let k = 0; k < GREEN_PANELS; k++) I1[k + 1] = I1[k] + integrate(edge(k), edge(k + 1), left);
  for (let k = GREEN_PANELS - 1; k >= 0; k--) I2[k] = I2[k + 1] + integrate(edge(k), edge(k + 1), right);
  if (!I1.every(Number.isFinite) || !I2.every(Number.isFinite)) return null;
  // f must also be finite at the panel edges (catches e.g. 1/x on an interval whose edges include 0;
  // a singularity between nodes and edges can still slip through: the reference is then meaningless).
  for (let k = 0; k <= GREEN_PANELS; k++) if (!Number.isFinite(f(edge(k)))) return null;

  const integrals = (x: number): [number, number] => {
    const k = Math.min(GREEN_PANELS - 1, Math.max(0, Math.floor((x - a) / width)));
    return [I1[k] + integrate(edge(k), x, left), I2[k + 1] + integrate(x, edge(k + 1), right)];
  };
  return {
    kind: 'quadrature',
    u: (x) => {
      const [i1, i2] = integrals(x);
      return ((b - x) * i1 + (x - a) * i2) / (b - a);
    },
    ux: (x) => {
      const [i1, i2] = integrals(x);
      return (i2 - i1) / (b - a);
    },
    uxx: (x) => -f(x),
  };
}
