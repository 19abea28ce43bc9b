// Function space (docs/DESIGN.md "Plots" 4), the paper's picture at equal aspect: level sets of 𝓛, the manifold
// M (exact spaces), the trajectories, the start v₀ and the target u as a star. Sampled spaces show the
// plane through v₀ spanned by u − v₀ and the iterates' main other direction.

import { axisBottom, axisLeft, scaleLinear } from 'd3';
import type { FunctionSpaceView } from '../engine/views/types';
import { INK, TARGET_COLOR } from './colorMaps';
import {
  DEFAULT_MARGIN,
  FONT_FAMILY,
  LINE_WIDTH,
  attrIfChanged,
  overlayRect,
  changed,
  TICK_FONT_SIZE,
  clipRect,
  drawTitle,
  layer,
  type Sel,
} from './scaffold';
import { axisLabel, drawAxis } from './axis';
import { drawLegend, markerPath, type LegendItem } from './legend';
import { legendByOptimizer } from './ensembleBands';
import { linePath } from './paths';
import { drawContours } from './contours';
import { MARKER_ITEMS, drawTrajectories, type PlaneScales } from './trajectories';
import { PlotFrame } from './PlotFrame';
import { usePlaneChart, type PlaneDrawn } from './usePlaneChart';
import { drawAnnotations } from './annotations';
import { attachStartDrag, coefficientPlanePicker } from './startDrag';
import type { PlotAnnotation } from '../engine/scenario/presetTeaching';
import type { ChartProps, HoverProps, TrackStyle } from './types';

export interface FunctionSpacePlotProps extends HoverProps, ChartProps {
  /** From functionSpaceView (worker); null before the first one arrives. */
  view: FunctionSpaceView | null;
  /** Styles aligned with view.trajectories. */
  tracks: readonly TrackStyle[];
  /** Preset annotations (points in the coefficient plane). */
  annotations?: readonly PlotAnnotation[];
  /** Exact spaces: a click or drag at the coefficient point c asks to start the race from c's nearest θ. */
  onPickStart?: (c: number[]) => void;
}

const LEVEL_COLOR = '#8a8a8a';
const MANIFOLD_COLOR = '#111111';

function drawFunctionSpace(
  svg: Sel<SVGSVGElement>,
  width: number,
  drawn: PlaneDrawn<FunctionSpaceView>,
  onPickStart?: (c: number[]) => void,
): PlaneScales | null {
  const { view, tracks, height, title, clipId, annotations } = drawn;
  const titleHeight = drawTitle(svg, title, DEFAULT_MARGIN.left);
  const items: LegendItem[] = legendByOptimizer(tracks);
  if (view?.kind === 'coefficients') items.push({ key: '__manifold', label: 'manifold M', color: MANIFOLD_COLOR });
  if (view?.grid) items.push({ key: '__levels', label: 'level sets of 𝓛', color: LEVEL_COLOR, dash: '1,0' });
  if (view?.target) items.push({ key: '__target', label: 'target u', color: TARGET_COLOR, marker: 'star' });
  if (view && view.trajectories.length > 0) items.push(...MARKER_ITEMS);
  const legend = attrIfChanged(
    layer(svg, 'g', 'legend'),
    'transform',
    () => `translate(${DEFAULT_MARGIN.left},${titleHeight})`,
  );
  const legendHeight = drawLegend(legend, items, width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right);

  // Equal aspect: a square plot area centred in the available width.
  const top = titleHeight + legendHeight + 10;
  const available = Math.max(
    10,
    Math.min(width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right, height - top - DEFAULT_MARGIN.bottom),
  );
  const left = DEFAULT_MARGIN.left + Math.max(0, (width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right - available) / 2);
  const side = available;
  const plot = attrIfChanged(layer(svg, 'g', 'plot'), 'transform', () => `translate(${left},${top})`);
  clipRect(svg, clipId, side, side);
  const content = attrIfChanged(layer(plot, 'g', 'content'), 'clip-path', () => `url(#${clipId})`);
  const levels = layer(content, 'g', 'levels');
  const manifold = layer(content, 'g', 'manifold');
  const paths = layer(content, 'g', 'trajectories');
  const marks = layer(content, 'g', 'marks');
  layer(content, 'g', 'hover');
  const box = layer(plot, 'rect', 'frame');
  if (changed(box.node(), `${side}`))
    box.attr('width', side).attr('height', side).attr('fill', 'none').attr('stroke', INK).attr('stroke-width', 1);

  if (view === null) {
    for (const g of [levels, manifold, paths, marks]) g.selectAll('*').remove();
    return null;
  }

  // The box: the level-set grid's (square) when there is one, else the data's extent.
  let x0: number;
  let x1: number;
  let y0: number;
  let y1: number;
  if (view.grid) {
    x0 = view.grid.x[0];
    x1 = view.grid.x[view.grid.nx - 1];
    y0 = view.grid.y[0];
    y1 = view.grid.y[view.grid.ny - 1];
  } else {
    let lo = [Infinity, Infinity];
    let hi = [-Infinity, -Infinity];
    const see = (x: number, y: number) => {
      if (Number.isFinite(x) && Number.isFinite(y)) {
        lo = [Math.min(lo[0], x), Math.min(lo[1], y)];
        hi = [Math.max(hi[0], x), Math.max(hi[1], y)];
      }
    };
    see(0, 0);
    if (view.target) see(view.target[0], view.target[1]);
    for (const t of view.trajectories) for (let i = 0; i < t.x.length; i++) see(t.x[i], t.y[i]);
    const w = Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-9) * 1.4;
    const cx = (lo[0] + hi[0]) / 2;
    const cy = (lo[1] + hi[1]) / 2;
    [x0, x1, y0, y1] = [cx - w / 2, cx + w / 2, cy - w / 2, cy + w / 2];
  }
  const sx = scaleLinear().domain([x0, x1]).range([0, side]);
  const sy = scaleLinear().domain([y0, y1]).range([side, 0]);
  drawAxis(
    attrIfChanged(layer(plot, 'g', 'x-axis'), 'transform', () => `translate(0,${side})`),
    axisBottom(sx).ticks(Math.max(2, Math.floor(side / 90))),
  );
  drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(sy).ticks(Math.max(2, Math.floor(side / 70))));
  axisLabel(plot, 'x-label', view.xLabel, side / 2, side + 40);
  axisLabel(plot, 'y-label', view.yLabel, -54, side / 2, true);

  if (view.grid) {
    drawContours(levels, view.grid, sx, sy, { fill: null, stroke: LEVEL_COLOR, strokeWidth: 1.25, strokeOpacity: 0.9 });
  } else levels.selectAll('*').remove();

  const manifoldLines = view.kind === 'coefficients' ? view.manifold : [];
  const manifoldPaths = manifold
    .selectAll<SVGPathElement, (typeof manifoldLines)[number]>('path')
    .data(manifoldLines)
    .join((enter) => enter.append('path').attr('fill', 'none').attr('stroke', MANIFOLD_COLOR));
  attrIfChanged(manifoldPaths, 'd', (d) => linePath(d.x, d.y, sx, sy));
  attrIfChanged(manifoldPaths, 'stroke-width', () => (manifoldLines.length > 1 ? 1 : LINE_WIDTH + 0.5));
  attrIfChanged(manifoldPaths, 'stroke-opacity', () => (manifoldLines.length > 1 ? 0.55 : 1));

  const scales: PlaneScales = {
    sx: (x: number) => sx(x),
    sy: (y: number) => sy(y),
    trajectories: view.trajectories,
    tracks,
  };
  drawTrajectories(paths, view.trajectories, tracks, scales.sx, scales.sy);
  drawAnnotations(
    layer(plot, 'g', 'annotations'),
    view.kind === 'coefficients' ? annotations : [],
    scales.sx,
    scales.sy,
    side,
    side,
  );

  // Target star and (sampled) the origin v₀ with labels.
  const labelled: { key: string; x: number; y: number; text: string; marker: 'star' | 'circle' }[] = [];
  if (view.target) labelled.push({ key: 'target', x: view.target[0], y: view.target[1], text: 'u', marker: 'star' });
  if (view.kind === 'sampled') labelled.push({ key: 'origin', x: 0, y: 0, text: 'v₀', marker: 'circle' });
  const mark = marks
    .selectAll<SVGGElement, (typeof labelled)[number]>('g.mark')
    .data(labelled, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark');
      g.append('path')
        .attr('d', (d) => markerPath(d.marker, d.marker === 'star' ? 260 : 40))
        .attr('fill', (d) => (d.marker === 'star' ? '#FFD21F' : INK))
        .attr('stroke', INK)
        .attr('stroke-width', 1.5);
      g.append('text')
        .attr('x', 10)
        .attr('y', -8)
        .attr('font-size', TICK_FONT_SIZE + 1)
        .attr('font-weight', 600)
        .attr('font-family', FONT_FAMILY)
        .attr('fill', INK)
        .attr('paint-order', 'stroke')
        .attr('stroke', 'white')
        .attr('stroke-width', 3)
        .text((d) => d.text);
      return g;
    });
  attrIfChanged(mark, 'transform', (d) => `translate(${sx(d.x).toFixed(1)},${sy(d.y).toFixed(1)})`);

  const overlay = overlayRect(plot, side, side);
  if (onPickStart) attachStartDrag(overlay.node(), coefficientPlanePicker(view, sx, sy), onPickStart);
  return scales;
}

export function FunctionSpacePlot({ height = 420, exportName, onPickStart, ...props }: FunctionSpacePlotProps) {
  const draw = (svg: Sel<SVGSVGElement>, width: number, drawn: PlaneDrawn<FunctionSpaceView>) =>
    drawFunctionSpace(svg, width, drawn, onPickStart);
  const frame = usePlaneChart({ ...props, height }, draw, {
    clipPrefix: 'function-clip',
    hoverLabel: false,
  });
  return <PlotFrame frame={frame} height={height} label={props.title ?? 'Function space'} exportName={exportName} />;
}
