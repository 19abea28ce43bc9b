// The approximation plot's curves: target and v_θ over a 1D domain (with the quadrature rug and, for PDEs,
// the residual panel), and time-series predictions against the truth with the train/test split.

import { axisBottom, axisLeft, scaleLinear } from 'd3';
import type { CurveApproximation, SeriesApproximation } from '../engine/views/types';
import { INK, TARGET_COLOR } from './colorMaps';
import { DEFAULT_MARGIN, FONT_FAMILY, LINE_WIDTH, TICK_FONT_SIZE, layer, type Sel } from './scaffold';
import { axisLabel, drawAxis } from './axis';
import { drawLegend, type LegendItem } from './legend';
import { joinLines, polylinePath, type LineItem } from './paths';
import { drawAnnotations } from './annotations';
import { drawClipMarkers, type ClipMarker } from './clipping';
import type { PlotAnnotation } from '../engine/scenario/presetTeaching';
import type { TrackStyle } from './types';
import { drawBands, legendByOptimizer } from './ensembleBands';

/** The reference curve's colour (a grey that reads as 'for comparison'). */
const REFERENCE_COLOR = '#8a8a8a';

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

export interface Box {
  width: number;
  height: number;
  top: number;
}

function legendAndMargin(root: Sel<SVGGElement>, items: LegendItem[], box: Box) {
  const legend = layer(root, 'g', 'legend').attr('transform', `translate(${DEFAULT_MARGIN.left},${box.top})`);
  const legendHeight = drawLegend(legend, items, box.width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right);
  const margin = { ...DEFAULT_MARGIN, top: box.top + legendHeight + 10 };
  return {
    margin,
    innerWidth: Math.max(10, box.width - margin.left - margin.right),
    innerHeight: Math.max(10, box.height - margin.top - margin.bottom),
  };
}

export function cornerLabel(g: Sel<SVGGElement>, text: string, x: number): void {
  layer(g, 'text', 'corner-label')
    .attr('x', x)
    .attr('y', 14)
    .attr('text-anchor', 'end')
    .attr('font-size', 13)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(text);
}

/** Legend entries of the tracks (with their dashes). */
/** Markers where the curves the view clipped leave its range. */
function clipMarkers(view: CurveApproximation, tracks: readonly TrackStyle[]): ClipMarker[] {
  const markers: ClipMarker[] = [];
  for (const mark of view.range?.marks ?? []) {
    const track = tracks[mark.series];
    if (track)
      markers.push({ key: track.key, color: track.color, x: view.x[mark.index], value: mark.value, above: mark.above });
  }
  return markers;
}

export function drawCurves(
  root: Sel<SVGGElement>,
  view: CurveApproximation,
  tracks: readonly TrackStyle[],
  box: Box,
  label: string,
  annotations: readonly PlotAnnotation[],
): void {
  const items: LegendItem[] = [];
  if (view.target) items.push({ key: '__target', label: view.targetLabel, color: TARGET_COLOR, dash: '7,4' });
  const reference = view.reference ?? null;
  if (reference) items.push({ key: '__reference', label: reference.label, color: REFERENCE_COLOR, dash: '2,3' });
  items.push(...legendByOptimizer(tracks, view.bands));
  const { margin, innerWidth, innerHeight } = legendAndMargin(root, items, box);
  const residual = view.residual;
  const mainHeight = residual ? Math.max(10, Math.round(innerHeight * 0.64)) : innerHeight;
  const residualTop = mainHeight + 34;
  const residualHeight = Math.max(10, innerHeight - residualTop);

  const x = scaleLinear()
    .domain([view.x[0], view.x[view.x.length - 1]])
    .range([0, innerWidth]);
  // The view's range: a diverged curve is clamped to it (and marked), not allowed to take over the axis;
  // an ensemble's bands and a reference curve widen it.
  const range = view.range;
  const bandEdges = (view.bands ?? []).flatMap((b) => (b ? [b.lo, b.hi] : []));
  if (reference) bandEdges.push(reference.values);
  const [lo, hi] = range ? [range.lo, range.hi] : [-1, 1];
  const [bandLo, bandHi] = bandEdges.length > 0 ? valueExtent(bandEdges) : [lo, hi];
  const y = scaleLinear()
    .domain([Math.min(lo, bandLo), Math.max(hi, bandHi)])
    .range([mainHeight, 0])
    .clamp(true);
  const plot = layer(root, 'g', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawAxis(
    layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${mainHeight})`),
    axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))),
  );
  drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(y).ticks(5));
  axisLabel(plot, 'y-label', 'v(x)', -54, mainHeight / 2, true);
  if (!residual) axisLabel(plot, 'x-label', 'x', innerWidth / 2, mainHeight + 40);
  else plot.select('text.x-label').remove();

  const curves: LineItem[] = view.curves.map((c, i) => ({
    key: tracks[i]?.key ?? String(i),
    d: polylinePath(
      c.length,
      (j) => x(view.x[j]),
      (j) => y(c[j]),
    ),
    color: tracks[i]?.color ?? INK,
    width: LINE_WIDTH,
    dash: tracks[i]?.dash ?? null,
  }));
  if (view.target) {
    const t = view.target;
    curves.unshift({
      key: '__target',
      d: polylinePath(
        t.length,
        (j) => x(view.x[j]),
        (j) => y(t[j]),
      ),
      color: TARGET_COLOR,
      width: LINE_WIDTH + 0.5,
      dash: '7,4',
    });
  }
  if (reference) {
    const r = reference.values;
    curves.unshift({
      key: '__reference',
      d: polylinePath(
        r.length,
        (j) => x(view.x[j]),
        (j) => y(r[j]),
      ),
      color: REFERENCE_COLOR,
      width: LINE_WIDTH,
      dash: '2,3',
    });
  }
  drawBands(plot, view.bands, tracks, view.x, x, y);
  joinLines(layer(plot, 'g', 'curves'), curves);
  drawClipMarkers(layer(plot, 'g', 'clip-markers'), clipMarkers(view, tracks), x, y);
  drawAnnotations(layer(plot, 'g', 'annotations'), annotations, x, y, innerWidth, mainHeight);

  // Observed values at the samples (what the fit sees), as dots.
  const observed = view.observations ?? null;
  let dots = '';
  if (observed && view.samples)
    for (let i = 0; i < observed.length; i++)
      dots += `M${x(view.samples[i]).toFixed(1)},${y(observed[i]).toFixed(1)}h0.01`;
  layer(plot, 'path', 'observations')
    .attr('d', dots)
    .attr('stroke', TARGET_COLOR)
    .attr('stroke-width', 7)
    .attr('stroke-linecap', 'round');

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
  drawAxis(
    layer(residualPlot, 'g', 'x-axis').attr('transform', `translate(0,${residualHeight})`),
    axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))),
  );
  drawAxis(layer(residualPlot, 'g', 'y-axis'), axisLeft(yr).ticks(3, '.2~g'));
  axisLabel(residualPlot, 'y-label', 'residual R', -54, residualHeight / 2, true);
  axisLabel(residualPlot, 'x-label', 'x', innerWidth / 2, residualHeight + 40);
  layer(residualPlot, 'line', 'zero')
    .attr('x1', 0)
    .attr('x2', innerWidth)
    .attr('y1', yr(0))
    .attr('y2', yr(0))
    .attr('stroke', '#999')
    .attr('stroke-dasharray', '2,3');
  joinLines(
    layer(residualPlot, 'g', 'curves'),
    residual.map((r, i) => ({
      key: tracks[i]?.key ?? String(i),
      d: polylinePath(
        r.length,
        (j) => x(view.x[j]),
        (j) => yr(r[j]),
      ),
      color: tracks[i]?.color ?? INK,
      width: LINE_WIDTH,
      dash: tracks[i]?.dash ?? null,
    })),
  );
}

export function drawSeries(
  root: Sel<SVGGElement>,
  view: SeriesApproximation,
  tracks: readonly TrackStyle[],
  box: Box,
  label: string,
): void {
  const items: LegendItem[] = [
    { key: '__truth', label: 'truth z(t)', color: TARGET_COLOR, dash: '7,4' },
    ...legendByOptimizer(tracks),
  ];
  const { margin, innerWidth, innerHeight } = legendAndMargin(root, items, box);
  const n = view.t.length;
  const x = scaleLinear()
    .domain([view.t[0], view.t[n - 1]])
    .range([0, innerWidth]);
  const y = scaleLinear()
    .domain(valueExtent([view.truth, ...view.curves]))
    .range([innerHeight, 0]);
  const plot = layer(root, 'g', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  drawAxis(
    layer(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerHeight})`),
    axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 90))),
  );
  drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(y).ticks(5));
  axisLabel(plot, 'x-label', 'time t', innerWidth / 2, innerHeight + 40);
  axisLabel(plot, 'y-label', 'z(t)', -54, innerHeight / 2, true);
  // Train/test split.
  const split = view.trainCount < n ? x(0.5 * (view.t[view.trainCount - 1] + view.t[view.trainCount])) : innerWidth;
  layer(plot, 'rect', 'test-region')
    .attr('x', split)
    .attr('width', Math.max(0, innerWidth - split))
    .attr('height', innerHeight)
    .attr('fill', '#f1f1f1');
  layer(plot, 'line', 'split')
    .attr('x1', split)
    .attr('x2', split)
    .attr('y1', 0)
    .attr('y2', innerHeight)
    .attr('stroke', '#888')
    .attr('stroke-dasharray', '4,3');
  layer(plot, 'text', 'train-label')
    .attr('x', split - 6)
    .attr('y', innerHeight - 8)
    .attr('text-anchor', 'end')
    .attr('font-size', TICK_FONT_SIZE)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', '#555')
    .text('train');
  layer(plot, 'text', 'test-label')
    .attr('x', split + 6)
    .attr('y', innerHeight - 8)
    .attr('font-size', TICK_FONT_SIZE)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', '#555')
    .text(view.trainCount < n ? 'test' : '');
  plot.select('rect.test-region').lower();
  const curves: LineItem[] = [
    {
      key: '__truth',
      d: polylinePath(
        n,
        (i) => x(view.t[i]),
        (i) => y(view.truth[i]),
      ),
      color: TARGET_COLOR,
      width: LINE_WIDTH + 0.5,
      dash: '7,4',
    },
    ...view.curves.map((c, i) => ({
      key: tracks[i]?.key ?? String(i),
      d: polylinePath(
        n,
        (j) => x(view.t[j]),
        (j) => y(c[j]),
      ),
      color: tracks[i]?.color ?? INK,
      width: LINE_WIDTH,
      dash: tracks[i]?.dash ?? null,
    })),
  ];
  joinLines(layer(plot, 'g', 'curves'), curves);
  cornerLabel(plot, label, innerWidth);
}
