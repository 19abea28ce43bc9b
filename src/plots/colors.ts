// Colours of optimizers and of the sequential maps behind contours and heatmaps. The categorical palette
// is Okabe–Ito (distinguishable with the common colour-vision deficiencies and on a washed-out projector),
// black dropped because targets are drawn in black.

import { interpolateRdBu, interpolateViridis } from 'd3';

export const OPTIMIZER_PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#8C6D31', // brown
  '#7F7F7F', // grey
];

/** A fixed colour per well-known optimizer preset id, so the same method keeps its colour across scenarios. */
const PRESET_COLORS: Record<string, string> = {
  gd: '#7F7F7F',
  'heavy-ball': '#E69F00',
  nesterov: '#8C6D31',
  adam: '#56B4E9',
  lbfgs: '#CC79A7',
  ngd: '#0072B2',
  nhgd: '#0072B2',
  newton: '#009E73',
  'natural-heavy-ball': '#D55E00',
  'natural-nesterov': '#009E73',
};

/**
 * The colour of the index-th optimizer of a scenario: its explicit `color` if any, otherwise the next
 * palette colour. (Preset colours are offered through `presetColor` for callers that want them.)
 */
export function optimizerColor(index: number, explicit?: string): string {
  if (explicit) return explicit;
  const n = OPTIMIZER_PALETTE.length;
  return OPTIMIZER_PALETTE[((index % n) + n) % n];
}

/** The conventional colour of a named optimizer preset, or undefined. */
export function presetColor(presetId: string): string | undefined {
  return PRESET_COLORS[presetId];
}

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
