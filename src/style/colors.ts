// Optimizer colours, shared by the runs store (a track's colour), the controls (the colour swatch) and
// the charts. The palette is Okabe–Ito (distinguishable with the common colour-vision deficiencies and
// on a washed-out projector), black dropped because targets are drawn in black. Which colour an
// optimizer gets is decided in `optimizerColor` alone.

import type { OptimizerSpec } from '../engine/scenario/types';

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
 * The colour of the scenario's `index`-th optimizer: its explicit `color` if any, otherwise the palette
 * colour of its position. (The one place that chooses; colours by method would change only this.)
 */
export function optimizerColor(optimizer: Pick<OptimizerSpec, 'color'>, index: number): string {
  if (optimizer.color) return optimizer.color;
  const n = OPTIMIZER_PALETTE.length;
  return OPTIMIZER_PALETTE[((index % n) + n) % n];
}

/** The conventional colour of a named optimizer preset, or undefined. */
export function presetColor(presetId: string): string | undefined {
  return PRESET_COLORS[presetId];
}
