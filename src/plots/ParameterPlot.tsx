// Parameter space (docs/DESIGN.md "Plots" 3): trajectories over the landscape of L. p = 1: the curve L(θ) with
// the iterates on it; p ≥ 2: filled contours of L on the worker's grid (p > 2: the PCA plane) with the
// trajectories, start (square) and current (disc) markers.

import { axisBottom, axisLeft, scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import type { ParameterPlaneView } from '../engine/views/types';
import { TARGET_COLOR, landscapeColor } from './colorMaps';
import {
  DEFAULT_MARGIN,
  LINE_WIDTH,
  attrIfChanged,
  overlayRect,
  setAttributeIfChanged,
  clipRect,
  drawTitle,
  layer,
  type Sel,
} from './scaffold';
import { axisLabel, drawAxis, logTicks } from './axis';
import { drawLegend } from './legend';
import { polylinePath } from './paths';
import { drawContours } from './contours';
import { MARKER_ITEMS, drawTrajectories, type PlaneScales } from './trajectories';
import { PlotFrame } from './PlotFrame';
import { drawAnnotations } from './annotations';
import { usePlaneChart, type CurveScale, type PlaneDrawn } from './usePlaneChart';
import type { PlotAnnotation } from '../engine/scenario/presetTeaching';
import type { ChartProps, HoverProps, TrackStyle } from './types';
import { legendByOptimizer } from './ensembleBands';
import { attachStartDrag, parameterPlanePicker } from './startDrag';

export interface ParameterPlotProps extends HoverProps, ChartProps {
  /** From parameterPlaneView (worker); null before the first one arrives. */
  view: ParameterPlaneView | null;
  /** Styles aligned with view.trajectories. */
  tracks: readonly TrackStyle[];
  /** Preset annotations: points (θ, L(θ)) on the p = 1 curve, or in the plane of p = 2. */
  annotations?: readonly PlotAnnotation[];
  /** Scale of the L(θ) curve (p = 1); default: log when it spans more than two decades. */
  curveScale?: CurveScale;
  /** Called with θ₀ where the plot is pressed or dragged (p ≤ 2); absent: no dragging. */
  onPickStart?: (theta: number[]) => void;
}

function drawParameterPlane(
  svg: Sel<SVGSVGElement>,
  width: number,
  drawn: PlaneDrawn<ParameterPlaneView>,
  onPickStart: ((theta: number[]) => void) | undefined,
): PlaneScales | null {
  const { view, tracks, height, title, clipId, annotations, curveScale } = drawn;
  const titleHeight = drawTitle(svg, title, DEFAULT_MARGIN.left);
  const legend = attrIfChanged(
    layer(svg, 'g', 'legend'),
    'transform',
    () => `translate(${DEFAULT_MARGIN.left},${titleHeight})`,
  );
  const legendHeight = drawLegend(
    legend,
    [...legendByOptimizer(tracks), ...(tracks.length > 0 ? MARKER_ITEMS : [])],
    width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right,
  );
  const margin = { ...DEFAULT_MARGIN, top: titleHeight + legendHeight + 10 };
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  const plot = attrIfChanged(layer(svg, 'g', 'plot'), 'transform', () => `translate(${margin.left},${margin.top})`);
  clipRect(svg, clipId, innerWidth, innerHeight);
  const content = attrIfChanged(layer(plot, 'g', 'content'), 'clip-path', () => `url(#${clipId})`);
  const background = attrIfChanged(
    attrIfChanged(layer(content, 'rect', 'background'), 'width', () => innerWidth),
    'height',
    () => innerHeight,
  );
  const landscape = layer(content, 'g', 'landscape');
  const curve = layer(content, 'path', 'loss-curve');
  const paths = layer(content, 'g', 'trajectories');
  layer(content, 'g', 'hover');

  if (view === null) {
    landscape.selectAll('*').remove();
    curve.attr('d', null);
    paths.selectAll('*').remove();
    setAttributeIfChanged(background.node()!, 'fill', 'none');
    return null;
  }

  let sx: ScaleContinuousNumeric<number, number>;
  let sy: ScaleContinuousNumeric<number, number>;
  if (view.kind === 'curve') {
    const { theta, loss } = view;
    sx = scaleLinear()
      .domain([theta[0], theta[theta.length - 1]])
      .range([0, innerWidth]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of loss) if (Number.isFinite(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
    for (const t of view.trajectories)
      for (const v of t.y) if (Number.isFinite(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
    if (!(lo <= hi)) ((lo = 0), (hi = 1));
    const logScale = curveScale ? curveScale === 'log' && lo > 0 : lo > 0 && hi / lo > 100;
    if (logScale) {
      // An iterate sitting exactly on a minimum (L ~ 1e-30) must not squash the curve: clamp at 1e-10·max.
      const floor = Math.max(lo, hi * 1e-10);
      const ySc = scaleLog()
        .domain([floor / 1.5, hi * 1.5])
        .range([innerHeight, 0])
        .clamp(true);
      const ticks = logTicks(ySc);
      drawAxis(
        layer(plot, 'g', 'y-axis'),
        axisLeft(ySc)
          .tickValues(ticks.values)
          .tickFormat((v) => ticks.format(Number(v))),
      );
      sy = ySc;
    } else {
      const pad = 0.05 * (hi - lo || 1);
      sy = scaleLinear()
        .domain([lo - pad, hi + pad])
        .range([innerHeight, 0]);
      drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(sy).ticks(5));
    }
    setAttributeIfChanged(background.node()!, 'fill', 'none');
    landscape.selectAll('*').remove();
    curve
      .attr(
        'd',
        polylinePath(
          theta.length,
          (i) => sx(theta[i]),
          (i) => sy(loss[i]),
        ),
      )
      .attr('fill', 'none')
      .attr('stroke', TARGET_COLOR)
      .attr('stroke-width', LINE_WIDTH);
  } else {
    const { grid } = view;
    sx = scaleLinear()
      .domain([grid.x[0], grid.x[grid.nx - 1]])
      .range([0, innerWidth]);
    sy = scaleLinear()
      .domain([grid.y[0], grid.y[grid.ny - 1]])
      .range([innerHeight, 0]);
    drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(sy).ticks(5));
    curve.attr('d', null);
    setAttributeIfChanged(background.node()!, 'fill', landscapeColor(0));
    drawContours(landscape, grid, sx, sy, {
      fill: (i, n) => landscapeColor((i + 1) / n),
      stroke: 'white',
      strokeWidth: 0.75,
      strokeOpacity: 0.6,
    });
  }
  drawAxis(
    attrIfChanged(layer(plot, 'g', 'x-axis'), 'transform', () => `translate(0,${innerHeight})`),
    axisBottom(sx).ticks(Math.max(2, Math.floor(innerWidth / 90))),
  );
  axisLabel(plot, 'x-label', view.xLabel, innerWidth / 2, innerHeight + 40);
  axisLabel(plot, 'y-label', view.yLabel, -60, innerHeight / 2, true); // clear of wide PC tick labels
  const scales: PlaneScales = {
    sx: (x: number) => sx(x),
    sy: (y: number) => sy(y),
    trajectories: view.trajectories,
    tracks,
  };
  drawTrajectories(paths, view.trajectories, tracks, scales.sx, scales.sy);
  const annotated = view.kind === 'curve' || view.plane === null ? annotations : [];
  drawAnnotations(layer(plot, 'g', 'annotations'), annotated, scales.sx, scales.sy, innerWidth, innerHeight);

  const overlay = overlayRect(plot, innerWidth, innerHeight);
  if (onPickStart) attachStartDrag(overlay.node(), parameterPlanePicker(view, sx, sy), onPickStart);
  return scales;
}

export function ParameterPlot({ height = 380, exportName, onPickStart, ...props }: ParameterPlotProps) {
  const draw = (svg: Sel<SVGSVGElement>, width: number, drawn: PlaneDrawn<ParameterPlaneView>) =>
    drawParameterPlane(svg, width, drawn, onPickStart);
  const frame = usePlaneChart({ ...props, height }, draw, { clipPrefix: 'parameter-clip', hoverLabel: true });
  return <PlotFrame frame={frame} height={height} label={props.title ?? 'Parameter space'} exportName={exportName} />;
}
