// The chart base for the two plane plots (parameter space, function space): the view's trajectories are
// ringed at the hovered iteration, and the pointer picks the nearest iterate. Both draw the preset's
// annotations; the parameter plot's L(θ) curve may be asked for a linear or log scale.

import { useId } from 'react';
import { safeId, type Sel } from './scaffold';
import { drawPlaneHover, pickIterate, type PlaneScales } from './trajectories';
import { usePlotFrame, type PlotFrameHandles } from './PlotFrame';
import { useChart } from './useChart';
import { NO_ANNOTATIONS, type PlotAnnotation } from '../engine/scenario/presetTeaching';
import type { HoverProps, TrackStyle } from './types';

export interface PlaneDrawn<V> {
  view: V | null;
  tracks: readonly TrackStyle[];
  height: number;
  title?: string;
  clipId: string;
  annotations: readonly PlotAnnotation[];
  curveScale?: CurveScale;
}

/** Scale of a p = 1 L(θ) curve; absent: log when it spans more than two decades. */
export type CurveScale = 'linear' | 'log';

export interface PlaneChartProps<V> extends HoverProps {
  view: V | null;
  tracks: readonly TrackStyle[];
  height: number;
  title?: string;
  /** Preset annotations (points, in the plot's data coordinates). */
  annotations?: readonly PlotAnnotation[];
  curveScale?: CurveScale;
}

export function usePlaneChart<V>(
  props: PlaneChartProps<V>,
  draw: (svg: Sel<SVGSVGElement>, width: number, drawn: PlaneDrawn<V>) => PlaneScales | null,
  options: { clipPrefix: string; hoverLabel: boolean },
): PlotFrameHandles {
  const { view, tracks, height, title, hoveredK, onHover, annotations = NO_ANNOTATIONS, curveScale } = props;
  const frame = usePlotFrame();
  const clipId = safeId(options.clipPrefix, useId());
  useChart<PlaneScales>(
    frame,
    {
      draw: (svg, width) => draw(svg, width, { view, tracks, height, title, clipId, annotations, curveScale }),
      hover: (svg, scales, k) => drawPlaneHover(svg, scales, k, options.hoverLabel),
      pick: pickIterate,
    },
    [view, tracks, height, title, clipId, annotations, curveScale],
    hoveredK,
    onHover,
  );
  return frame;
}
