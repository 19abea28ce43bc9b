// The Sweep panel's tools (a chunk loaded with the panel; its state is src/state/sweepStore.ts): opening
// and editing the setup, and the sweep that runs on the run worker's pool, whose cells arrive one by one. Results
// are kept in a mutable array and announced at most every RESULT_INTERVAL_MS, so that a fast sweep does not
// repaint the page for every cell.

import type { SweepMeasureName, SweepSetup } from '../engine/sweep/setup';
import { cellScenario } from '../engine/sweep/cells';
import { cellCsvRows, sweepCsvHeader } from '../engine/sweep/csv';
import { checkSetup, defaultSetup, sweepFileOf } from '../engine/sweep/setup';
import type { SweepHandle } from '../workerClient';
import { runSweep } from './runner';
import { useScenario } from './scenario';
import { useTolerance } from './tolerance';
import { useView } from './view';
import { NO_ERRORS, useSweep, type SweepRun, type SweepRunStatus } from './sweepStore';
import { setupFromLocation, syncSweepToLocation } from './sweepLink';

const RESULT_INTERVAL_MS = 100;

// From the first use of the tools on, the address names the sweep shown (the panel opens only through them).
syncSweepToLocation();

/** Open the panel with `setup`, the one edited before, or the scenario's default one. */
export function openPanel(setup?: SweepSetup): void {
  const chosen =
    setup ?? useSweep.getState().setup ?? defaultSetup(useScenario.getState().valid, useTolerance.getState().tolerance);
  useSweep.setState({ open: true, setup: chosen, errors: NO_ERRORS });
}

/** Open and run the sweep the address names, if any (after the scenario of the link was opened). */
export function openSweepFromLocation(): void {
  const named = setupFromLocation();
  if (named === null) return;
  openPanel(named.setup ?? undefined);
  if (named.errors.length > 0) useSweep.setState({ errors: named.errors });
  else startSweep();
}

/** A gallery preset's sweep (src/engine/scenario/presetSweeps.ts): open the panel with it and run it. */
export function openAndRun(setup: SweepSetup): void {
  openPanel(setup);
  setSetup(setup);
  startSweep();
}

export function closePanel(): void {
  cancelSweep();
  useSweep.setState({ open: false });
}

export function setSetup(setup: SweepSetup): void {
  useSweep.setState({ setup, errors: NO_ERRORS });
}

export function setMeasure(measure: SweepMeasureName): void {
  const setup = useSweep.getState().setup;
  if (setup !== null) useSweep.setState({ setup: { ...setup, measure } });
}

let pool: SweepHandle | null = null;
/** The sweep filling in (the store holds copies of it, one per announcement). */
let live: SweepRun | null = null;
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function announce(): void {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  const run = live;
  if (run === null) return;
  run.updatedAt = performance.now();
  useSweep.setState({ run: { ...run }, version: useSweep.getState().version + 1 });
}

function end(status: SweepRunStatus): void {
  const run = live;
  if (run !== null && run.status === 'running') {
    run.status = status;
    run.endedAt = performance.now();
  }
  announce();
}

/** Start the panel's setup on the current scenario; false (with the reasons in `errors`) when it cannot. */
export function startSweep(): boolean {
  cancelSweep();
  const { setup } = useSweep.getState();
  if (setup === null) return false;
  const checked = checkSetup(useScenario.getState().valid, setup);
  if (!checked.ok) {
    useSweep.setState({ errors: checked.errors });
    return false;
  }
  const sweep = checked.sweep;
  const total = sweep.axes.reduce((n, axis) => n * axis.values.length, 1);
  const run: SweepRun = {
    sweep,
    setup,
    results: new Array(total).fill(undefined),
    summaries: new Array(total).fill(undefined),
    done: 0,
    total,
    startedAt: performance.now(),
    updatedAt: performance.now(),
    endedAt: null,
    status: 'running',
  };
  live = run;
  useSweep.setState({ run: { ...run }, errors: NO_ERRORS, version: useSweep.getState().version + 1 });
  const cells = Array.from({ length: total }, (_, i) => i);
  // The workers start in a task of their own (the click's task already renders the empty maps).
  setTimeout(() => launch(run, cells), 0);
  return true;
}

function launch(run: SweepRun, cells: number[]): void {
  if (live !== run || run.status !== 'running') return;
  const started = runSweep(run.sweep, cells, ({ result, summary }) => {
    run.results[result.cell] = result;
    run.summaries[result.cell] = summary;
    run.done++;
    if (flushTimer === null) flushTimer = setTimeout(announce, RESULT_INTERVAL_MS);
  });
  pool = started;
  void started.finished.then((how) => {
    if (pool === started) pool = null;
    if (live === run) end(how);
  });
}

export function cancelSweep(): void {
  const running = pool;
  pool = null;
  running?.cancel();
  if (live?.status === 'running') end('cancelled');
}

/** Open one cell's scenario as the live run (a new history entry, so Back returns). */
export function openSweepCell(cell: number): string | null {
  const run = useSweep.getState().run;
  if (run === null) return 'no sweep has run';
  const built = cellScenario(run.sweep, cell);
  if (!built.ok) return built.message;
  useView.getState().setPlaying(true);
  useScenario.getState().load(structuredClone(built.scenario), null);
  return null;
}

/** The CSV of the finished cells, in cell order: the command line's format (src/engine/sweep/csv.ts). */
export function sweepCsv(run: SweepRun): string {
  let text = sweepCsvHeader(run.sweep);
  for (const result of run.results) if (result !== undefined) text += cellCsvRows(result);
  return text;
}

/** The sweep file of the panel's setup on the current scenario, for `npm run cli -- sweep`. */
export function sweepFileText(): string | null {
  const { setup } = useSweep.getState();
  return setup === null ? null : `${JSON.stringify(sweepFileOf(useScenario.getState().valid, setup), null, 2)}\n`;
}
