// The plot grid: Approximation, Loss, Parameter space, Function space, Diagnostics. Each card selects
// only what it draws; worker-computed geometry arrives through useWorkerView; every chart redraw goes
// through the frame scheduler (one chart per task), so neither streaming nor a click in the controls
// makes a long main-thread task. Hovering any plot sets the shared hoveredK, which every plot highlights.
// Presentation mode and embeds show some of the same cards (PLOT_CARDS) at a height of their choosing.

import { useMemo, useState, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRuns } from '../state/runs';
import { useView } from '../state/view';
import type { RecordTrack, TrackStyle } from '../plots/types';
import { ApproximationPlot } from '../plots/ApproximationPlot';
import { LossPlot } from '../plots/LossPlot';
import { ParameterPlot } from '../plots/ParameterPlot';
import { FunctionSpacePlot } from '../plots/FunctionSpacePlot';
import { DiagnosticsPlot } from '../plots/DiagnosticsPlot';
import type { PlotAnnotation, PlotId } from '../engine/scenario/presetTeaching';
import { conditionCap } from '../engine/views/condCap';
import { useWorkerView } from './useWorkerView';
import { useThrottledChartTracks, useThrottledRunsVersion } from './recordTracks';
import { useScheduledProps } from './frameScheduler';
import { useTrackNotes } from './trackNotes';
import { PlotCard } from './plotCard/PlotCard';
import { usePresetTeaching } from './plotCard/usePresetTeaching';

/** Views of the parameter and function planes are recomputed at most this often while running. */
const PLANE_INTERVAL_MS = 500;
const APPROXIMATION_INTERVAL_MS = 100;
/** Record-driven charts refresh at most this often (batches arrive about every 16 ms). */
const LOSS_INTERVAL_MS = 100;
const DIAGNOSTICS_INTERVAL_MS = 300;

const FALLBACK_STYLE = { optimizerId: '', label: '', color: '#999999' };

/** Styles of the given keys (the order of a view's per-track arrays), with their dash patterns. */
function useStylesFor(keys: readonly string[] | undefined): TrackStyle[] {
  const styles = useRuns(
    useShallow((s) =>
      (keys ?? []).map((key) => {
        const track = s.tracks[key];
        return track ? `${key}\u0000${track.optimizerId}\u0000${track.label}\u0000${track.color}` : `${key}\u0000\u0000\u0000`;
      }),
    ),
  );
  const dashes = useTrackNotes((s) => s.dashes);
  return useMemo(
    () =>
      styles.map((entry) => {
        const [key, optimizerId, label, color] = entry.split('\u0000');
        const dash = dashes[key];
        const style = color ? { key, optimizerId, label, color } : { ...FALLBACK_STYLE, key };
        return dash ? { ...style, dash } : style;
      }),
    [styles, dashes],
  );
}

/** Record tracks with their dash patterns. */
function useDashedTracks(tracks: RecordTrack[]): RecordTrack[] {
  const dashes = useTrackNotes((s) => s.dashes);
  return useMemo(() => tracks.map((t) => (dashes[t.key] ? { ...t, dash: dashes[t.key] } : t)), [tracks, dashes]);
}

function useAnnotations(plot: PlotId): readonly PlotAnnotation[] {
  const teaching = usePresetTeaching();
  return useMemo(() => teaching.annotations.filter((a) => a.plot === plot && a.kind !== 'note'), [teaching, plot]);
}

const onHover = (k: number | null) => useView.getState().setHoveredK(k);

/** The props every worker-view chart takes from its scheduled snapshot. */
function viewProps<V>(shown: { view: V; tracks: TrackStyle[]; hoveredK: number | null; annotations: readonly PlotAnnotation[] }, exportName: string) {
  return { view: shown.view, tracks: shown.tracks, hoveredK: shown.hoveredK, annotations: shown.annotations, onHover, exportName };
}

export interface CardProps {
  /** Chart height in CSS pixels (default: the chart's own). */
  height?: number;
}

function ApproximationCard({ height }: CardProps) {
  const runs = useThrottledRunsVersion(APPROXIMATION_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const trigger = `${runs}:${hoveredK === null ? 'latest' : `k${hoveredK}`}`;
  const result = useWorkerView((api) => api.approximationView(hoveredK), trigger, APPROXIMATION_INTERVAL_MS);
  const tracks = useStylesFor(result?.keys);
  const annotations = useAnnotations('approximation');
  const [showSamples, setShowSamples] = useState(true);
  const shown = useScheduledProps('approximation', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK, annotations, showSamples });
  const field = shown.view?.kind === 'field';
  const plot = useMemo(
    () => (
      <ApproximationPlot {...viewProps(shown, 'approximation')} showSamples={shown.showSamples} height={height ?? (field ? 440 : undefined)} />
    ),
    [shown, height, field],
  );
  return (
    <PlotCard
      id="approximation"
      title="Approximation"
      testId="plot-approximation"
      className={field ? 'plot-card-wide' : undefined}
      data={{ 'data-k': shown.ks ? shown.ks.join(',') : '' }}
    >
      {field ? (
        <label className="plot-toolbar">
          <input type="checkbox" checked={showSamples} data-testid="show-samples" onChange={(e) => setShowSamples(e.target.checked)} /> quadrature points
        </label>
      ) : null}
      {plot}
    </PlotCard>
  );
}

function LossCard({ height }: CardProps) {
  const throttled = useThrottledChartTracks(LOSS_INTERVAL_MS);
  const tracks = useDashedTracks(throttled.tracks);
  const version = throttled.version;
  const hoveredK = useView((s) => s.hoveredK);
  const xAxis = useView((s) => s.xAxis);
  const setXAxis = useView((s) => s.setXAxis);
  const shown = useScheduledProps('loss', { tracks, version, hoveredK, xAxis });
  const drawn = shown.tracks.reduce((n, t) => n + t.records.length, 0);
  const plot = useMemo(
    () => (
      <LossPlot tracks={shown.tracks} xAxis={shown.xAxis} hoveredK={shown.hoveredK} onHover={onHover} revision={shown.version} exportName="loss" height={height} />
    ),
    [shown, height],
  );
  return (
    <PlotCard id="loss" title="Loss" testId="plot-loss" data={{ 'data-drawn': drawn, 'data-version': shown.version }}>
      <div className="plot-toolbar" role="group" aria-label="Loss axis">
        <label>
          <input type="radio" name="loss-x" checked={xAxis === 'iteration'} onChange={() => setXAxis('iteration')} /> against iteration
        </label>
        <label>
          <input type="radio" name="loss-x" checked={xAxis === 'time'} onChange={() => setXAxis('time')} /> against wall time
        </label>
      </div>
      {plot}
    </PlotCard>
  );
}

function ParameterCard({ height }: CardProps) {
  const runs = useThrottledRunsVersion(PLANE_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const result = useWorkerView((api) => api.parameterPlaneView(), runs, PLANE_INTERVAL_MS);
  const tracks = useStylesFor(result?.keys);
  const annotations = useAnnotations('parameters');
  const curveScale = usePresetTeaching().parameterScale;
  const shown = useScheduledProps('parameter', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK, annotations, curveScale });
  const plot = useMemo(
    () => (
      <ParameterPlot {...viewProps(shown, 'parameter-space')} curveScale={shown.curveScale} height={height} />
    ),
    [shown, height],
  );
  return (
    <PlotCard id="parameters" title="Parameter space" testId="plot-parameter" data={{ 'data-iterates': shown.ks ? shown.ks.join(',') : '' }}>
      {plot}
    </PlotCard>
  );
}

function FunctionSpaceCard({ height }: CardProps) {
  const runs = useThrottledRunsVersion(PLANE_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const result = useWorkerView((api) => api.functionSpaceView(), runs, PLANE_INTERVAL_MS);
  const tracks = useStylesFor(result?.keys);
  const annotations = useAnnotations('function-space');
  const shown = useScheduledProps('function-space', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK, annotations });
  const plot = useMemo(
    () => (
      <FunctionSpacePlot {...viewProps(shown, 'function-space')} height={height} />
    ),
    [shown, height],
  );
  return (
    <PlotCard id="function-space" title="Function space" testId="plot-function-space" data={{ 'data-iterates': shown.ks ? shown.ks.join(',') : '' }}>
      {plot}
    </PlotCard>
  );
}

/** cond and cos say nothing with one parameter (S is a number, the step is ±the gradient). */
const ONE_PARAMETER_HIDDEN = ['cond', 'cos'];
const NONE_HIDDEN: string[] = [];

function DiagnosticsCard({ height }: CardProps) {
  const throttled = useThrottledChartTracks(DIAGNOSTICS_INTERVAL_MS);
  const tracks = useDashedTracks(throttled.tracks);
  const version = throttled.version;
  const hoveredK = useView((s) => s.hoveredK);
  const p = useRuns((s) => s.p);
  const shown = useScheduledProps('diagnostics', { tracks, version, hoveredK, p });
  const plot = useMemo(
    () => (
      <DiagnosticsPlot
        tracks={shown.tracks}
        hoveredK={shown.hoveredK}
        onHover={onHover}
        revision={shown.version}
        exportName="diagnostics"
        height={height}
        hiddenPanels={shown.p === 1 ? ONE_PARAMETER_HIDDEN : NONE_HIDDEN}
        condCap={shown.p > 0 ? conditionCap(shown.p) : undefined}
      />
    ),
    [shown, height],
  );
  return (
    <PlotCard id="diagnostics" title="Diagnostics" testId="plot-diagnostics">
      {p === 1 ? <p className="plot-note">With one parameter cond(S) is 1 and the cosine ±1: those panels are hidden.</p> : null}
      {plot}
      <p className="plot-legend-note">Ticks under a panel: Newton fallback (cond), failed line search (α), momentum restart (cos).</p>
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

export function PlotsGrid() {
  return (
    <div className="plots-grid">
      <ApproximationCard />
      <LossCard />
      <ParameterCard />
      <FunctionSpaceCard />
      <DiagnosticsCard />
    </div>
  );
}
