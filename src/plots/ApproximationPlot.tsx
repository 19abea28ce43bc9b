// Approximation (DESIGN.md "Plots" 1): the target and each optimizer's current v_θ. 1D: curves over the
// domain with the quadrature points as a rug, and for PDEs the residual in a lower panel; 2D: heatmaps of
// target, approximation and error of one track; xor: decision regions with the data; time series:
// prediction against truth with the train/test split.

import { useEffect, useId, useState } from 'react';
import { axisBottom, axisLeft, contours, geoPath, geoTransform, scaleLinear, select, type GeoStream } from 'd3';
import type { ApproximationView, ClassificationApproximation, CurveApproximation, FieldApproximation, SeriesApproximation } from '../engine/views/types';
import { CLASS_COLORS, INK, TARGET_COLOR, probabilityColor } from './colors';
import {
  DEFAULT_MARGIN, FONT_FAMILY, LINE_WIDTH, TICK_FONT_SIZE, axisLabel, drawAxis, drawLegend, drawTitle, layer, polylinePath,
  type LegendItem, type Sel,
} from './chart';
import { drawColorBar, drawHeatmap, heatmapColor, heatmapDomain } from './Heatmap';
import { PlotFrame, usePlotFrame } from './PlotFrame';
import type { ChartProps, HoverProps, TrackStyle } from './types';
import { drawBands, legendByOptimizer } from './ensembleBands';

export interface ApproximationPlotProps extends HoverProps, ChartProps {
  /** From approximationView (worker), curves aligned with `tracks`; null before the first one arrives. */
  view: ApproximationView | null;
  tracks: readonly TrackStyle[];
  /** 2D fields and classification first show this track (index into tracks; default 0); a selector under the chart changes it. */
  selectedTrack?: number;
}

/** Index of the track with `key` (the user's choice survives new runs with the same optimizers), else `fallback`. */
export function selectedIndex(tracks: readonly TrackStyle[], key: string | null, fallback: number): number {
  const found = key === null ? -1 : tracks.findIndex((t) => t.key === key);
  if (found >= 0) return found;
  return Math.min(Math.max(0, fallback), Math.max(0, tracks.length - 1));
}

interface CurveItem {
  key: string;
  d: string;
  color: string;
  width: number;
  dash: string | null;
}

function joinCurves(g: Sel<SVGGElement>, items: CurveItem[]): void {
  g.selectAll<SVGPathElement, CurveItem>('path')
    .data(items, (d) => d.key)
    .join('path')
    .attr('d', (d) => d.d)
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', (d) => d.width)
    .attr('stroke-dasharray', (d) => d.dash)
    .attr('stroke-linejoin', 'round');
}

function valueExtent(arrays: readonly (Float64Array | null)[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    if (!a) continue;
    for (const v of a) {
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!(lo <= hi)) return [-1, 1];
  const pad = 0.06 * (hi - lo || Math.max(1, Math.abs(hi)));
  return [lo - pad, hi + pad];
}

export function ApproximationPlot({ view, tracks, selectedTrack: initialTrack = 0, hoveredK, height = 340, title, exportName }: ApproximationPlotProps) {
  const frame = usePlotFrame();
  const { svgRef, width } = frame;
  const selectId = useId();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const selectedTrack = selectedIndex(tracks, selectedKey, initialTrack);
  const oneTrackShown = view?.kind === 'field' || view?.kind === 'classification';

  useEffect(() => {
    const element = svgRef.current;
    if (!element || width <= 0) return;
    const svg = select(element) as unknown as Sel<SVGSVGElement>;
    const titleHeight = drawTitle(svg, title, DEFAULT_MARGIN.left);
    // Each kind draws into its own root; switching kind clears the others.
    const kind = view?.kind ?? 'none';
    svg.selectAll(':scope > g.root').filter(function () {
      return (this as SVGGElement).getAttribute('data-kind') !== kind;
    }).remove();
    let root = svg.select<SVGGElement>(':scope > g.root') as unknown as Sel<SVGGElement>;
    if (root.empty()) root = svg.append('g').attr('class', 'root').attr('data-kind', kind) as unknown as Sel<SVGGElement>;
    if (view === null) return;
    const label = hoveredK !== null ? `k = ${hoveredK}` : '';
    const box = { width, height, top: titleHeight };
    switch (view.kind) {
      case 'curve':
        drawCurves(root, view, tracks, box, label);
        break;
      case 'series':
        drawSeries(root, view, tracks, box, label);
        break;
      case 'field':
        drawFields(root, view, tracks, selectedTrack, box, label);
        break;
      case 'classification':
        drawClassification(root, view, tracks, selectedTrack, box, label);
        break;
    }
  }, [view, tracks, selectedTrack, hoveredK, width, height, title, svgRef]);

  return (
    <PlotFrame frame={frame} height={height} label={title ?? 'Approximation'} exportName={exportName}>
      {oneTrackShown && tracks.length > 0 ? (
        <div className="plot-toolbar" style={{ marginTop: 4 }}>
          <label htmlFor={selectId}>{view?.kind === 'field' ? 'Approximation and error of' : 'Decision regions of'} </label>
          <select
            id={selectId}
            data-testid="approximation-track"
            style={{ width: 'auto', maxWidth: '60%' }}
            value={tracks[selectedTrack]?.key ?? ''}
            onChange={(event) => setSelectedKey(event.target.value)}
          >
            {tracks.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </PlotFrame>
  );
}

interface Box {
  width: number;
  height: number;
  top: number;
}

function legendAndMargin(root: Sel<SVGGElement>, items: LegendItem[], box: Box) {
  const legend = layer(root, 'g', 'legend').attr('transform', `translate(${DEFAULT_MARGIN.left},${box.top})`);
  const legendHeight = drawLegend(legend, items, box.width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right);
  const margin = { ...DEFAULT_MARGIN, top: box.top + legendHeight + 10 };
  return { margin, innerWidth: Math.max(10, box.width - margin.left - margin.right), innerHeight: Math.max(10, box.height - margin.top - margin.bottom) };
}

function cornerLabel(g: Sel<SVGGElement>, text: string, x: number): void {
  layer(g, 'text', 'corner-label')
    .attr('x', x)
    .attr('y', 14)
    .attr('text-anchor', 'end')
    .attr('font-size', 13)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(text);
}

function drawCurves(root: Sel<SVGGElement>, view: CurveApproximation, tracks: readonly TrackStyle[], box: Box, label: string): void {
  const items: LegendItem[] = [];
  if (view.target) items.push({ key: '__target', label: view.targetLabel, color: TARGET_COLOR, dash: '7,4' });
  legendByOptimizer(tracks, view.bands).forEach((item) => items.push(item));
  const { margin, innerWidth, innerHeight } = legendAndMargin(root, items, box);
  const residual = view.residual;
  const mainHeight = residual ? Math.max(10, Math.round(innerHeight * 0.64)) : innerHeight;
  const residualTop = mainHeight + 34;
  const residualHeight = Math.max(10, innerHeight - residualTop);

  const x = scaleLinear().domain([view.x[0], view.x[view.x.length - 1]]).range([0, innerWidth]);
  const bandEdges = (view.bands ?? []).flatMap((b) => (b ? [b.lo, b.hi] : []));
  const y = scaleLinear().domain(valueExtent([view.target, ...view.curves, ...bandEdges])).range([mainHeight, 0]);
  const plot = layer(root, 'g', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawAxis(layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${mainHeight})`), axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))));
  drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(y).ticks(5));
  axisLabel(plot, 'y-label', 'v(x)', -54, mainHeight / 2, true);
  if (!residual) axisLabel(plot, 'x-label', 'x', innerWidth / 2, mainHeight + 40);
  else plot.select('text.x-label').remove();

  const curves: CurveItem[] = view.curves.map((c, i) => ({
    key: tracks[i]?.key ?? String(i),
    d: polylinePath(c.length, (j) => x(view.x[j]), (j) => y(c[j])),
    color: tracks[i]?.color ?? INK,
    width: LINE_WIDTH,
    dash: null,
  }));
  if (view.target) {
    const t = view.target;
    curves.unshift({ key: '__target', d: polylinePath(t.length, (j) => x(view.x[j]), (j) => y(t[j])), color: TARGET_COLOR, width: LINE_WIDTH + 0.5, dash: '7,4' });
  }
  drawBands(plot, view.bands, tracks, view.x, x, y);
  joinCurves(layer(plot, 'g', 'curves'), curves);

  // Quadrature points as a rug along the bottom.
  const samples = view.samples ?? new Float64Array(0);
  let rug = '';
  for (const s of samples) rug += `M${x(s).toFixed(1)},${mainHeight}v-6`;
  layer(plot, 'path', 'rug').attr('d', rug).attr('stroke', '#777').attr('stroke-width', 1);
  cornerLabel(plot, label, innerWidth);

  const residualPlot = layer(plot, 'g', 'residual');
  if (!residual) {
    residualPlot.selectAll('*').remove();
    return;
  }
  residualPlot.attr('transform', `translate(0,${residualTop})`);
  const yr = scaleLinear().domain(valueExtent(residual)).range([residualHeight, 0]);
  drawAxis(layer(residualPlot, 'g', 'x-axis').attr('transform', `translate(0,${residualHeight})`), axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))));
  drawAxis(layer(residualPlot, 'g', 'y-axis'), axisLeft(yr).ticks(3, '.2~g'));
  axisLabel(residualPlot, 'y-label', 'residual R', -54, residualHeight / 2, true);
  axisLabel(residualPlot, 'x-label', 'x', innerWidth / 2, residualHeight + 40);
  layer(residualPlot, 'line', 'zero').attr('x1', 0).attr('x2', innerWidth).attr('y1', yr(0)).attr('y2', yr(0)).attr('stroke', '#999').attr('stroke-dasharray', '2,3');
  joinCurves(
    layer(residualPlot, 'g', 'curves'),
    residual.map((r, i) => ({
      key: tracks[i]?.key ?? String(i),
      d: polylinePath(r.length, (j) => x(view.x[j]), (j) => yr(r[j])),
      color: tracks[i]?.color ?? INK,
      width: LINE_WIDTH,
      dash: null,
    })),
  );
}

function drawSeries(root: Sel<SVGGElement>, view: SeriesApproximation, tracks: readonly TrackStyle[], box: Box, label: string): void {
  const items: LegendItem[] = [{ key: '__truth', label: 'truth z(t)', color: TARGET_COLOR, dash: '7,4' }];
  legendByOptimizer(tracks).forEach((item) => items.push(item));
  const { margin, innerWidth, innerHeight } = legendAndMargin(root, items, box);
  const n = view.t.length;
  const x = scaleLinear().domain([view.t[0], view.t[n - 1]]).range([0, innerWidth]);
  const y = scaleLinear().domain(valueExtent([view.truth, ...view.curves])).range([innerHeight, 0]);
  const plot = layer(root, 'g', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawAxis(layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerHeight})`), axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))));
  drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(y).ticks(5));
  axisLabel(plot, 'x-label', 'time t', innerWidth / 2, innerHeight + 40);
  axisLabel(plot, 'y-label', 'z(t)', -54, innerHeight / 2, true);
  // Train/test split.
  const split = view.trainCount < n ? x(0.5 * (view.t[view.trainCount - 1] + view.t[view.trainCount])) : innerWidth;
  layer(plot, 'rect', 'test-region').attr('x', split).attr('width', Math.max(0, innerWidth - split)).attr('height', innerHeight).attr('fill', '#f1f1f1');
  layer(plot, 'line', 'split').attr('x1', split).attr('x2', split).attr('y1', 0).attr('y2', innerHeight).attr('stroke', '#888').attr('stroke-dasharray', '4,3');
  layer(plot, 'text', 'train-label').attr('x', split - 6).attr('y', innerHeight - 8).attr('text-anchor', 'end')
    .attr('font-size', TICK_FONT_SIZE).attr('font-family', FONT_FAMILY).attr('fill', '#555').text('train');
  layer(plot, 'text', 'test-label').attr('x', split + 6).attr('y', innerHeight - 8)
    .attr('font-size', TICK_FONT_SIZE).attr('font-family', FONT_FAMILY).attr('fill', '#555').text(view.trainCount < n ? 'test' : '');
  plot.select('rect.test-region').lower();
  const curves: CurveItem[] = [
    { key: '__truth', d: polylinePath(n, (i) => x(view.t[i]), (i) => y(view.truth[i])), color: TARGET_COLOR, width: LINE_WIDTH + 0.5, dash: '7,4' },
    ...view.curves.map((c, i) => ({
      key: tracks[i]?.key ?? String(i),
      d: polylinePath(n, (j) => x(view.t[j]), (j) => y(c[j])),
      color: tracks[i]?.color ?? INK,
      width: LINE_WIDTH,
      dash: null,
    })),
  ];
  joinCurves(layer(plot, 'g', 'curves'), curves);
  cornerLabel(plot, label, innerWidth);
}

/** Square panels side by side: their side and left offsets. */
/** Square panels side by side (the y axis drawn on the first only), centred: their side and left offsets. */
function panels(count: number, box: Box, top: number): { side: number; lefts: number[] } {
  const gap = 30;
  const left0 = 40;
  const right = 12;
  const side = Math.max(20, Math.min((box.width - left0 - right - gap * (count - 1)) / count, box.height - top - 56));
  const used = count * side + (count - 1) * gap;
  const start = left0 + Math.max(0, (box.width - left0 - right - used) / 2);
  return { side, lefts: Array.from({ length: count }, (_, i) => start + i * (side + gap)) };
}

/** `text` cut with an ellipsis to about `width` pixels of tick-sized type. */
function fitText(text: string, width: number): string {
  const chars = Math.max(4, Math.floor(width / (0.6 * (TICK_FONT_SIZE + 1))));
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

function panelTitle(g: Sel<SVGGElement>, text: string): void {
  layer(g, 'text', 'panel-title').attr('x', 0).attr('y', -8).attr('font-size', TICK_FONT_SIZE + 1).attr('font-weight', 600)
    .attr('font-family', FONT_FAMILY).attr('fill', INK).text(text);
}

function drawFields(root: Sel<SVGGElement>, view: FieldApproximation, tracks: readonly TrackStyle[], selected: number, box: Box, label: string): void {
  const index = Math.min(Math.max(0, selected), view.curves.length - 1);
  const approx = view.curves[index] ?? null;
  const error = approx && view.target ? Float64Array.from(approx, (v, i) => v - view.target![i]) : null;
  const fields: { key: string; title: string; values: Float64Array | null; scheme: 'sequential' | 'diverging' }[] = [
    { key: 'target', title: 'target u', values: view.target, scheme: 'sequential' },
    { key: 'approx', title: `v_θ: ${tracks[index]?.label ?? ''}`, values: approx, scheme: 'sequential' },
    { key: 'error', title: 'error v_θ − u', values: error, scheme: 'diverging' },
  ];
  // Below the export buttons, which sit in the top right corner.
  const top = box.top + 40;
  const { side, lefts } = panels(3, box, top);
  const nx = view.x.length;
  const ny = view.y.length;
  const x = scaleLinear().domain([view.x[0], view.x[nx - 1]]).range([0, side]);
  const y = scaleLinear().domain([view.y[0], view.y[ny - 1]]).range([side, 0]);
  // Target and approximation share one colour range so they compare by eye.
  const shared = heatmapDomain(Float64Array.from([...(view.target ?? []), ...(approx ?? [])]), 'sequential');
  root
    .selectAll<SVGGElement, (typeof fields)[number]>('g.panel')
    .data(fields, (d) => d.key)
    .join('g')
    .attr('class', 'panel')
    .attr('transform', (_, i) => `translate(${lefts[i]},${top})`)
    .each(function (field) {
      const g = select(this) as unknown as Sel<SVGGElement>;
      panelTitle(g, fitText(field.title, side + 16));
      if (!field.values) {
        g.select('g.image').remove();
        return;
      }
      const domain = field.scheme === 'diverging' ? heatmapDomain(field.values, 'diverging') : shared;
      const colorOf = heatmapColor(field.scheme, domain);
      drawHeatmap(layer(g, 'g', 'image'), { x: view.x, y: view.y, values: field.values }, colorOf, x, y);
      drawAxis(layer(g, 'g', 'x-axis').attr('transform', `translate(0,${side})`), axisBottom(x).ticks(3));
      if (field.key === 'target') drawAxis(layer(g, 'g', 'y-axis'), axisLeft(y).ticks(3));
      else g.select('g.y-axis').remove();
      drawColorBar(layer(g, 'g', 'color-bar').attr('transform', `translate(0,${side + 30})`), colorOf, domain, Math.min(side, 160), '');
    });
  const samples = view.samples;
  const targetPanel = root.selectAll<SVGGElement, unknown>('g.panel').filter((_, i) => i === 0);
  let marks = '';
  if (samples) for (let i = 0; i + 1 < samples.length; i += 2) marks += `M${x(samples[i]).toFixed(1)},${y(samples[i + 1]).toFixed(1)}h0.01`;
  layer(targetPanel as unknown as Sel<SVGGElement>, 'path', 'samples').attr('d', marks).attr('stroke', 'white').attr('stroke-opacity', 0.7)
    .attr('stroke-width', 2.5).attr('stroke-linecap', 'round');
  cornerLabel(root, label, box.width - 16);
}

function drawClassification(
  root: Sel<SVGGElement>,
  view: ClassificationApproximation,
  tracks: readonly TrackStyle[],
  selected: number,
  box: Box,
  label: string,
): void {
  const index = Math.min(Math.max(0, selected), view.curves.length - 1);
  const output = view.curves[index] ?? null;
  const items: LegendItem[] = [
    { key: 'class0', label: 'label 0', color: CLASS_COLORS[0], marker: 'circle' },
    { key: 'class1', label: 'label 1', color: CLASS_COLORS[1], marker: 'circle' },
    { key: 'boundary', label: `decision boundary: ${tracks[index]?.label ?? ''}`, color: INK },
  ];
  const legend = layer(root, 'g', 'legend').attr('transform', `translate(56,${box.top})`);
  const legendHeight = drawLegend(legend, items, box.width - 72);
  const top = box.top + legendHeight + 12;
  const side = Math.max(20, Math.min(box.width - 56 - 16, box.height - top - 48));
  const nx = view.x.length;
  const ny = view.y.length;
  const x = scaleLinear().domain([view.x[0], view.x[nx - 1]]).range([0, side]);
  const y = scaleLinear().domain([view.y[0], view.y[ny - 1]]).range([side, 0]);
  const plot = layer(root, 'g', 'plot').attr('transform', `translate(${56 + Math.max(0, (box.width - 72 - side) / 2)},${top})`);
  if (output) {
    drawHeatmap(layer(plot, 'g', 'image'), { x: view.x, y: view.y, values: output }, probabilityColor, x, y);
    const hx = (view.x[nx - 1] - view.x[0]) / (nx - 1);
    const hy = (view.y[ny - 1] - view.y[0]) / (ny - 1);
    const projection = geoTransform({
      point(this: { stream: GeoStream }, px: number, py: number) {
        this.stream.point(x(view.x[0] + (px - 0.5) * hx), y(view.y[0] + (py - 0.5) * hy));
      },
    });
    const boundary = contours().size([nx, ny]).thresholds([0.5])(Array.from(output, (v) => (Number.isFinite(v) ? v : 0)));
    layer(plot, 'path', 'boundary').attr('d', geoPath(projection)(boundary[0]) ?? '').attr('fill', 'none').attr('stroke', INK).attr('stroke-width', LINE_WIDTH);
  }
  const points = Array.from({ length: view.labels.length }, (_, i) => i);
  layer(plot, 'g', 'points')
    .selectAll('circle')
    .data(points)
    .join('circle')
    .attr('cx', (i) => x(view.points[2 * i]))
    .attr('cy', (i) => y(view.points[2 * i + 1]))
    .attr('r', 4)
    .attr('fill', (i) => CLASS_COLORS[view.labels[i] > 0.5 ? 1 : 0])
    .attr('stroke', 'white')
    .attr('stroke-width', 1);
  drawAxis(layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${side})`), axisBottom(x).ticks(5));
  drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(y).ticks(5));
  axisLabel(plot, 'x-label', 'x₁', side / 2, side + 38);
  axisLabel(plot, 'y-label', 'x₂', -40, side / 2, true);
  cornerLabel(plot, label, side);
}
