// Shared by the Sweep panel's plots (SweepPlot.tsx, SweepLines.tsx): their props, the colours and names of
// cell states, the hover text of a cell, and small drawing helpers.

import { scaleLinear, scaleLog, type ScaleContinuousNumeric, type Selection } from 'd3';
import {
  CELL_DIVERGED,
  CELL_INVALID,
  CELL_NO_VALUE,
  CELL_OK,
  CELL_PENDING,
  type SweepMap,
} from '../engine/views/sweepMap';

export interface SweepPlotTrack {
  id: string;
  label: string;
  color: string;
}

export interface SweepPlotProps {
  map: SweepMap;
  optimizers: SweepPlotTrack[];
  /** Per axis: its label and whether it is log-spaced. */
  axes: { label: string; log: boolean }[];
  measureLabel: string;
  onCellClick(cell: number): void;
}

export const STATE_COLORS: Record<number, string> = {
  [CELL_PENDING]: '#f1f1f1',
  [CELL_DIVERGED]: '#d62728',
  [CELL_INVALID]: '#9e9e9e',
  [CELL_NO_VALUE]: '#ffffff',
};

export const STATE_NAMES: Record<number, string> = {
  [CELL_PENDING]: 'not run yet',
  [CELL_DIVERGED]: 'diverged',
  [CELL_INVALID]: 'invalid',
  [CELL_NO_VALUE]: 'no value (tolerance not reached, or no reference)',
};

export const SIDE = 220;
export const MARGIN = { top: 8, right: 8, bottom: 40, left: 52 };
export const BAR = { width: 14, height: SIDE };

export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

/** Normalised position of `value` in the map's colour domain (0…1). */
export function colorPosition(map: SweepMap, value: number): number {
  if (map.domain === null) return 0.5;
  const [lo, hi] = map.domain;
  if (hi <= lo) return 0.5;
  const t =
    map.scale === 'log'
      ? (Math.log(Math.max(value, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
      : (value - lo) / (hi - lo);
  return Math.min(1, Math.max(0, t));
}

/** What hovering a cell says: its axis values and the optimizer's value or state. */
export function describeCell(
  map: SweepMap,
  cell: number,
  index: number,
  axes: SweepPlotProps['axes'],
  optimizer: string,
): string {
  let rest = cell;
  const parts: string[] = [];
  for (let a = map.axes.length - 1; a >= 0; a--) {
    const values = map.axes[a].values;
    parts[a] = `${axes[a]?.label ?? map.axes[a].path} = ${formatValue(values[rest % values.length])}`;
    rest = Math.floor(rest / values.length);
  }
  const state = map.maps[index].states[cell];
  const what = state === CELL_OK ? formatValue(map.maps[index].values[cell]) : STATE_NAMES[state];
  const reason = state === CELL_INVALID ? `: ${map.reasons.get(cell) ?? ''}` : '';
  return `${optimizer} · ${parts.join(', ')} → ${what}${reason}`;
}

export function axisScale(
  values: number[],
  log: boolean,
  range: [number, number],
): ScaleContinuousNumeric<number, number> {
  const lo = values[0];
  const hi = values[values.length - 1];
  return (log && lo > 0 && hi > 0 ? scaleLog() : scaleLinear()).domain([lo, hi]).range(range);
}

/** Whether `svg` must be redrawn for `signature` (remembered on the element): axes change with the grid only. */
export function stale(svg: SVGSVGElement, signature: string): boolean {
  if (svg.dataset.drawn === signature) return false;
  svg.dataset.drawn = signature;
  return true;
}

/** The titles of a map's two axes: below the x axis and turned along the y axis, `yOffset` px left of it. */
export function axisTitles(
  g: Selection<SVGGElement, unknown, null, undefined>,
  width: number,
  height: number,
  titles: { x: string; y: string; yOffset: number },
): void {
  g.append('text')
    .attr('x', width / 2)
    .attr('y', height + 34)
    .attr('text-anchor', 'middle')
    .attr('class', 'sweep-axis-label')
    .text(titles.x);
  g.append('text')
    .attr('transform', `translate(-${titles.yOffset},${height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('class', 'sweep-axis-label')
    .text(titles.y);
}
