// Heatmaps of grid values (2D targets, approximations, errors; xor decision regions): an <image> with
// one pixel per grid node (smoothly scaled by the renderer; kept as an embedded PNG in exports), and a
// colour bar.

import { axisBottom, color as parseColor, scaleLinear } from 'd3';
import { INK, divergingColor, sequentialColor } from './colorMaps';
import { FONT_FAMILY, TICK_FONT_SIZE, layer, type Sel } from './scaffold';
import { drawAxis } from './axis';

export interface HeatmapGrid {
  x: Float64Array; // nx, ascending
  y: Float64Array; // ny, ascending
  /** values[j * nx + i] at (x[i], y[j]). */
  values: Float64Array;
}

export type HeatmapScheme = 'sequential' | 'diverging';

/** The colour range of values: [min, max] (sequential) or symmetric [−M, M] (diverging). */
export function heatmapDomain(values: Float64Array, scheme: HeatmapScheme): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return [0, 1];
  if (scheme === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** value → CSS colour for a scheme and domain. */
export function heatmapColor(scheme: HeatmapScheme, domain: [number, number]): (v: number) => string {
  const [lo, hi] = domain;
  return scheme === 'diverging'
    ? (v) => divergingColor(v / Math.max(Math.abs(lo), Math.abs(hi)))
    : (v) => sequentialColor((v - lo) / (hi - lo));
}

/** A PNG data URL with one pixel per grid node, top row = largest y. */
export function heatmapImage(grid: HeatmapGrid, colorOf: (v: number) => string): string {
  const nx = grid.x.length;
  const ny = grid.y.length;
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const context = canvas.getContext('2d');
  if (!context) return '';
  const image = context.createImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    const row = ny - 1 - j;
    for (let i = 0; i < nx; i++) {
      const v = grid.values[j * nx + i];
      const offset = 4 * (row * nx + i);
      const rgb = Number.isFinite(v) ? parseColor(colorOf(v))?.rgb() : null;
      image.data[offset] = rgb ? rgb.r : 255;
      image.data[offset + 1] = rgb ? rgb.g : 255;
      image.data[offset + 2] = rgb ? rgb.b : 255;
      image.data[offset + 3] = rgb ? 255 : 0;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

/** Draw the grid as an image into g, covering the grid cells (node ± half a spacing) in screen space. */
export function drawHeatmap(
  g: Sel<SVGGElement>,
  grid: HeatmapGrid,
  colorOf: (v: number) => string,
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const nx = grid.x.length;
  const ny = grid.y.length;
  const hx = nx > 1 ? (grid.x[nx - 1] - grid.x[0]) / (nx - 1) : 1;
  const hy = ny > 1 ? (grid.y[ny - 1] - grid.y[0]) / (ny - 1) : 1;
  const left = sx(grid.x[0] - hx / 2);
  const right = sx(grid.x[nx - 1] + hx / 2);
  const top = sy(grid.y[ny - 1] + hy / 2);
  const bottom = sy(grid.y[0] - hy / 2);
  layer(g, 'image', 'heatmap')
    .attr('href', heatmapImage(grid, colorOf))
    .attr('x', Math.min(left, right))
    .attr('y', Math.min(top, bottom))
    .attr('width', Math.abs(right - left))
    .attr('height', Math.abs(bottom - top))
    .attr('preserveAspectRatio', 'none');
}

/** A horizontal colour bar with its end values, drawn into g (width × 10 px plus labels). */
export function drawColorBar(
  g: Sel<SVGGElement>,
  colorOf: (v: number) => string,
  domain: [number, number],
  width: number,
  label: string,
): void {
  const steps = 48;
  const scale = scaleLinear().domain(domain).range([0, width]);
  g.selectAll('rect.bar')
    .data(Array.from({ length: steps }, (_, i) => domain[0] + ((domain[1] - domain[0]) * (i + 0.5)) / steps))
    .join('rect')
    .attr('class', 'bar')
    .attr('x', (_, i) => (i * width) / steps)
    .attr('width', width / steps + 0.5)
    .attr('height', 10)
    .attr('fill', (v) => colorOf(v));
  drawAxis(
    layer(g, 'g', 'bar-axis').attr('transform', 'translate(0,10)'),
    axisBottom(scale)
      .ticks(Math.max(2, Math.floor(width / 90)), '.2~g')
      .tickSizeOuter(0),
  );
  layer(g, 'text', 'bar-label')
    .attr('x', width + 6)
    .attr('y', 9)
    .attr('font-size', TICK_FONT_SIZE)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(label);
}
