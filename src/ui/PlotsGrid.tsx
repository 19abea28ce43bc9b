// The plot grid: Approximation, Loss, Parameter space, Function space, Diagnostics. One road: records
// come from the runs store, the worker's views from the views store, each card selecting only what it
// draws; every chart redraw goes through the frame scheduler (about one per animation frame, none off
// screen). Hovering any plot sets the shared hoveredK, which every plot highlights. Presentation mode and
// embeds show some of the same cards (PLOT_CARDS) at a height of their choosing.

import { useMemo, useState, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRuns, type TrackSeries } from '../state/runs';
import { useView } from '../state/view';
import { useViews } from '../state/views';
import type { RecordTrack, TrackStyle } from '../plots/types';
import { ApproximationPlot } from '../plots/ApproximationPlot';
import { LossPlot } from '../plots/LossPlot';
import { ParameterPlot } from '../plots/ParameterPlot';
import { FunctionSpacePlot } from '../plots/FunctionSpacePlot';
import { DiagnosticsPlot } from '../plots/DiagnosticsPlot';
import { drawnRecords } from '../plots/records';
import type { PlotAnnotation, PlotId } from '../engine/scenario/presetTeaching';
import { conditionCap } from '../engine/views/condCap';
import { useScheduledProps } from '../plots/frameScheduler';
import { useOnScreen } from './useOnScreen';
import { trackDash, useCoincidentKeys } from './trackNotes';
import { PlotCard } from './plotCard/PlotCard';
import { usePresetTeaching } from './plotCard/usePresetTeaching';
import { LazySweepCard } from './sweep/LazySweepCard';
import { pickStartInFunctionSpace, setStartTheta } from './drag/setStart';
import { Staggered } from './Staggered';

const FALLBACK_STYLE = { optimizerId: '', label: '', color: '#999999' };

/** Styles of the given keys (the order of a view's per-track arrays), with their dash patterns. */
function useStylesFor(keys: readonly string[] | undefined): TrackStyle[] {
  const styles = useRuns(
    useShallow((s) =>
      (keys ?? []).map((key) => {
        const track = s.tracks[key];
        return track
          ? `${key}\u0000${track.optimizerId}\u0000${track.label}\u0000${track.color}\u0000${track.dash ?? ''}`
          : `${key}\u0000\u0000\u0000\u0000`;
      }),
    ),
  );
  const coincident = useCoincidentKeys();
  return useMemo(
    () =>
      styles.map((entry) => {
        const [key, optimizerId, label, color, ownDash] = entry.split('\u0000');
        const style = color ? { key, optimizerId, label, color } : { ...FALLBACK_STYLE, key };
        const dash = trackDash(ownDash || undefined, key, coincident);
        return dash ? { ...style, dash } : style;
      }),
    [styles, coincident],
  );
}

/** The tracks with their records and dashes, in scenario order (a track's object changes when records arrive). */
function useRecordTracks(): RecordTrack[] {
  const tracks = useRuns(
    useShallow((s) => s.keys.map((key) => s.tracks[key]).filter((t): t is TrackSeries => t !== undefined)),
  );
  const coincident = useCoincidentKeys();
  return useMemo(
    () =>
      tracks.map((t) => {
        const dash = trackDash(t.dash, t.key, coincident);
        return dash === t.dash ? t : { ...t, dash };
      }),
    [tracks, coincident],
  );
}

function useAnnotations(plot: PlotId): readonly PlotAnnotation[] {
  const teaching = usePresetTeaching();
  return useMemo(() => teaching.annotations.filter((a) => a.plot === plot && a.kind !== 'note'), [teaching, plot]);
}

const onHover = (k: number | null) => useView.getState().setHoveredK(k);

/** The props every worker-view chart takes from its scheduled snapshot. */
function viewProps<V>(
  shown: { view: V; tracks: TrackStyle[]; hoveredK: number | null; annotations: readonly PlotAnnotation[] },
  exportName: string,
) {
  return {
    view: shown.view,
    tracks: shown.tracks,
    hoveredK: shown.hoveredK,
    annotations: shown.annotations,
    onHover,
    exportName,
  };
}

export interface CardProps {
  /** Chart height in CSS pixels (default: the chart's own). */
  height?: number;
}

function ApproximationCard({ height }: CardProps) {
  const [ref, onScreen] = useOnScreen<HTMLElement>('approximation');
  const result = useViews((s) => s.approximation);
  const hoveredK = useView((s) => s.hoveredK);
  const tracks = useStylesFor(result?.keys);
  const annotations = useAnnotations('approximation');
  const [showSamples, setShowSamples] = useState(true);
  const next = { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK, annotations, showSamples };
  const shown = useScheduledProps('approximation', next, onScreen);
  const field = shown.view?.kind === 'field';
  const plot = useMemo(
    () => (
      <ApproximationPlot
        {...viewProps(shown, 'approximation')}
        showSamples={shown.showSamples}
        height={height ?? (field ? 440 : undefined)}
      />
    ),
    [shown, height, field],
  );
  return (
    <PlotCard
      ref={ref}
      id="approximation"
      title="Approximation"
      testId="plot-approximation"
      className={field ? 'plot-card-wide' : undefined}
      data={{ 'data-k': shown.ks ? shown.ks.join(',') : '' }}
    >
      {field ? (
        <label className="plot-toolbar">
          <input
            type="checkbox"
            checked={showSamples}
            data-testid="show-samples"
            onChange={(e) => setShowSamples(e.target.checked)}
          />{' '}
          quadrature points
        </label>
      ) : null}
      {plot}
    </PlotCard>
  );
}

function LossCard({ height }: CardProps) {
  const [ref, onScreen] = useOnScreen<HTMLElement>('loss');
  const tracks = useRecordTracks();
  const ensembles = useViews((s) => s.loss?.view ?? null);
  const hoveredK = useView((s) => s.hoveredK);
  const xAxis = useView((s) => s.xAxis);
  const setXAxis = useView((s) => s.setXAxis);
  const shown = useScheduledProps('loss', { tracks, ensembles, hoveredK, xAxis }, onScreen);
  const plot = useMemo(
    () => (
      <LossPlot
        tracks={shown.tracks}
        ensembles={shown.ensembles}
        xAxis={shown.xAxis}
        hoveredK={shown.hoveredK}
        onHover={onHover}
        exportName="loss"
        height={height}
      />
    ),
    [shown, height],
  );
  return (
    <PlotCard ref={ref} id="loss" title="Loss" testId="plot-loss" data={{ 'data-drawn': drawnRecords(shown.tracks) }}>
      <div className="plot-toolbar" role="group" aria-label="Loss axis">
        <label>
          <input type="radio" name="loss-x" checked={xAxis === 'iteration'} onChange={() => setXAxis('iteration')} />{' '}
          against iteration
        </label>
        <label>
          <input type="radio" name="loss-x" checked={xAxis === 'time'} onChange={() => setXAxis('time')} /> against wall
          time
        </label>
      </div>
      {plot}
    </PlotCard>
  );
}

function ParameterCard({ height }: CardProps) {
  const [ref, onScreen] = useOnScreen<HTMLElement>('parameterPlane');
  const result = useViews((s) => s.parameterPlane);
  const hoveredK = useView((s) => s.hoveredK);
  const tracks = useStylesFor(result?.keys);
  const annotations = useAnnotations('parameters');
  const curveScale = usePresetTeaching().parameterScale;
  const next = { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK, annotations, curveScale };
  const shown = useScheduledProps('parameter', next, onScreen);
  const plot = useMemo(
    () => (
      <ParameterPlot
        {...viewProps(shown, 'parameter-space')}
        curveScale={shown.curveScale}
        height={height}
        onPickStart={setStartTheta}
      />
    ),
    [shown, height],
  );
  return (
    <PlotCard
      ref={ref}
      id="parameters"
      title="Parameter space"
      testId="plot-parameter"
      data={{ 'data-iterates': shown.ks ? shown.ks.join(',') : '' }}
    >
      {plot}
    </PlotCard>
  );
}

/** A pick on the exact function-space plot: the worker maps the coefficient point to θ₀, then the race restarts. */
const pickFunctionSpaceStart = (c: number[]): void => void pickStartInFunctionSpace(c);

function FunctionSpaceCard({ height }: CardProps) {
  const [ref, onScreen] = useOnScreen<HTMLElement>('functionSpace');
  const result = useViews((s) => s.functionSpace);
  const hoveredK = useView((s) => s.hoveredK);
  const tracks = useStylesFor(result?.keys);
  const annotations = useAnnotations('function-space');
  const next = { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK, annotations };
  const shown = useScheduledProps('function-space', next, onScreen);
  const plot = useMemo(
    () => (
      <FunctionSpacePlot
        {...viewProps(shown, 'function-space')}
        height={height}
        onPickStart={shown.view?.kind === 'coefficients' ? pickFunctionSpaceStart : undefined}
      />
    ),
    [shown, height],
  );
  return (
    <PlotCard
      ref={ref}
      id="function-space"
      title="Function space"
      testId="plot-function-space"
      data={{ 'data-iterates': shown.ks ? shown.ks.join(',') : '' }}
    >
      {plot}
    </PlotCard>
  );
}

/** cond and cos say nothing with one parameter (S is a number, the step is ±the gradient). */
const ONE_PARAMETER_HIDDEN = ['cond', 'cos'];
const NONE_HIDDEN: string[] = [];

function DiagnosticsCard({ height }: CardProps) {
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const tracks = useRecordTracks();
  const hoveredK = useView((s) => s.hoveredK);
  const p = useRuns((s) => s.p);
  const shown = useScheduledProps('diagnostics', { tracks, hoveredK, p }, onScreen);
  const plot = useMemo(
    () => (
      <DiagnosticsPlot
        tracks={shown.tracks}
        hoveredK={shown.hoveredK}
        onHover={onHover}
        exportName="diagnostics"
        height={height}
        hiddenPanels={shown.p === 1 ? ONE_PARAMETER_HIDDEN : NONE_HIDDEN}
        condCap={shown.p > 0 ? conditionCap(shown.p) : undefined}
      />
    ),
    [shown, height],
  );
  return (
    <PlotCard ref={ref} id="diagnostics" title="Diagnostics" testId="plot-diagnostics">
      {p === 1 ? (
        <p className="plot-note">With one parameter cond(S) is 1 and the cosine ±1: those panels are hidden.</p>
      ) : null}
      {plot}
      <p className="plot-legend-note">
        Ticks under a panel: Newton fallback (cond), failed line search (α), momentum restart (cos).
      </p>
    </PlotCard>
  );
}

/** Every card by plot id. */
export const PLOT_CARDS: Readonly<Record<PlotId, ComponentType<CardProps>>> = {
  approximation: ApproximationCard,
  loss: LossCard,
  parameters: ParameterCard,
  'function-space': FunctionSpaceCard,
  diagnostics: DiagnosticsCard,
};

/** A card's place while it waits for its turn to mount. */
function PendingCard() {
  return <section className="plot-card plot-card-pending" aria-busy="true" data-staggered="waiting" />;
}

export function PlotsGrid() {
  return (
    <div className="plots-grid">
      <LazySweepCard />
      {/* One card per task at start-up, the loss first (Staggered.tsx). */}
      <Staggered turn={2} placeholder={<PendingCard />}>
        <ApproximationCard />
      </Staggered>
      <Staggered turn={1} placeholder={<PendingCard />}>
        <LossCard />
      </Staggered>
      <Staggered turn={3} placeholder={<PendingCard />}>
        <ParameterCard />
      </Staggered>
      <Staggered turn={4} placeholder={<PendingCard />}>
        <FunctionSpaceCard />
      </Staggered>
      <Staggered turn={5} placeholder={<PendingCard />}>
        <DiagnosticsCard />
      </Staggered>
    </div>
  );
}
