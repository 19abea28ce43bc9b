// Loss curves (DESIGN.md "Plots" 2): log-scale L(θ_k) per track against iteration or wall time; the error
// to the exact solution / best approximation dotted where known (absolute ‖v − v*‖ or relative
// ‖v − v*‖/‖v*‖, a toggle under the chart); the loss on the fixed evaluation grid dashed when the
// quadrature resamples; for ensembles (tracks sharing an optimizerId) the median with a 10–90 % band.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { axisBottom, axisLeft, pointer, quantileSorted, scaleLinear, scaleLog, select, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import type { IterationRecord } from '../engine/records';
import { FAINT, INK } from './colors';
import {
  DEFAULT_MARGIN, FONT_FAMILY, LINE_WIDTH, axisLabel, clipRect, drawTitle, safeId, drawAxis, drawLegend, layer, logTicks,
  nearestSortedIndex, polylinePath, type LegendItem, type Sel,
} from './chart';
import { PlotFrame, usePlotFrame } from './PlotFrame';
import { clippedLosses, drawClipMarkers } from './clipping';
import type { ChartProps, HoverProps, RecordTrack, TimeAxis } from './types';

export interface LossPlotProps extends HoverProps, ChartProps {
  tracks: readonly RecordTrack[];
  xAxis: TimeAxis;
  /** Draw the error ‖v_θ − v*‖ where known (default true). */
  showError?: boolean;
  /** The error drawn first: absolute ‖v − v*‖ (default) or relative ‖v − v*‖/‖v*‖; a toggle changes it. */
  errorMode?: ErrorMode;
}

export type ErrorMode = 'absolute' | 'relative';

/** Line styles: the loss solid, the error dotted, the fixed-grid loss dashed. */
const ERROR_DASH = '2,3';
const EVAL_DASH = '7,4';

/** Whether any record of any track has a positive finite value of `field`. */
export function anyPositive(tracks: readonly { records: readonly IterationRecord[] }[], field: 'error' | 'relError' | 'evalLoss'): boolean {
  for (const track of tracks) for (const r of track.records) if (positive(r[field])) return true;
  return false;
}

interface LineItem {
  key: string;
  d: string;
  color: string;
  width: number;
  dash: string | null;
  opacity: number;
}

interface BandItem {
  key: string;
  d: string;
  color: string;
}

interface Scales {
  x: ScaleLinear<number, number>;
  y: ScaleLogarithmic<number, number>;
  xOf: (r: IterationRecord) => number;
}

const positive = (v: number) => Number.isFinite(v) && v > 0;

/** Index of the record with iteration k (records are ordered by k), or −1. */
export function recordIndex(records: readonly IterationRecord[], k: number): number {
  if (k < records.length && records[k]?.k === k) return k;
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = records[mid].k;
    if (value === k) return mid;
    if (value < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Groups of tracks by optimizerId, in first-appearance order. */
export function ensembleGroups<T extends { optimizerId: string }>(tracks: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const track of tracks) {
    const group = groups.get(track.optimizerId);
    if (group) group.push(track);
    else groups.set(track.optimizerId, [track]);
  }
  return [...groups.values()];
}

/** Per iteration k: x (median over members), and the 10 %, 50 %, 90 % quantiles of `value` over members. */
function ensembleQuantiles(
  members: readonly RecordTrack[],
  xOf: (r: IterationRecord) => number,
  value: (r: IterationRecord) => number,
): { x: number[]; q10: number[]; q50: number[]; q90: number[] } {
  let maxLength = 0;
  for (const member of members) maxLength = Math.max(maxLength, member.records.length);
  const out = { x: [] as number[], q10: [] as number[], q50: [] as number[], q90: [] as number[] };
  const values: number[] = [];
  const xs: number[] = [];
  for (let i = 0; i < maxLength; i++) {
    values.length = 0;
    xs.length = 0;
    for (const member of members) {
      const r = member.records[i];
      if (r && positive(value(r))) {
        values.push(value(r));
        xs.push(xOf(r));
      }
    }
    if (values.length === 0) continue;
    values.sort((a, b) => a - b);
    xs.sort((a, b) => a - b);
    out.x.push(quantileSorted(xs, 0.5)!);
    out.q10.push(quantileSorted(values, 0.1)!);
    out.q50.push(quantileSorted(values, 0.5)!);
    out.q90.push(quantileSorted(values, 0.9)!);
  }
  return out;
}

export function LossPlot(props: LossPlotProps) {
  const { tracks, xAxis, showError = true, hoveredK, onHover, height = 340, title, exportName, revision } = props;
  const [errorMode, setErrorMode] = useState<ErrorMode>(props.errorMode ?? 'absolute');
  const frame = usePlotFrame();
  const clipId = safeId('loss-clip', useId());
  const { svgRef, width } = frame;
  const scalesRef = useRef<Scales | null>(null);
  const onHoverRef = useRef(onHover);
  onHoverRef.current = onHover;
  const lengths = tracks.map((t) => t.records.length).join(',');
  // Which error columns the records carry (recomputed when records arrive).
  const carried = useMemo(
    () => ({ absolute: anyPositive(tracks, 'error'), relative: anyPositive(tracks, 'relError') }),
    [tracks, lengths, revision],
  );
  const mode: ErrorMode = errorMode === 'relative' && carried.relative ? 'relative' : carried.absolute ? 'absolute' : 'relative';
  const errorShown = showError && carried[mode];

  useEffect(() => {
    const element = svgRef.current;
    if (!element || width <= 0) return;
    const svg = select(element) as unknown as Sel<SVGSVGElement>;
    const titleHeight = drawTitle(svg, title, DEFAULT_MARGIN.left);

    // Legend: one entry per optimizer (ensembles once), then the line styles in use.
    const groups = ensembleGroups(tracks);
    const hasError = errorShown;
    const errorOf = mode === 'relative' ? (r: IterationRecord) => r.relError : (r: IterationRecord) => r.error;
    const hasEval = anyPositive(tracks, 'evalLoss');
    const legendItems: LegendItem[] = groups.map((group) => ({
      key: group[0].optimizerId,
      label: group.length > 1 ? `${group[0].label} (median, ${group.length} seeds)` : group[0].label,
      color: group[0].color,
      dash: group[0].dash,
      band: group.length > 1,
    }));
    if (hasError) {
      const label = mode === 'relative' ? 'relative error ‖v − v*‖ / ‖v*‖' : 'error ‖v − v*‖';
      legendItems.push({ key: '__error', label, color: '#666', dash: ERROR_DASH });
    }
    if (hasEval) legendItems.push({ key: '__eval', label: 'loss on the fixed evaluation grid', color: '#666', dash: EVAL_DASH });
    const legend = layer(svg, 'g', 'legend').attr('transform', `translate(${DEFAULT_MARGIN.left},${titleHeight})`);
    const legendHeight = drawLegend(legend, legendItems, width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right);

    const margin = { ...DEFAULT_MARGIN, top: titleHeight + legendHeight + 10 };
    const innerWidth = Math.max(10, width - margin.left - margin.right);
    const innerHeight = Math.max(10, height - margin.top - margin.bottom);

    const xOf = xAxis === 'time' ? (r: IterationRecord) => r.time : (r: IterationRecord) => r.k;
    let xMax = 0;
    let yMin = Infinity;
    let yMax = -Infinity;
    const see = (v: number) => {
      if (positive(v)) {
        if (v < yMin) yMin = v;
        if (v > yMax) yMax = v;
      }
    };
    for (const track of tracks) {
      for (const r of track.records) {
        const xv = xOf(r);
        if (Number.isFinite(xv) && xv > xMax) xMax = xv;
        see(r.loss);
        if (hasError) see(errorOf(r));
        if (hasEval) see(r.evalLoss);
      }
    }
    const clipped = clippedLosses(tracks, xOf); // classroom hook: a diverged track does not take over the axis
    if (clipped) yMax = Math.min(yMax, clipped.top);
    if (!(yMin <= yMax)) {
      yMin = 1e-3;
      yMax = 1;
    }
    if (yMax / yMin < 10) {
      const middle = Math.sqrt(yMin * yMax);
      yMin = Math.min(yMin, middle / Math.sqrt(10));
      yMax = Math.max(yMax, middle * Math.sqrt(10));
    }
    const x = scaleLinear().domain([0, Math.max(xMax, xAxis === 'time' ? 1e-3 : 1)]).range([0, innerWidth]);
    const y = scaleLog().domain([yMin / 1.5, yMax * 1.5]).range([innerHeight, 0]).clamp(clipped !== null);
    scalesRef.current = { x, y, xOf };

    const plot = layer(svg, 'g', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
    clipRect(svg, clipId, innerWidth, innerHeight);

    // Grid lines at the y ticks.
    const ticks = logTicks(y);
    layer(plot, 'g', 'grid')
      .selectAll('line')
      .data(ticks.values)
      .join('line')
      .attr('x1', 0)
      .attr('x2', innerWidth)
      .attr('y1', (v) => y(v))
      .attr('y2', (v) => y(v))
      .attr('stroke', FAINT)
      .attr('stroke-width', 1);

    drawAxis(layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerHeight})`), axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))));
    drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(y).tickValues(ticks.values).tickFormat((v) => ticks.format(Number(v))));
    axisLabel(plot, 'x-label', xAxis === 'time' ? 'wall time (ms)' : 'iteration k', innerWidth / 2, innerHeight + 40);
    axisLabel(plot, 'y-label', hasError ? `loss L(θ_k) / ${mode === 'relative' ? 'rel. error' : 'error'}` : 'loss L(θ_k)', -54, innerHeight / 2, true);

    // Lines and bands.
    const lines: LineItem[] = [];
    const bands: BandItem[] = [];
    const path = (records: readonly IterationRecord[], value: (r: IterationRecord) => number) =>
      polylinePath(records.length, (i) => x(xOf(records[i])), (i) => {
        const v = value(records[i]);
        return positive(v) ? y(v) : NaN;
      });
    for (const group of groups) {
      const ensemble = group.length > 1;
      for (const track of group) {
        const base = { color: track.color, opacity: ensemble ? 0.25 : 1, width: ensemble ? 1 : LINE_WIDTH };
        lines.push({ key: `${track.key}:loss`, d: path(track.records, (r) => r.loss), dash: track.dash ?? null, ...base });
        if (hasError && !ensemble) lines.push({ key: `${track.key}:error`, d: path(track.records, errorOf), dash: ERROR_DASH, ...base });
        if (hasEval && !ensemble) lines.push({ key: `${track.key}:eval`, d: path(track.records, (r) => r.evalLoss), dash: EVAL_DASH, ...base });
      }
      if (ensemble) {
        const id = group[0].optimizerId;
        const color = group[0].color;
        const summary = (value: (r: IterationRecord) => number, suffix: string, dash: string | null) => {
          const q = ensembleQuantiles(group, xOf, value);
          const n = q.x.length;
          if (n === 0) return;
          lines.push({
            key: `${id}:median:${suffix}`,
            d: polylinePath(n, (i) => x(q.x[i]), (i) => y(q.q50[i])),
            color,
            width: LINE_WIDTH + 0.5,
            dash,
            opacity: 1,
          });
          if (suffix === 'loss') {
            let d = polylinePath(n, (i) => x(q.x[i]), (i) => y(q.q90[i]));
            for (let i = n - 1; i >= 0; i--) d += `L${x(q.x[i]).toFixed(1)},${y(q.q10[i]).toFixed(1)}`;
            bands.push({ key: `${id}:band`, d: d + 'Z', color });
          }
        };
        summary((r) => r.loss, 'loss', null);
        if (hasError) summary(errorOf, 'error', ERROR_DASH);
        if (hasEval) summary((r) => r.evalLoss, 'eval', EVAL_DASH);
      }
    }
    const content = layer(plot, 'g', 'content').attr('clip-path', `url(#${clipId})`);
    layer(content, 'g', 'bands')
      .selectAll<SVGPathElement, BandItem>('path')
      .data(bands, (d) => d.key)
      .join('path')
      .attr('d', (d) => d.d)
      .attr('fill', (d) => d.color)
      .attr('fill-opacity', 0.18)
      .attr('stroke', 'none');
    layer(content, 'g', 'lines')
      .selectAll<SVGPathElement, LineItem>('path')
      .data(lines, (d) => d.key)
      .join('path')
      .attr('d', (d) => d.d)
      .attr('fill', 'none')
      .attr('stroke', (d) => d.color)
      .attr('stroke-width', (d) => d.width)
      .attr('stroke-opacity', (d) => d.opacity)
      .attr('stroke-dasharray', (d) => d.dash)
      .attr('stroke-linejoin', 'round');
    drawClipMarkers(layer(content, 'g', 'clip-markers'), clipped?.markers ?? [], x, y); // classroom hook

    // Pointer → nearest iteration.
    layer(plot, 'g', 'hover');
    layer(plot, 'rect', 'overlay')
      .attr('data-export', 'skip')
      .attr('width', innerWidth)
      .attr('height', innerHeight)
      .attr('fill', 'transparent')
      .style('cursor', 'crosshair')
      .on('pointermove', (event: PointerEvent) => {
        const scales = scalesRef.current;
        if (!scales) return;
        const [px] = pointer(event);
        const target = scales.x.invert(px);
        let bestK: number | null = null;
        let bestDistance = Infinity;
        for (const track of tracks) {
          const n = track.records.length;
          if (n === 0) continue;
          if (xAxis === 'iteration') {
            const k = Math.max(track.records[0].k, Math.min(track.records[n - 1].k, Math.round(target)));
            const distance = Math.abs(k - target);
            if (distance < bestDistance) {
              bestDistance = distance;
              bestK = k;
            }
          } else {
            const times = track.records.map((r) => r.time);
            const i = nearestSortedIndex(times, target);
            const distance = Math.abs(times[i] - target);
            if (distance < bestDistance) {
              bestDistance = distance;
              bestK = track.records[i].k;
            }
          }
        }
        onHoverRef.current(bestK);
      })
      .on('pointerleave', () => onHoverRef.current(null));
  }, [tracks, lengths, revision, xAxis, errorShown, mode, width, height, title, clipId, svgRef]);

  // Hover: a vertical rule (iteration axis) and a marker on every track at iteration k.
  useEffect(() => {
    const element = svgRef.current;
    const scales = scalesRef.current;
    if (!element || !scales) return;
    const hover = select(element).select<SVGGElement>('g.plot > g.hover');
    const k = hoveredK;
    const markers: { key: string; x: number; y: number; color: string }[] = [];
    if (k !== null) {
      for (const track of tracks) {
        const index = recordIndex(track.records, k);
        if (index < 0) continue;
        const r = track.records[index];
        if (positive(r.loss)) markers.push({ key: track.key, x: scales.x(scales.xOf(r)), y: scales.y(r.loss), color: track.color });
      }
    }
    const innerHeight = scales.y.range()[0];
    hover
      .selectAll('line.rule')
      .data(k !== null && xAxis === 'iteration' ? [k] : [])
      .join('line')
      .attr('class', 'rule')
      .attr('x1', (d) => scales.x(d))
      .attr('x2', (d) => scales.x(d))
      .attr('y1', 0)
      .attr('y2', innerHeight)
      .attr('stroke', INK)
      .attr('stroke-width', 1)
      .attr('stroke-dasharray', '3,3');
    hover
      .selectAll<SVGCircleElement, (typeof markers)[number]>('circle.marker')
      .data(markers, (d) => d.key)
      .join('circle')
      .attr('class', 'marker')
      .attr('cx', (d) => d.x)
      .attr('cy', (d) => d.y)
      .attr('r', 5)
      .attr('fill', (d) => d.color)
      .attr('stroke', 'white')
      .attr('stroke-width', 1.5);
    hover
      .selectAll('text.hover-label')
      .data(k !== null ? [k] : [])
      .join('text')
      .attr('class', 'hover-label')
      .attr('x', markers.length > 0 ? Math.min(markers[0].x + 8, scales.x.range()[1] - 60) : 4)
      .attr('y', 14)
      .attr('font-size', 13)
      .attr('font-family', FONT_FAMILY)
      .attr('fill', INK)
      .text((d) => `k = ${d}`);
  }, [hoveredK, tracks, lengths, revision, xAxis, width, height, svgRef]);

  const toggle = showError && carried.absolute && carried.relative;
  return (
    <PlotFrame frame={frame} height={height} label={title ?? 'Loss curves'} exportName={exportName}>
      {toggle ? (
        <div className="plot-toolbar" role="group" aria-label="Error shown" data-testid="error-mode">
          <label>
            <input type="radio" name={`${clipId}-error`} checked={mode === 'absolute'} data-testid="error-absolute" onChange={() => setErrorMode('absolute')} />{' '}
            error ‖v − v*‖
          </label>
          <label>
            <input type="radio" name={`${clipId}-error`} checked={mode === 'relative'} data-testid="error-relative" onChange={() => setErrorMode('relative')} />{' '}
            relative error ‖v − v*‖ / ‖v*‖
          </label>
        </div>
      ) : null}
    </PlotFrame>
  );
}
