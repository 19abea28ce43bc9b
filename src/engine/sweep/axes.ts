// The values of a range axis: linear or geometric spacing between `from` and `to` (both included), snapped
// to 15 significant digits so that 0.05 + 0.1·k reads as 0.15 and not 0.15000000000000002; integer fields
// are rounded and repeated integers dropped (a note says how many distinct values remain).

import { exp, log, log10 } from '../math';
import type { AxisRange } from './types';

export interface AxisValues {
  values: number[];
  /** Set when rounding to integers merged steps. */
  note?: string;
}

/** Rounds `x` to 15 significant digits of the range's magnitude (so noise around 0 becomes 0). */
function snapLinear(x: number, magnitude: number): number {
  const decimals = 14 - Math.floor(log10(magnitude));
  if (decimals < 0 || decimals > 100) return Number(x.toPrecision(15));
  const snapped = Number(x.toFixed(decimals));
  return snapped === 0 ? 0 : snapped; // no −0
}

/** The range's values; assumes a checked range (steps ≥ 2, from ≠ to, log: both > 0). */
export function rangeValues(range: AxisRange, integer: boolean): AxisValues {
  const { from, to, steps } = range;
  const last = steps - 1;
  const raw = new Array<number>(steps);
  if (range.scale === 'log') {
    const logFrom = log(from);
    const logTo = log(to);
    for (let i = 0; i < steps; i++) raw[i] = Number(exp(logFrom + ((logTo - logFrom) * i) / last).toPrecision(15));
  } else {
    const magnitude = Math.max(Math.abs(from), Math.abs(to));
    for (let i = 0; i < steps; i++) raw[i] = snapLinear(from + ((to - from) * i) / last, magnitude);
  }
  raw[0] = from;
  raw[last] = to;
  if (!integer) return { values: raw };
  const values: number[] = [];
  for (const x of raw) {
    const rounded = Math.round(x);
    if (!values.includes(rounded)) values.push(rounded);
  }
  if (values.length === steps) return { values };
  return { values, note: `${steps} steps round to ${values.length} distinct integers (${values.join(', ')})` };
}
