// Parameter space (DESIGN.md "Plots" 3): trajectories over the landscape of L. p = 1: the curve L(θ) with
// the iterates on it; p ≥ 2: filled contours of L on the worker's grid (p > 2: the PCA plane) with the
// trajectories, start (square) and current (disc) markers.

import { useEffect, useId, useRef } from 'react';
import { axisBottom, axisLeft, pointer, scaleLinear, scaleLog, select, type ScaleContinuousNumeric } from 'd3';
import type { ParameterPlaneView } from '../engine/views/types';
import { INK, TARGET_COLOR, landscapeColor } from './colors';
import {
  DEFAULT_MARGIN, FONT_FAMILY, LINE_WIDTH, attrIfChanged, overlayRect, axisLabel, setAttributeIfChanged, clipRect, drawAxis, drawLegend, drawTitle, layer, logTicks,
  polylinePath, safeId, type Sel,
} from './chart';
import { legendByOptimizer } from './ensembleBands';
import { attachStartDrag } from './startDrag';
import { drawContours, landscapeThresholds } from './contours';
import { drawTrajectories, nearestIterate, updateHoverLayer } from './trajectories';
import { PlotFrame, usePlotFrame } from './PlotFrame';
import type { ChartProps, HoverProps, TrackStyle } from './types';

export interface ParameterPlotProps extends HoverProps, ChartProps {
  /** From parameterPlaneView (worker); null before the first one arrives. */
  view: ParameterPlaneView | null;
  /** Styles aligned with view.trajectories. */
  tracks: readonly TrackStyle[];
  /** Called with θ₀ where the plot is pressed or dragged (p ≤ 2); absent: no dragging. */
  onPickStart?: (theta: number[]) => void;
}

interface Scales {
  sx: (x: number) => number;
  sy: (y: number) => number;
}

export function ParameterPlot({ view, tracks, hoveredK, onHover, onPickStart, height = 380, title, exportName }: ParameterPlotProps) {
  const frame = usePlotFrame();
  const { svgRef, width } = frame;
  const clipId = safeId('parameter-clip', useId());
  const scalesRef = useRef<Scales | null>(null);
  const onHoverRef = useRef(onHover);
  onHoverRef.current = onHover;

  useEffect(() => {
    const element = svgRef.current;
    if (!element || width <= 0) return;
    const svg = select(element) as unknown as Sel<SVGSVGElement>;
    const titleHeight = drawTitle(svg, title, DEFAULT_MARGIN.left);
    const legend = attrIfChanged(layer(svg, 'g', 'legend'), 'transform', () => `translate(${DEFAULT_MARGIN.left},${titleHeight})`);
    const legendHeight = drawLegend(
      legend,
      legendByOptimizer(tracks),
      width - DEFAULT_MARGIN.left - DEFAULT_MARGIN.right,
    );
    const margin = { ...DEFAULT_MARGIN, top: titleHeight + legendHeight + 10 };
    const innerWidth = Math.max(10, width - margin.left - margin.right);
    const innerHeight = Math.max(10, height - margin.top - margin.bottom);
    const plot = attrIfChanged(layer(svg, 'g', 'plot'), 'transform', () => `translate(${margin.left},${margin.top})`);
    clipRect(svg, clipId, innerWidth, innerHeight);
    const content = attrIfChanged(layer(plot, 'g', 'content'), 'clip-path', () => `url(#${clipId})`);
    const background = attrIfChanged(attrIfChanged(layer(content, 'rect', 'background'), 'width', () => innerWidth), 'height', () => innerHeight);
    const landscape = layer(content, 'g', 'landscape');
    const curve = layer(content, 'path', 'loss-curve');
    const paths = layer(content, 'g', 'trajectories');
    layer(content, 'g', 'hover');

    if (view === null) {
      scalesRef.current = null;
      landscape.selectAll('*').remove();
      curve.attr('d', null);
      paths.selectAll('*').remove();
      setAttributeIfChanged(background.node()!, 'fill', 'none');
      return;
    }

    let sx: ScaleContinuousNumeric<number, number>;
    let sy: ScaleContinuousNumeric<number, number>;
    if (view.kind === 'curve') {
      const { theta, loss } = view;
      sx = scaleLinear().domain([theta[0], theta[theta.length - 1]]).range([0, innerWidth]);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of loss) if (Number.isFinite(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
      for (const t of view.trajectories) for (const v of t.y) if (Number.isFinite(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
      if (!(lo <= hi)) ((lo = 0), (hi = 1));
      const logScale = lo > 0 && hi / lo > 100;
      if (logScale) {
        // An iterate sitting exactly on a minimum (L ~ 1e-30) must not squash the curve: clamp at 1e-10·max.
        const floor = Math.max(lo, hi * 1e-10);
        const ySc = scaleLog().domain([floor / 1.5, hi * 1.5]).range([innerHeight, 0]).clamp(true);
        const ticks = logTicks(ySc);
        drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(ySc).tickValues(ticks.values).tickFormat((v) => ticks.format(Number(v))));
        sy = ySc;
      } else {
        const pad = 0.05 * (hi - lo || 1);
        sy = scaleLinear().domain([lo - pad, hi + pad]).range([innerHeight, 0]);
        drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(sy).ticks(5));
      }
      setAttributeIfChanged(background.node()!, 'fill', 'none');
      landscape.selectAll('*').remove();
      curve
        .attr('d', polylinePath(theta.length, (i) => sx(theta[i]), (i) => sy(loss[i])))
        .attr('fill', 'none')
        .attr('stroke', TARGET_COLOR)
        .attr('stroke-width', LINE_WIDTH);
    } else {
      const { grid } = view;
      sx = scaleLinear().domain([grid.x[0], grid.x[grid.nx - 1]]).range([0, innerWidth]);
      sy = scaleLinear().domain([grid.y[0], grid.y[grid.ny - 1]]).range([innerHeight, 0]);
      drawAxis(layer(plot, 'g', 'y-axis'), axisLeft(sy).ticks(5));
      curve.attr('d', null);
      setAttributeIfChanged(background.node()!, 'fill', landscapeColor(0));
      drawContours(landscape, grid, landscapeThresholds(grid.values), sx, sy, {
        fill: (i, n) => landscapeColor((i + 1) / n),
        stroke: 'white',
        strokeWidth: 0.75,
        strokeOpacity: 0.6,
      });
    }
    drawAxis(attrIfChanged(layer(plot, 'g', 'x-axis'), 'transform', () => `translate(0,${innerHeight})`), axisBottom(sx).ticks(Math.max(2, Math.floor(innerWidth / 90))));
    axisLabel(plot, 'x-label', view.xLabel, innerWidth / 2, innerHeight + 40);
    axisLabel(plot, 'y-label', view.yLabel, -54, innerHeight / 2, true);
    const scales = { sx: (x: number) => sx(x), sy: (y: number) => sy(y) };
    scalesRef.current = scales;
    drawTrajectories(paths, view.trajectories, tracks, scales.sx, scales.sy);

    const overlay = overlayRect(plot, innerWidth, innerHeight)
      .on('pointermove', (event: PointerEvent) => {
        const [px, py] = pointer(event);
        onHoverRef.current(nearestIterate(view.trajectories, px, py, scales.sx, scales.sy));
      })
      .on('pointerleave', () => onHoverRef.current(null));
    if (onPickStart) attachStartDrag(overlay.node(), view.kind === 'curve' ? (px) => [sx.invert(px)] : view.plane === null ? (px, py) => [sx.invert(px), sy.invert(py)] : () => null, onPickStart);
  }, [view, tracks, width, height, title, clipId, svgRef, onPickStart]);

  useEffect(() => {
    const hover = updateHoverLayer(svgRef.current, scalesRef.current, view?.trajectories ?? null, tracks, hoveredK);
    if (!hover) return;
    hover
      .selectAll('text.hover-label')
      .data(hoveredK !== null ? [hoveredK] : [])
      .join('text')
      .attr('class', 'hover-label')
      .attr('x', 6)
      .attr('y', 16)
      .attr('font-size', 13)
      .attr('font-family', FONT_FAMILY)
      .attr('fill', INK)
      .attr('paint-order', 'stroke')
      .attr('stroke', 'white')
      .attr('stroke-width', 3)
      .text((k) => `k = ${k}`);
  }, [hoveredK, view, tracks, width, height, svgRef]);

  return <PlotFrame frame={frame} height={height} label={title ?? 'Parameter space'} exportName={exportName} />;
}
