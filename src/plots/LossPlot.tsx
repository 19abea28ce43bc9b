// Loss curves (docs/DESIGN.md "Plots" 2): log-scale L(θ_k) per track against iteration or wall time; the error
// to the exact solution / best approximation dotted where known (absolute ‖v − v*‖ or relative
// ‖v − v*‖/‖v*‖, a toggle under the chart); the loss on the fixed evaluation grid dashed when the
// quadrature resamples; for ensembles the median with a 10–90 % band, as the worker's loss view gives them.
// A track that grew far above the others (diverged) is clipped at the top the view says, with a marker.

import { useId, useMemo, useState } from 'react';
import { axisBottom, axisLeft, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import type { IterationRecord } from '../engine/records';
import { groupByOptimizer } from '../engine/views/ensemble';
import type { ClipMark, LossField, LossView } from '../engine/views/types';
import { FAINT } from './colorMaps';
import { DEFAULT_MARGIN, clipRect, drawTitle, layer, overlayRect, safeId, type Sel } from './scaffold';
import { axisLabel, drawAxis, logTicks } from './axis';
import { drawLegend, type LegendItem } from './legend';
import { joinLines, polylinePath, type LineItem } from './paths';
import { drawnIndices, nearestSortedIndex } from './records';
import { drawLossHover, joinBands, type BandItem } from './lossMarks';
import { drawClipMarkers, type ClipMarker } from './clipping';
import { PlotFrame, usePlotFrame } from './PlotFrame';
import { useChart } from './useChart';
import type { ChartProps, HoverProps, RecordTrack, TimeAxis } from './types';

export interface LossPlotProps extends HoverProps, ChartProps {
  tracks: readonly RecordTrack[];
  /** Medians and bands of ensembles and the clipped top (the worker's loss view); null before it arrives. */
  ensembles: LossView | null;
  xAxis: TimeAxis;
  /** Draw the error ‖v_θ − v*‖ where known (default true). */
  showError?: boolean;
  /** The error drawn first: absolute ‖v − v*‖ (default) or relative ‖v − v*‖/‖v*‖; a toggle changes it. */
  errorMode?: ErrorMode;
}

export type ErrorMode = 'absolute' | 'relative';

/** Line styles: the loss solid, the error dotted, the fixed-grid loss dashed. */
const DASHES: Record<LossField, string | null> = { loss: null, error: '2,3', relError: '2,3', evalLoss: '7,4' };

const positive = (v: number) => Number.isFinite(v) && v > 0;

/** Whether a drawn record of any track has a positive finite value of `field`. */
export function anyPositive(tracks: readonly RecordTrack[], field: LossField): boolean {
  for (const track of tracks) for (const i of drawnIndices(track)) if (positive(track.records[i][field])) return true;
  return false;
}

export interface LossScales {
  x: ScaleLinear<number, number>;
  y: ScaleLogarithmic<number, number>;
  xOf: (r: IterationRecord) => number;
  tracks: readonly RecordTrack[];
  xAxis: TimeAxis;
}

interface Drawn {
  tracks: readonly RecordTrack[];
  ensembles: LossView | null;
  xAxis: TimeAxis;
  /** The loss-like fields drawn (loss first). */
  fields: LossField[];
  title?: string;
  height: number;
  clipId: string;
}

function legendItems(tracks: readonly RecordTrack[], fields: readonly LossField[]): LegendItem[] {
  const items: LegendItem[] = groupByOptimizer(tracks).map((group) => ({
    key: group[0].optimizerId,
    label: group.length > 1 ? `${group[0].label} (median, ${group.length} seeds)` : group[0].label,
    color: group[0].color,
    dash: group[0].dash,
    band: group.length > 1,
  }));
  const labels: Partial<Record<LossField, string>> = {
    error: 'error ‖v − v*‖',
    relError: 'relative error ‖v − v*‖ / ‖v*‖',
    evalLoss: 'loss on the fixed evaluation grid',
  };
  for (const field of fields) {
    const label = labels[field];
    if (label) items.push({ key: `__${field}`, label, color: '#666', dash: DASHES[field] ?? undefined });
  }
  return items;
}

/** The y range of every drawn value (at least a decade), up to `top` when tracks are clipped. */
function yDomain(tracks: readonly RecordTrack[], fields: readonly LossField[], top: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const track of tracks) {
    for (const i of drawnIndices(track)) {
      for (const field of fields) {
        const v = track.records[i][field];
        if (positive(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
      }
    }
  }
  hi = Math.min(hi, top);
  if (!(lo <= hi)) ((lo = 1e-3), (hi = 1));
  if (hi / lo < 10) {
    const middle = Math.sqrt(lo * hi);
    ((lo = Math.min(lo, middle / Math.sqrt(10))), (hi = Math.max(hi, middle * Math.sqrt(10))));
  }
  return [lo / 1.5, hi * 1.5];
}

function lineItems(d: Drawn, scales: LossScales): { lines: LineItem[]; bands: BandItem[] } {
  const { x, y, xOf } = scales;
  const lines: LineItem[] = [];
  const bands: BandItem[] = [];
  const ensembleIds = new Set((d.ensembles?.ensembles ?? []).map((e) => e.optimizerId));
  const members = new Map(groupByOptimizer(d.tracks).map((g) => [g[0].optimizerId, g.length]));
  for (const track of d.tracks) {
    const ensemble = (members.get(track.optimizerId) ?? 1) > 1;
    const indices = drawnIndices(track);
    const base = { color: track.color, opacity: ensemble ? 0.25 : 1, width: ensemble ? 1 : 2 };
    for (const field of ensemble ? (['loss'] as LossField[]) : d.fields) {
      const path = polylinePath(
        indices.length,
        (j) => x(xOf(track.records[indices[j]])),
        (j) => {
          const v = track.records[indices[j]][field];
          return positive(v) ? y(v) : NaN;
        },
      );
      lines.push({
        key: `${track.key}:${field}`,
        d: path,
        dash: field === 'loss' ? (track.dash ?? null) : DASHES[field],
        ...base,
      });
    }
  }
  for (const band of d.ensembles?.ensembles ?? []) {
    if (!ensembleIds.has(band.optimizerId)) continue;
    const color = d.tracks.find((t) => t.optimizerId === band.optimizerId)?.color ?? '#666';
    const xs = d.xAxis === 'time' ? band.time : band.k;
    for (const field of d.fields) {
      const q = band.fields[field];
      if (!q) continue;
      const at = (values: Float64Array) => (i: number) => (positive(values[i]) ? y(values[i]) : NaN);
      lines.push({
        key: `${band.optimizerId}:median:${field}`,
        d: polylinePath(xs.length, (i) => x(xs[i]), at(q.q50)),
        color,
        width: 2.5,
        dash: DASHES[field],
        opacity: 1,
      });
      if (field !== 'loss') continue;
      let path = polylinePath(xs.length, (i) => x(xs[i]), at(q.q90));
      for (let i = xs.length - 1; i >= 0; i--)
        if (positive(q.q10[i])) path += `L${x(xs[i]).toFixed(1)},${y(q.q10[i]).toFixed(1)}`;
      bands.push({ key: `${band.optimizerId}:band`, d: path + 'Z', color });
    }
  }
  return { lines, bands };
}

function drawLoss(svg: Sel<SVGSVGElement>, width: number, d: Drawn): LossScales {
  const titleHeight = drawTitle(svg, d.title, DEFAULT_MARGIN.left);
  const legend = layer(svg, 'g', 'legend').attr('transform', `translate(${DEFAULT_MARGIN.left},${titleHeight})`);
  const legendHeight = drawLegend(
    legend,
    legendItems(d.tracks, d.fields),
    width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right,
  );
  const margin = { ...DEFAULT_MARGIN, top: titleHeight + legendHeight + 10 };
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, d.height - margin.top - margin.bottom);

  const xOf = d.xAxis === 'time' ? (r: IterationRecord) => r.time : (r: IterationRecord) => r.k;
  let xMax = 0;
  for (const track of d.tracks) if (track.count > 0) xMax = Math.max(xMax, xOf(track.records[track.count - 1]) || 0);
  const x = scaleLinear()
    .domain([0, Math.max(xMax, d.xAxis === 'time' ? 1e-3 : 1)])
    .range([0, innerWidth]);
  const clip = d.ensembles?.clip ?? null;
  const y = scaleLog()
    .domain(yDomain(d.tracks, d.fields, clip?.top ?? Infinity))
    .range([innerHeight, 0])
    .clamp(clip !== null);
  const scales: LossScales = { x, y, xOf, tracks: d.tracks, xAxis: d.xAxis };

  const plot = layer(svg, 'g', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  clipRect(svg, d.clipId, innerWidth, innerHeight);
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
  drawAxis(
    layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerHeight})`),
    axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))),
  );
  drawAxis(
    layer(plot, 'g', 'y-axis'),
    axisLeft(y)
      .tickValues(ticks.values)
      .tickFormat((v) => ticks.format(Number(v))),
  );
  axisLabel(plot, 'x-label', d.xAxis === 'time' ? 'wall time (ms)' : 'iteration k', innerWidth / 2, innerHeight + 40);
  const errorField = d.fields.find((f) => f === 'error' || f === 'relError');
  const yLabel = errorField ? `loss L(θ_k) / ${errorField === 'relError' ? 'rel. error' : 'error'}` : 'loss L(θ_k)';
  axisLabel(plot, 'y-label', yLabel, -54, innerHeight / 2, true);

  const { lines, bands } = lineItems(d, scales);
  const content = layer(plot, 'g', 'content').attr('clip-path', `url(#${d.clipId})`);
  joinBands(layer(content, 'g', 'bands'), bands);
  joinLines(layer(content, 'g', 'lines'), lines);
  drawClipMarkers(layer(content, 'g', 'clip-markers'), clipMarkers(d.tracks, clip?.marks ?? [], xOf), x, y);
  layer(plot, 'g', 'hover');
  overlayRect(plot, innerWidth, innerHeight).style('cursor', 'crosshair');
  return scales;
}

/** The clipped tracks' markers at their first record above the top (marks number tracks in scenario order). */
function clipMarkers(
  tracks: readonly RecordTrack[],
  marks: readonly ClipMark[],
  xOf: (r: IterationRecord) => number,
): ClipMarker[] {
  const markers: ClipMarker[] = [];
  for (const mark of marks) {
    const track = tracks[mark.series];
    const record = track?.records[mark.index];
    if (record)
      markers.push({ key: track.key, color: track.color, x: xOf(record), value: mark.value, above: mark.above });
  }
  return markers;
}

/** The iteration nearest to the pointer's abscissa over all tracks. */
function pickIteration(scales: LossScales, px: number): number | null {
  const target = scales.x.invert(px);
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const track of scales.tracks) {
    const n = track.count;
    if (n === 0) continue;
    let k: number;
    let distance: number;
    if (scales.xAxis === 'iteration') {
      k = Math.max(track.records[0].k, Math.min(track.records[n - 1].k, Math.round(target)));
      distance = Math.abs(k - target);
    } else {
      const indices = drawnIndices(track);
      const times = Array.from(indices, (i) => track.records[i].time);
      const j = nearestSortedIndex(times, target);
      k = track.records[indices[j]].k;
      distance = Math.abs(times[j] - target);
    }
    if (distance < bestDistance) ((bestDistance = distance), (best = k));
  }
  return best;
}

export function LossPlot(props: LossPlotProps) {
  const { tracks, ensembles, xAxis, showError = true, hoveredK, onHover, height = 340, title, exportName } = props;
  const [errorMode, setErrorMode] = useState<ErrorMode>(props.errorMode ?? 'absolute');
  const frame = usePlotFrame();
  const clipId = safeId('loss-clip', useId());
  const carried = useMemo(
    () => ({
      absolute: anyPositive(tracks, 'error'),
      relative: anyPositive(tracks, 'relError'),
      evalLoss: anyPositive(tracks, 'evalLoss'),
    }),
    [tracks],
  );
  const mode: ErrorMode =
    errorMode === 'relative' && carried.relative ? 'relative' : carried.absolute ? 'absolute' : 'relative';
  const errorShown = showError && carried[mode];
  const fields = useMemo(() => {
    const list: LossField[] = ['loss'];
    if (errorShown) list.push(mode === 'relative' ? 'relError' : 'error');
    if (carried.evalLoss) list.push('evalLoss');
    return list;
  }, [errorShown, mode, carried]);

  useChart<LossScales>(
    frame,
    {
      draw: (svg, width) => drawLoss(svg, width, { tracks, ensembles, xAxis, fields, title, height, clipId }),
      hover: (svg, scales, k) => drawLossHover(svg, scales, k),
      pick: (scales, px) => pickIteration(scales, px),
    },
    [tracks, ensembles, xAxis, fields, title, height, clipId],
    hoveredK,
    onHover,
  );

  const toggle = showError && carried.absolute && carried.relative;
  return (
    <PlotFrame frame={frame} height={height} label={title ?? 'Loss curves'} exportName={exportName}>
      {toggle ? (
        <div className="plot-toolbar" role="group" aria-label="Error shown" data-testid="error-mode">
          <label>
            <input
              type="radio"
              name={`${clipId}-error`}
              checked={mode === 'absolute'}
              data-testid="error-absolute"
              onChange={() => setErrorMode('absolute')}
            />{' '}
            error ‖v − v*‖
          </label>
          <label>
            <input
              type="radio"
              name={`${clipId}-error`}
              checked={mode === 'relative'}
              data-testid="error-relative"
              onChange={() => setErrorMode('relative')}
            />{' '}
            relative error ‖v − v*‖ / ‖v*‖
          </label>
        </div>
      ) : null}
    </PlotFrame>
  );
}
