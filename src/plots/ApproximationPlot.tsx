// Approximation (docs/DESIGN.md "Plots" 1): the target and each optimizer's current v_θ. 1D: curves over the
// domain with the quadrature points as a rug, and for PDEs the residual in a lower panel; 2D: heatmaps of
// target, approximation and error of one track; xor: decision regions with the data; time series:
// prediction against truth with the train/test split.

import { useEffect, useId, useState } from 'react';
import type { ApproximationView } from '../engine/views/types';
import { DEFAULT_MARGIN, drawTitle, type Sel } from './scaffold';
import { drawCurves, drawSeries } from './approximationCurves';
import { PlotFrame, usePlotFrame } from './PlotFrame';
import { useChart } from './useChart';
import { NO_ANNOTATIONS, type PlotAnnotation } from '../engine/scenario/presetTeaching';
import type { ChartProps, HoverProps, TrackStyle } from './types';

export interface ApproximationPlotProps extends HoverProps, ChartProps {
  /** From approximationView (worker), curves aligned with `tracks`; null before the first one arrives. */
  view: ApproximationView | null;
  tracks: readonly TrackStyle[];
  /** 2D fields and classification first show this track (index into tracks; default 0); a selector under the chart changes it. */
  selectedTrack?: number;
  /** Preset annotations (bands over x) for 1D curves. */
  annotations?: readonly PlotAnnotation[];
  /** 2D fields: mark the quadrature points on the target (default true). */
  showSamples?: boolean;
}

/** Index of the track with `key` (the user's choice survives new runs with the same optimizers), else `fallback`. */
export function selectedIndex(tracks: readonly TrackStyle[], key: string | null, fallback: number): number {
  const found = key === null ? -1 : tracks.findIndex((t) => t.key === key);
  if (found >= 0) return found;
  return Math.min(Math.max(0, fallback), Math.max(0, tracks.length - 1));
}

/**
 * 2D fields and decision regions (approximationGrids.ts, with d3-geo and the colour maps) load on first
 * use: the 1D curves of the default scenario do without them at start-up (docs/PERFORMANCE.md).
 */
type Grids = typeof import('./approximationGrids');
let grids: Grids | null = null;
let gridsLoading: Promise<Grids> | null = null;
function loadGrids(): Promise<Grids> {
  gridsLoading ??= import('./approximationGrids').then(
    (module) => (grids = module),
    (error: unknown) => {
      gridsLoading = null; // try again next time
      throw error instanceof Error ? error : new Error(String(error));
    },
  );
  return gridsLoading;
}

/** Until the 2D code is there: a line of text where the maps will be. */
function drawGridsPending(root: Sel<SVGGElement>, box: { width: number; top: number }, failed: boolean): void {
  root.selectAll('*').remove();
  root
    .append('text')
    .attr('x', box.width / 2)
    .attr('y', box.top + 40)
    .attr('text-anchor', 'middle')
    .attr('fill', failed ? '#a40000' : '#666')
    .text(failed ? 'Could not load the 2D plot (offline?); it is retried on the next change.' : 'Loading the 2D plot…');
}

/** Draw the view; the approximation has no pointer interaction, so its "scales" only say it drew. */
function drawApproximation(
  svg: Sel<SVGSVGElement>,
  width: number,
  { view, tracks, selectedTrack, hoveredK, height, title, annotations, showSamples, gridsFailed }: Drawn,
): true | null {
  const titleHeight = drawTitle(svg, title, DEFAULT_MARGIN.left);
  // Each kind draws into its own root; switching kind clears the others.
  const kind = view?.kind ?? 'none';
  svg
    .selectAll(':scope > g.root')
    .filter(function () {
      return (this as SVGGElement).getAttribute('data-kind') !== kind;
    })
    .remove();
  let root = svg.select<SVGGElement>(':scope > g.root') as unknown as Sel<SVGGElement>;
  if (root.empty()) root = svg.append('g').attr('class', 'root').attr('data-kind', kind) as unknown as Sel<SVGGElement>;
  if (view === null) return null;
  const label = hoveredK !== null ? `k = ${hoveredK}` : '';
  const box = { width, height, top: titleHeight };
  switch (view.kind) {
    case 'curve':
      drawCurves(root, view, tracks, box, label, annotations);
      break;
    case 'series':
      drawSeries(root, view, tracks, box, label);
      break;
    case 'field':
      if (grids) grids.drawFields(root, view, tracks, selectedTrack, box, label, showSamples);
      else drawGridsPending(root, box, gridsFailed);
      break;
    case 'classification':
      if (grids) grids.drawClassification(root, view, tracks, selectedTrack, box, label);
      else drawGridsPending(root, box, gridsFailed);
      break;
  }
  return true;
}

interface Drawn {
  view: ApproximationView | null;
  tracks: readonly TrackStyle[];
  selectedTrack: number;
  hoveredK: number | null;
  height: number;
  title?: string;
  annotations: readonly PlotAnnotation[];
  showSamples: boolean;
  /** The 2D code could not be loaded. */
  gridsFailed: boolean;
}

export function ApproximationPlot(props: ApproximationPlotProps) {
  const { view, tracks, selectedTrack: initialTrack = 0, hoveredK, onHover, height = 340, title, exportName } = props;
  const { annotations = NO_ANNOTATIONS, showSamples = true } = props;
  const frame = usePlotFrame();
  const selectId = useId();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const selectedTrack = selectedIndex(tracks, selectedKey, initialTrack);
  const oneTrackShown = view?.kind === 'field' || view?.kind === 'classification';
  // The 2D code's state; a change redraws.
  const [gridsState, setGridsState] = useState<'loaded' | 'loading' | 'failed'>(grids ? 'loaded' : 'loading');
  useEffect(() => {
    if (!oneTrackShown || grids) return;
    let live = true;
    loadGrids().then(
      () => live && setGridsState('loaded'),
      () => live && setGridsState('failed'),
    );
    return () => {
      live = false;
    };
  }, [oneTrackShown, view]);
  const gridsFailed = gridsState === 'failed';

  useChart<true>(
    frame,
    {
      draw: (svg, width) =>
        drawApproximation(svg, width, {
          view,
          tracks,
          selectedTrack,
          hoveredK,
          height,
          title,
          annotations,
          showSamples,
          gridsFailed,
        }),
      hover: () => undefined,
      pick: () => null,
    },
    [view, tracks, selectedTrack, hoveredK, height, title, annotations, showSamples, gridsState],
    hoveredK,
    onHover,
  );

  return (
    <PlotFrame frame={frame} height={height} label={title ?? 'Approximation'} exportName={exportName}>
      {oneTrackShown && tracks.length > 0 ? (
        <div className="plot-toolbar" style={{ marginTop: 4 }}>
          <label htmlFor={selectId}>
            {view?.kind === 'field' ? 'Approximation and error of' : 'Decision regions of'}{' '}
          </label>
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
