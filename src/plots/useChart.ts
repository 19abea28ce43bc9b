// The shared base of every chart: the plot draws through `draw` (everything but the hover marks, returning
// the scales it used), marks the hovered iteration through `hover`, and names the iteration under the
// pointer through `pick`. The base owns the rest: redrawing on new props or a new width, keeping the
// scales, and one pointer handler on the <svg> for every overlay rectangle (`rect.overlay`) the plot drew.

import { useEffect, useLayoutEffect, useRef } from 'react';
import { pointer, select } from 'd3';
import type { Sel } from './scaffold';
import type { PlotFrameHandles } from './PlotFrame';

export interface ChartDrawing<S> {
  /** Draw the chart at this width; the scales for hover and pointer, or null when nothing is drawn. */
  draw(svg: Sel<SVGSVGElement>, width: number): S | null;
  /** Mark iteration k (null: remove the marks); scales are null when nothing was drawn. */
  hover(svg: Sel<SVGSVGElement>, scales: S | null, k: number | null): void;
  /** The iteration at (px, py) in the coordinates of the overlay under the pointer, or null. */
  pick(scales: S, px: number, py: number, overlay: Element): number | null;
}

export function useChart<S>(
  frame: PlotFrameHandles,
  chart: ChartDrawing<S>,
  drawInputs: readonly unknown[],
  hoveredK: number | null,
  onHover: (k: number | null) => void,
): void {
  const { svgRef, width } = frame;
  const scalesRef = useRef<S | null>(null);
  const chartRef = useRef(chart);
  const onHoverRef = useRef(onHover);
  // Before the draw effects below (layout effects run first): they read the latest chart and handler.
  useLayoutEffect(() => {
    chartRef.current = chart;
    onHoverRef.current = onHover;
  });

  useEffect(() => {
    const element = svgRef.current;
    if (!element) return;
    let reported: number | null = null;
    const report = (k: number | null) => {
      if (k === reported) return;
      reported = k;
      onHoverRef.current(k);
    };
    const move = (event: PointerEvent) => {
      const overlay = event.target instanceof Element ? event.target.closest('rect.overlay') : null;
      const scales = scalesRef.current;
      if (!overlay || scales === null) return report(null);
      const [px, py] = pointer(event, overlay);
      report(chartRef.current.pick(scales, px, py, overlay));
    };
    const leave = () => report(null);
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerleave', leave);
    return () => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerleave', leave);
    };
  }, [svgRef]);

  useEffect(() => {
    const element = svgRef.current;
    if (!element || width <= 0) return;
    scalesRef.current = chartRef.current.draw(select(element) as unknown as Sel<SVGSVGElement>, width);
    // The draw inputs are the plot's props, compared one by one; the chart object itself is new every render.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [svgRef, width, ...drawInputs]);

  useEffect(() => {
    const element = svgRef.current;
    if (!element || width <= 0) return;
    chartRef.current.hover(select(element) as unknown as Sel<SVGSVGElement>, scalesRef.current, hoveredK);
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- as above: the draw inputs, one by one
  }, [svgRef, width, hoveredK, ...drawInputs]);
}
