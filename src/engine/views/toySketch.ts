// The schematic a gallery card shows for a toy scenario in an exact space (docs/ALGORITHMS.md §7): in the
// plane of coefficients c ∈ R², the level sets of 𝓛(c) = ½ (c − c_u)ᵀ K (c − c_u) (ellipses around the target),
// the manifold M = {c(θ)} drawn as the image of a few parameter lines, the start c(θ₀) and the target
// c_u. Only model evaluations, no optimisation: cheap enough for the gallery to compute on the main thread.

import * as libm from '../math';
import { createToyModel } from '../models/toy';
import type { Scenario } from '../scenario/types';

export type Point = [number, number];

export interface ToySketch {
  /** Bounding box of what is drawn, in coefficient coordinates: [[xmin, xmax], [ymin, ymax]]. */
  box: [Point, Point];
  /** Level sets of the loss, innermost first; each closed. */
  levels: Point[][];
  /** Images of parameter lines (for p = 1, the curve M itself). */
  manifold: Point[][];
  start: Point;
  target: Point;
}

const LEVEL_POINTS = 48;
const LINE_POINTS = 41;

/** Eigen-decomposition of a symmetric 2 × 2 matrix: values and unit vectors (closed form). */
export function symmetricEigen2(K: number[][]): { values: Point; vectors: [Point, Point] } {
  const a = K[0][0];
  const b = (K[0][1] + K[1][0]) / 2;
  const d = K[1][1];
  const mean = (a + d) / 2;
  const radius = libm.hypot((a - d) / 2, b);
  const angle = 0.5 * libm.atan2(2 * b, a - d);
  const u: Point = [libm.cos(angle), libm.sin(angle)];
  const v: Point = [-u[1], u[0]];
  return { values: [mean + radius, mean - radius], vectors: [u, v] };
}

/** Points c with (c − center)ᵀ K (c − center) = r² (K symmetric positive definite). */
export function levelSet(center: Point, K: number[][], r: number, n = LEVEL_POINTS): Point[] {
  const { values, vectors } = symmetricEigen2(K);
  const [u, v] = vectors;
  const ru = r / Math.sqrt(values[0]);
  const rv = r / Math.sqrt(values[1]);
  const points: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = (2 * Math.PI * i) / n;
    const a = ru * libm.cos(t);
    const b = rv * libm.sin(t);
    points.push([center[0] + a * u[0] + b * v[0], center[1] + a * u[1] + b * v[1]]);
  }
  return points;
}

/** The sketch of a toy scenario, or null when the scenario is not an exact-space toy. */
export function toySketch(scenario: Scenario): ToySketch | null {
  const { problem, model, init } = scenario;
  if (problem.space !== 'exact' || model.kind !== 'toy') return null;
  if (problem.target?.kind !== 'coefficients' || problem.target.c.length !== 2) return null;
  if (!('theta0' in init)) return null;
  let toy;
  try {
    toy = createToyModel(model.name, model.params);
  } catch {
    return null;
  }
  if (init.theta0.length !== toy.p) return null;
  // A twisted loss is sketched by its quadratic part ½‖e‖²_K (its level sets near the target).
  const K =
    (problem.loss.kind === 'l2' || problem.loss.kind === 'twisted') && problem.loss.K
      ? problem.loss.K
      : [
          [1, 0],
          [0, 1],
        ];
  const target: Point = [problem.target.c[0], problem.target.c[1]];
  const theta = new Float64Array(toy.p);
  const c = new Float64Array(2);
  const at = (values: ArrayLike<number>): Point => {
    theta.set(values);
    toy.values(theta, c);
    return [c[0], c[1]];
  };
  const theta0 = init.theta0;
  const start = at(theta0);

  // The parameter lines: for p = 1 the curve through θ₀ (wide enough to show its bend), for p = 2 a
  // 5 × 5 grid of lines centred between θ₀ and the origin.
  const manifold: Point[][] = [];
  if (toy.p === 1) {
    const half = Math.max(2.5, Math.abs(theta0[0]) * 1.5);
    const line: Point[] = [];
    for (let i = 0; i < LINE_POINTS; i++) line.push(at([-half + (2 * half * i) / (LINE_POINTS - 1)]));
    manifold.push(line);
  } else if (toy.p === 2) {
    const half = 1.5 * Math.max(1, Math.abs(theta0[0]), Math.abs(theta0[1]));
    const ticks = [-1, -0.5, 0, 0.5, 1].map((t) => t * half);
    for (let axis = 0; axis < 2; axis++) {
      for (const fixed of ticks) {
        const line: Point[] = [];
        for (let i = 0; i < LINE_POINTS; i++) {
          const moving = -half * 2 + (4 * half * i) / (LINE_POINTS - 1);
          line.push(at(axis === 0 ? [moving, fixed] : [fixed, moving]));
        }
        manifold.push(line);
      }
    }
  } else {
    return null;
  }

  // The box holds the target, the start and the origin, padded, and is square (level sets stay round).
  const xs = [target[0], start[0], 0];
  const ys = [target[1], start[1], 0];
  const lo: Point = [Math.min(...xs), Math.min(...ys)];
  const hi: Point = [Math.max(...xs), Math.max(...ys)];
  const side = Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-9) * 1.4;
  const mid: Point = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2];
  const box: [Point, Point] = [
    [mid[0] - side / 2, mid[0] + side / 2],
    [mid[1] - side / 2, mid[1] + side / 2],
  ];

  // Level sets through the start and at fractions of it.
  const dx = start[0] - target[0];
  const dy = start[1] - target[1];
  const rStart = Math.sqrt(dx * (K[0][0] * dx + K[0][1] * dy) + dy * (K[1][0] * dx + K[1][1] * dy));
  const levels = rStart > 0 ? [0.25, 0.5, 0.75, 1].map((f) => levelSet(target, K, f * rStart)) : [];
  return { box, levels, manifold, start, target };
}
