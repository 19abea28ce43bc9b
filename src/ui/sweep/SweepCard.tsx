// The Sweep panel (plot id `sweep`): the setup, the progress of the cells on the worker pool, and the
// maps of the chosen measure, per optimizer on one colour scale. A click on a cell opens its scenario as
// the live run; the CSV is the command line's, and "Copy sweep file" gives the file `cli sweep` reads.

import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { resolveOptimizer } from '../../engine/scenario/defaults';
import {
  MEASURE_LABELS,
  SWEEP_MEASURES,
  axisChoices,
  checkSetup,
  type SweepMeasureName,
} from '../../engine/sweep/setup';
import { sweepMap } from '../../engine/views/sweepMap';
import { optimizerColor } from '../../style/colors';
import { SweepPlot, type SweepPlotProps } from '../../plots/SweepPlot';
import { closePanel, openPanel, openSweepCell, setMeasure, sweepCsv, sweepFileText } from '../../state/sweep';
import { useSweep, type SweepRun } from '../../state/sweepStore';
import { useScenario } from '../../state/scenario';
import { download } from '../controls/ExportButtons';
import { SelectField } from '../controls/fields';
import { SweepProgress } from './SweepProgress';
import { SweepSetupForm } from './SweepSetupForm';
import { useScheduledProps } from '../../plots/frameScheduler';
import { useOnScreen } from '../useOnScreen';
import './sweep.css';

function plotInputs(sweep: SweepRun['sweep'], setup: SweepRun['setup']): Pick<SweepPlotProps, 'optimizers' | 'axes'> {
  const scenario = sweep.scenario;
  const choices = axisChoices(scenario);
  return {
    optimizers: scenario.optimizers.map((o) => ({
      id: o.id,
      label: resolveOptimizer(o).label,
      color: optimizerColor(o),
    })),
    axes: setup.axes.map((a) => ({
      label: choices.find((c) => c.path === a.path)?.label ?? a.path,
      log: a.scale === 'log',
    })),
  };
}

/** What the maps show: a sweep's cells and their summaries (filled in place as cells arrive). */
interface MapSource {
  sweep: SweepRun['sweep'];
  setup: SweepRun['setup'];
  summaries: SweepRun['summaries'];
}

function SweepResults({ source, measure, version }: { source: MapSource; measure: SweepMeasureName; version: number }) {
  const [cellError, setCellError] = useState<string | null>(null);
  // `version` announces new cells in source.summaries (filled in place).
  const map = useMemo(
    () => (version >= 0 ? sweepMap(source.sweep, source.summaries, measure) : null),
    [source, measure, version],
  );
  const inputs = useMemo(() => plotInputs(source.sweep, source.setup), [source.sweep, source.setup]);
  // Like every chart, the maps redraw through the frame scheduler, and not while off screen.
  const [ref, onScreen] = useOnScreen<HTMLDivElement>();
  const shown = useScheduledProps('sweep', { map }, onScreen).map;
  if (shown === null) return null;
  return (
    <div
      ref={ref}
      className="sweep-results"
      data-testid="sweep-results"
      data-filled={shown.filled}
      data-measure={measure}
    >
      <SweepPlot
        map={shown}
        {...inputs}
        measureLabel={MEASURE_LABELS[measure]}
        onCellClick={(cell) => setCellError(openSweepCell(cell))}
      />
      {cellError !== null ? (
        <div className="field-error" role="alert">
          This cell cannot be opened: {cellError}
        </div>
      ) : null}
    </div>
  );
}

/**
 * Before the first run, the maps of the setup with every cell pending: the grid and its axes show what a
 * run will fill, and starting it repaints cells instead of mounting the maps (no long task at the start).
 */
function usePreview(setup: SweepRun['setup'] | null, enabled: boolean): MapSource | null {
  const scenario = useScenario((s) => s.valid);
  return useMemo(() => {
    if (!enabled || setup === null) return null;
    const checked = checkSetup(scenario, setup);
    if (!checked.ok) return null;
    const cells = checked.sweep.axes.reduce((n, axis) => n * axis.values.length, 1);
    return { sweep: checked.sweep, setup, summaries: new Array<undefined>(cells).fill(undefined) };
  }, [scenario, setup, enabled]);
}

function SweepExports() {
  const run = useSweep((s) => s.run);
  const [file, setFile] = useState<string | null>(null);
  return (
    <div className="sweep-exports">
      <div className="button-row" role="group" aria-label="Export the sweep">
        <button
          type="button"
          className="small"
          data-testid="sweep-export-csv"
          disabled={run === null || run.done === 0}
          onClick={() => run !== null && download(sweepCsv(run), 'sweep.csv', 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="small"
          data-testid="sweep-copy-file"
          onClick={() => {
            const text = sweepFileText();
            setFile(text);
            if (text !== null) void navigator.clipboard?.writeText(text).catch(() => undefined);
          }}
        >
          Copy sweep file
        </button>
      </div>
      {file !== null ? (
        <label className="sweep-file">
          Sweep file for <code>npm run cli -- sweep sweep.json</code> (copied):
          <textarea
            readOnly
            value={file}
            rows={6}
            data-testid="sweep-file"
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
      ) : null}
    </div>
  );
}

/** Apart from the setup, so that arriving cells repaint the maps and the progress only. */
function SweepRunView({ measure, setup }: { measure: SweepMeasureName; setup: SweepRun['setup'] | null }) {
  // The maps follow in a render React may slice and defer, so that starting a sweep (a click) stays short.
  const run = useDeferredValue(useSweep((s) => s.run));
  const preview = usePreview(setup, run === null);
  // Announcements (new cells filled in place) concern the run's maps only.
  const version = useSweep((s) => (run === null ? 0 : s.version));
  const source = run ?? preview;
  return (
    <>
      <SweepProgress />
      {source !== null ? <SweepResults source={source} measure={measure} version={version} /> : null}
      <SweepExports />
    </>
  );
}

export function SweepCard() {
  const open = useSweep((s) => s.open);
  const setup = useSweep((s) => s.setup);
  // Opened without its tools (they could not load at first): the default setup, now that they are here.
  useEffect(() => {
    if (useSweep.getState().setup === null) openPanel();
  }, []);
  if (!open) return null;
  const measure = setup?.measure ?? 'final_loss';
  return (
    <section className="plot-card sweep-card" data-testid="plot-sweep" aria-label="Sweep">
      <div className="sweep-head">
        <h2>Sweep</h2>
        <SelectField
          label="Measure"
          value={measure}
          testId="sweep-measure"
          options={SWEEP_MEASURES.map((m) => ({ value: m, label: MEASURE_LABELS[m] }))}
          onChange={setMeasure}
        />
        <button
          type="button"
          className="small"
          data-testid="sweep-close"
          aria-label="Close the sweep"
          onClick={closePanel}
        >
          ✕ Close
        </button>
      </div>
      {setup === null ? (
        <p className="note">This scenario has no field a sweep can vary.</p>
      ) : (
        <SweepSetupForm setup={setup} />
      )}
      <SweepRunView measure={measure} setup={setup} />
    </section>
  );
}
