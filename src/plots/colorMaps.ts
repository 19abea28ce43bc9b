// The charts' ink and the colour maps behind contours and heatmaps (optimizer colours: src/style/colors).

import { interpolateRdBu, interpolateViridis } from 'd3';

/** Target / exact solution. */
export const TARGET_COLOR = '#111111';
/** Axis, tick and label colour. */
export const INK = '#222222';
/** Grid lines and other faint structure. */
export const FAINT = '#d0d0d0';

/** Sequential map for loss landscapes: low loss dark, high loss light (t ∈ [0, 1]). */
export function landscapeColor(t: number): string {
  // Restrict viridis to its lighter three quarters so that trajectories stay visible on top.
  return interpolateViridis(0.25 + 0.75 * Math.min(1, Math.max(0, t)));
}

/** Diverging map for signed fields (errors, residuals): t ∈ [−1, 1], 0 white. */
export function divergingColor(t: number): string {
  return interpolateRdBu(0.5 - 0.5 * Math.min(1, Math.max(-1, t)));
}

/** Sequential map for values (targets, approximations): t ∈ [0, 1]. */
export function sequentialColor(t: number): string {
  return interpolateViridis(Math.min(1, Math.max(0, t)));
}

/** Two classes (labels 0 and 1) and the decision-region colours of a probability p ∈ [0, 1]. */
export const CLASS_COLORS: readonly [string, string] = ['#D55E00', '#0072B2'];
export function probabilityColor(p: number): string {
  // Blend from a light vermillion (p = 0) through white (p = ½) to a light blue (p = 1).
  const t = Math.min(1, Math.max(0, p));
  return interpolateRdBu(0.15 + 0.7 * t);
}
