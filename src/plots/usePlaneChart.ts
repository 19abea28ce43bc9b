// The chart base for the two plane plots (parameter space, function space): the view's trajectories are
// ringed at the hovered iteration, and the pointer picks the nearest iterate.

import { useId } from 'react';
import { safeId, type Sel } from './scaffold';
import { drawPlaneHover, pickIterate, type PlaneScales } from './trajectories';
import { usePlotFrame, type PlotFrameHandles } from './PlotFrame';
import { useChart } from './useChart';
import type { HoverProps, TrackStyle } from './types';

export interface PlaneDrawn<V> {
  view: V | null;
  tracks: readonly TrackStyle[];
  height: number;
  title?: string;
  clipId: string;
}

export interface PlaneChartProps<V> extends HoverProps {
  view: V | null;
  tracks: readonly TrackStyle[];
  height: number;
  title?: string;
}

export function usePlaneChart<V>(
  props: PlaneChartProps<V>,
  draw: (svg: Sel<SVGSVGElement>, width: number, drawn: PlaneDrawn<V>) => PlaneScales | null,
  options: { clipPrefix: string; hoverLabel: boolean },
): PlotFrameHandles {
  const { view, tracks, height, title, hoveredK, onHover } = props;
  const frame = usePlotFrame();
  const clipId = safeId(options.clipPrefix, useId());
  useChart<PlaneScales>(
    frame,
    {
      draw: (svg, width) => draw(svg, width, { view, tracks, height, title, clipId }),
      hover: (svg, scales, k) => drawPlaneHover(svg, scales, k, options.hoverLabel),
      pick: pickIterate,
    },
    [view, tracks, height, title, clipId],
    hoveredK,
    onHover,
  );
  return frame;
}
