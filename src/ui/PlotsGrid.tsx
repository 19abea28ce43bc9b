// The plot grid: Approximation, Loss, Parameter space, Function space, Diagnostics. Each card selects
// only what it draws; worker-computed geometry arrives through useWorkerView; every chart redraw goes
// through the frame scheduler (one chart per task), so neither streaming nor a click in the controls
// makes a long main-thread task. Hovering any plot sets the shared hoveredK, which every plot highlights.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRuns } from '../state/runs';
import { useView } from '../state/view';
import type { TrackStyle } from '../plots/types';
import { ApproximationPlot } from '../plots/ApproximationPlot';
import { LossPlot } from '../plots/LossPlot';
import { ParameterPlot } from '../plots/ParameterPlot';
import { FunctionSpacePlot } from '../plots/FunctionSpacePlot';
import { DiagnosticsPlot } from '../plots/DiagnosticsPlot';
import { useWorkerView } from './useWorkerView';
import { useThrottledChartTracks, useThrottledRunsVersion } from './recordTracks';
import { useScheduledProps } from './frameScheduler';
import { SweepCard } from './sweep/SweepCard';
import { setStartTheta } from './drag/setStart';

/** Views of the parameter and function planes are recomputed at most this often while running. */
const PLANE_INTERVAL_MS = 500;
const APPROXIMATION_INTERVAL_MS = 100;
/** Record-driven charts refresh at most this often (batches arrive about every 16 ms). */
const LOSS_INTERVAL_MS = 100;
const DIAGNOSTICS_INTERVAL_MS = 300;

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

const onHover = (k: number | null) => useView.getState().setHoveredK(k);

function ApproximationCard() {
  const runs = useThrottledRunsVersion(APPROXIMATION_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const trigger = `${runs}:${hoveredK === null ? 'latest' : `k${hoveredK}`}`;
  const result = useWorkerView((api) => api.approximationView(hoveredK), trigger, APPROXIMATION_INTERVAL_MS);
  const tracks = useStylesFor(result?.keys);
  const shown = useScheduledProps('approximation', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK });
  const plot = useMemo(
    () => <ApproximationPlot view={shown.view} tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} exportName="approximation" />,
    [shown],
  );
  return (
    <section className="plot-card" data-testid="plot-approximation" data-k={shown.ks ? shown.ks.join(',') : ''}>
      <h2>Approximation</h2>
      {plot}
    </section>
  );
}

function LossCard() {
  const { tracks, version } = useThrottledChartTracks(LOSS_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const xAxis = useView((s) => s.xAxis);
  const setXAxis = useView((s) => s.setXAxis);
  const shown = useScheduledProps('loss', { tracks, version, hoveredK, xAxis });
  const drawn = shown.tracks.reduce((n, t) => n + t.records.length, 0);
  const plot = useMemo(
    () => (
      <LossPlot tracks={shown.tracks} xAxis={shown.xAxis} hoveredK={shown.hoveredK} onHover={onHover} revision={shown.version} exportName="loss" />
    ),
    [shown],
  );
  return (
    <section className="plot-card" data-testid="plot-loss" data-drawn={drawn} data-version={shown.version}>
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
  const runs = useThrottledRunsVersion(PLANE_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const result = useWorkerView((api) => api.parameterPlaneView(), runs, PLANE_INTERVAL_MS);
  const tracks = useStylesFor(result?.keys);
  const shown = useScheduledProps('parameter', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK });
  const plot = useMemo(
    () => <ParameterPlot view={shown.view} tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} onPickStart={setStartTheta} exportName="parameter-space" />,
    [shown],
  );
  return (
    <section className="plot-card" data-testid="plot-parameter" data-iterates={shown.ks ? shown.ks.join(',') : ''}>
      <h2>Parameter space</h2>
      {plot}
    </section>
  );
}

function FunctionSpaceCard() {
  const runs = useThrottledRunsVersion(PLANE_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const result = useWorkerView((api) => api.functionSpaceView(), runs, PLANE_INTERVAL_MS);
  const tracks = useStylesFor(result?.keys);
  const shown = useScheduledProps('function-space', { view: result?.view ?? null, ks: result?.ks, tracks, hoveredK });
  const plot = useMemo(
    () => <FunctionSpacePlot view={shown.view} tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} exportName="function-space" />,
    [shown],
  );
  return (
    <section className="plot-card" data-testid="plot-function-space" data-iterates={shown.ks ? shown.ks.join(',') : ''}>
      <h2>Function space</h2>
      {plot}
    </section>
  );
}

function DiagnosticsCard() {
  const { tracks, version } = useThrottledChartTracks(DIAGNOSTICS_INTERVAL_MS);
  const hoveredK = useView((s) => s.hoveredK);
  const shown = useScheduledProps('diagnostics', { tracks, version, hoveredK });
  const plot = useMemo(
    () => <DiagnosticsPlot tracks={shown.tracks} hoveredK={shown.hoveredK} onHover={onHover} revision={shown.version} exportName="diagnostics" />,
    [shown],
  );
  return (
    <section className="plot-card" data-testid="plot-diagnostics">
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
