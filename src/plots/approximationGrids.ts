// The approximation plot's 2D pictures: heatmaps of target, approximation and error of one track (2D
// fields), and decision regions with the labelled data (xor).

import { axisBottom, axisLeft, contours, geoPath, geoTransform, scaleLinear, select, type GeoStream } from 'd3';
import type { ClassificationApproximation, FieldApproximation } from '../engine/views/types';
import { CLASS_COLORS, INK, probabilityColor } from './colorMaps';
import { FONT_FAMILY, LINE_WIDTH, TICK_FONT_SIZE, layer, type Sel } from './scaffold';
import { axisLabel, drawAxis } from './axis';
import { drawLegend, type LegendItem } from './legend';
import { drawColorBar, drawHeatmap, heatmapColor, heatmapDomain } from './heatmap';
import { cornerLabel, type Box } from './approximationCurves';
import type { TrackStyle } from './types';

/** Square panels side by side (the y axis drawn on the first only), centred: their side and left offsets. */
function panels(count: number, box: Box, top: number): { side: number; lefts: number[] } {
  const gap = 30;
  const left0 = 40;
  const right = 30; // room for the last colour bar's end label
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
  layer(g, 'text', 'panel-title')
    .attr('x', 0)
    .attr('y', -8)
    .attr('font-size', TICK_FONT_SIZE + 1)
    .attr('font-weight', 600)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(text);
}

export function drawFields(
  root: Sel<SVGGElement>,
  view: FieldApproximation,
  tracks: readonly TrackStyle[],
  selected: number,
  box: Box,
  label: string,
  showSamples: boolean,
): void {
  const index = Math.min(Math.max(0, selected), view.curves.length - 1);
  const approx = view.curves[index] ?? null;
  const error = view.errors?.[index] ?? null;
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
  const x = scaleLinear()
    .domain([view.x[0], view.x[nx - 1]])
    .range([0, side]);
  const y = scaleLinear()
    .domain([view.y[0], view.y[ny - 1]])
    .range([side, 0]);
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
      drawColorBar(
        layer(g, 'g', 'color-bar').attr('transform', `translate(0,${side + 30})`),
        colorOf,
        domain,
        side,
        '',
      );
    });
  const samples = view.samples;
  const targetPanel = root.selectAll<SVGGElement, unknown>('g.panel').filter((_, i) => i === 0);
  let marks = '';
  if (samples && showSamples)
    for (let i = 0; i + 1 < samples.length; i += 2)
      marks += `M${x(samples[i]).toFixed(1)},${y(samples[i + 1]).toFixed(1)}h0.01`;
  layer(targetPanel as unknown as Sel<SVGGElement>, 'path', 'samples')
    .attr('d', marks)
    .attr('stroke', 'white')
    .attr('stroke-opacity', 0.7)
    .attr('stroke-width', 2.5)
    .attr('stroke-linecap', 'round');
  cornerLabel(root, label, box.width - 16);
}

export function drawClassification(
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
  const x = scaleLinear()
    .domain([view.x[0], view.x[nx - 1]])
    .range([0, side]);
  const y = scaleLinear()
    .domain([view.y[0], view.y[ny - 1]])
    .range([side, 0]);
  const plot = layer(root, 'g', 'plot').attr(
    'transform',
    `translate(${56 + Math.max(0, (box.width - 72 - side) / 2)},${top})`,
  );
  if (output) {
    drawHeatmap(layer(plot, 'g', 'image'), { x: view.x, y: view.y, values: output }, probabilityColor, x, y);
    const hx = (view.x[nx - 1] - view.x[0]) / (nx - 1);
    const hy = (view.y[ny - 1] - view.y[0]) / (ny - 1);
    const projection = geoTransform({
      point(this: { stream: GeoStream }, px: number, py: number) {
        this.stream.point(x(view.x[0] + (px - 0.5) * hx), y(view.y[0] + (py - 0.5) * hy));
      },
    });
    const boundary = contours().size([nx, ny]).thresholds([0.5])(
      Array.from(output, (v) => (Number.isFinite(v) ? v : 0)),
    );
    layer(plot, 'path', 'boundary')
      .attr('d', geoPath(projection)(boundary[0]) ?? '')
      .attr('fill', 'none')
      .attr('stroke', INK)
      .attr('stroke-width', LINE_WIDTH);
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
