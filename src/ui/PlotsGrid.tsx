// The plot grid: Approximation, Loss, Parameter space, Function space, Diagnostics. One road: records
// come from the runs store, the worker's views from the views store, each card selecting only what it
// draws; every chart redraw goes through the frame scheduler (about one per animation frame, none off
// screen). Hovering any plot sets the shared hoveredK, which every plot highlights.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRuns, type TrackSeries } from '../state/runs';
import { useView } from '../state/view';
import { useViews } from '../state/views';
import type { TrackStyle } from '../plots/types';
import { ApproximationPlot } from '../plots/ApproximationPlot';
import { LossPlot } from '../plots/LossPlot';
import { ParameterPlot } from '../plots/ParameterPlot';
import { FunctionSpacePlot } from '../plots/FunctionSpacePlot';
import { DiagnosticsPlot } from '../plots/DiagnosticsPlot';
import { drawnRecords } from '../plots/records';
import { useScheduledProps } from './frameScheduler';
import { useOnScreen } from './useOnScreen';
import { SweepCard } from './sweep/SweepCard';
import { setStartTheta } from './drag/setStart';

const FALLBACK_STYLE = { optimizerId: '', label: '', color: '#999999' };

/** Styles of the given keys (the order of a view's per-track arrays). */
function useStylesFor(keys: readonly string[] | undefined): TrackStyle[] {
  const styles = useRuns(
    useShallow((s) =>
      (keys ?? []).map((key) => {
        const track = s.tracks[key];
        return track ? `${key}\u0000${track.optimizerId}\u0000${track.label}\u0000${track.color}` : `${key}\u0000\u0000\u0000`;
      }),
    ),
  );
  return useMemo(
    () =>
      styles.map((entry) => {
        const [key, optimizerId, label, color] = entry.split('\u0000');
        return color ? { key, optimizerId, label, color } : { ...FALLBACK_STYLE, key };
      }),
    [styles],
  );
}

/** The tracks with their records, in scenario order (a track's object changes when records arrive). */
function useRecordTracks(): TrackSeries[] {
  return useRuns(useShallow((s) => s.keys.map((key) => s.tracks[key]).filter((t): t is TrackSeries => t !== undefined)));
}

const onHover = (k: number | null) => useView.getState().setHoveredK(k);

function ApproximationCard() {
  const [ref, onScreen] = useOnScreen<HTMLElement>('approximation');
  const result = useViews((s) => s.approximation);
  const hoveredK = useView((s) => s.hoveredK);
  const tracks = useStylesFor(result?.keys);
  const shown = useScheduledProps('approximation', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK }, onScreen);
  const plot = useMemo(
    () => <ApproximationPlot view={shown.view} tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} exportName="approximation" />,
    [shown],
  );
  return (
    <section ref={ref} className="plot-card" data-testid="plot-approximation" data-k={shown.ks ? shown.ks.join(',') : ''}>
      <h2>Approximation</h2>
      {plot}
    </section>
  );
}

function LossCard() {
  const [ref, onScreen] = useOnScreen<HTMLElement>('loss');
  const tracks = useRecordTracks();
  const ensembles = useViews((s) => s.loss?.view ?? null);
  const hoveredK = useView((s) => s.hoveredK);
  const xAxis = useView((s) => s.xAxis);
  const setXAxis = useView((s) => s.setXAxis);
  const shown = useScheduledProps('loss', { tracks, ensembles, hoveredK, xAxis }, onScreen);
  const plot = useMemo(
    () => <LossPlot tracks={shown.tracks} ensembles={shown.ensembles} xAxis={shown.xAxis} hoveredK={shown.hoveredK} onHover={onHover} exportName="loss" />,
    [shown],
  );
  return (
    <section ref={ref} className="plot-card" data-testid="plot-loss" data-drawn={drawnRecords(shown.tracks)}>
      <h2>Loss</h2>
      <div className="plot-toolbar" role="group" aria-label="Loss axis">
        <label>
          <input type="radio" name="loss-x" checked={xAxis === 'iteration'} onChange={() => setXAxis('iteration')} /> against iteration
        </label>
        <label>
          <input type="radio" name="loss-x" checked={xAxis === 'time'} onChange={() => setXAxis('time')} /> against wall time
        </label>
      </div>
      {plot}
    </section>
  );
}

function ParameterCard() {
  const [ref, onScreen] = useOnScreen<HTMLElement>('parameterPlane');
  const result = useViews((s) => s.parameterPlane);
  const hoveredK = useView((s) => s.hoveredK);
  const tracks = useStylesFor(result?.keys);
  const shown = useScheduledProps('parameter', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK }, onScreen);
  const plot = useMemo(
    () => <ParameterPlot view={shown.view} tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} onPickStart={setStartTheta} exportName="parameter-space" />,
    [shown],
  );
  return (
    <section ref={ref} className="plot-card" data-testid="plot-parameter" data-iterates={shown.ks ? shown.ks.join(',') : ''}>
      <h2>Parameter space</h2>
      {plot}
    </section>
  );
}

function FunctionSpaceCard() {
  const [ref, onScreen] = useOnScreen<HTMLElement>('functionSpace');
  const result = useViews((s) => s.functionSpace);
  const hoveredK = useView((s) => s.hoveredK);
  const tracks = useStylesFor(result?.keys);
  const shown = useScheduledProps('function-space', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK }, onScreen);
  const plot = useMemo(
    () => <FunctionSpacePlot view={shown.view} tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} exportName="function-space" />,
    [shown],
  );
  return (
    <section ref={ref} className="plot-card" data-testid="plot-function-space" data-iterates={shown.ks ? shown.ks.join(',') : ''}>
      <h2>Function space</h2>
      {plot}
    </section>
  );
}

function DiagnosticsCard() {
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const tracks = useRecordTracks();
  const hoveredK = useView((s) => s.hoveredK);
  const shown = useScheduledProps('diagnostics', { tracks, hoveredK }, onScreen);
  const plot = useMemo(
    () => <DiagnosticsPlot tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} exportName="diagnostics" />,
    [shown],
  );
  return (
    <section ref={ref} className="plot-card" data-testid="plot-diagnostics">
      <h2>Diagnostics</h2>
      {plot}
    </section>
  );
}

export function PlotsGrid() {
  return (
    <div className="plots-grid">
      <SweepCard />
      <ApproximationCard />
      <LossCard />
      <ParameterCard />
      <FunctionSpaceCard />
      <DiagnosticsCard />
    </div>
  );
}
