// Optimizer colours, shared by the runs store (a track's colour and dash), the controls (the colour
// swatch) and the charts. One colour per method (methodColors.ts), never by place in the list, so "blue is
// NGD" holds from one step of the story to the next; a colour the user picked (kept in the link) wins.
// Which colour an optimizer gets is decided in `optimizerColor` alone, its dash in `optimizerDash`.

import type { OptimizerSpec } from '../engine/scenario/types';
import { METHOD_COLORS, REPEAT_DASHES, methodOf } from './methodColors';

/** What decides an optimizer's colour. */
export type ColoredOptimizer = Pick<OptimizerSpec, 'preconditioner' | 'momentum' | 'color'>;

/** Tracks of an optimizer the scenario no longer has. */
const UNKNOWN_COLOR = '#999999';

/** Dash of the later of two coinciding curves (drawn over the solid earlier one). */
export const COINCIDENT_DASH = '9,6';

/** The colour of an optimizer: its explicit `color` if any, otherwise its method's. */
export function optimizerColor(optimizer: ColoredOptimizer | undefined): string {
  if (!optimizer) return UNKNOWN_COLOR;
  return optimizer.color ?? METHOD_COLORS[methodOf(optimizer)];
}

/** The dash of the race's `index`-th optimizer: none for the first of its method, a pattern for the others. */
export function optimizerDash(optimizers: readonly ColoredOptimizer[], index: number): string | undefined {
  const spec = optimizers[index];
  if (!spec) return undefined;
  const method = methodOf(spec);
  let earlier = 0;
  for (let i = 0; i < index; i++) if (methodOf(optimizers[i]) === method) earlier++;
  return earlier > 0 ? REPEAT_DASHES[(earlier - 1) % REPEAT_DASHES.length] : undefined;
}
