// The Sweep panel's store: whether it is open, the setup being edited (axes, iterations, tolerance,
// measure), and the sweep that runs or ran on the worker pool, whose cells arrive one by one. Results are
// kept in a mutable array and announced at most every RESULT_INTERVAL_MS, so that a fast sweep does not
// repaint the page for every cell.

import { create } from 'zustand';
import type { CellResult } from '../engine/sweep/measure';
import type { CellSummary } from '../engine/views/sweepMap';
import { cellScenario } from '../engine/sweep/cells';
import { cellCsvRows, sweepCsvHeader } from '../engine/sweep/csv';
import { checkSetup, defaultSetup, sweepFileOf, type SweepMeasureName, type SweepSetup } from '../engine/sweep/setup';
import type { Sweep } from '../engine/sweep/types';
import { runSweepOnPool, type PoolRun, type SweepWorkerFactory } from '../sweepPool';
import { useScenario } from './scenario';
import { useTolerance } from './tolerance';
import { useView } from './view';

const RESULT_INTERVAL_MS = 100;
/** One empty list, so that a start with no errors does not re-render what shows them. */
const NO_ERRORS: string[] = [];

export type SweepRunStatus = 'running' | 'done' | 'cancelled';

export interface SweepRun {
  sweep: Sweep;
  /** The setup it ran (what a link reopens). */
  setup: SweepSetup;
  /** Cells by number; undefined until finished (filled in place). */
  results: (CellResult | undefined)[];
  /** Their summaries for the maps (computed by the sweep workers), by cell number, filled in place. */
  summaries: (CellSummary | undefined)[];
  done: number;
  total: number;
  startedAt: number;
  /** performance.now() when results were last announced. */
  updatedAt: number;
  /** performance.now() when it finished or was cancelled. */
  endedAt: number | null;
  status: SweepRunStatus;
}

export interface SweepState {
  open: boolean;
  setup: SweepSetup | null;
  /** Why the setup cannot run on the current scenario (empty when it can). */
  errors: string[];
  run: SweepRun | null;
  /** Increases when results were announced. */
  version: number;
}

export interface SweepActions {
  openPanel(setup?: SweepSetup): void;
  closePanel(): void;
  setSetup(setup: SweepSetup): void;
  setMeasure(measure: SweepMeasureName): void;
}

export const useSweep = create<SweepState & SweepActions>()((set, get) => ({
  open: false,
  setup: null,
  errors: NO_ERRORS,
  run: null,
  version: 0,

  openPanel(setup) {
    const chosen =
      setup ?? get().setup ?? defaultSetup(useScenario.getState().valid, useTolerance.getState().tolerance);
    set({ open: true, setup: chosen, errors: NO_ERRORS });
  },
  closePanel() {
    cancelSweep();
    set({ open: false });
  },
  setSetup(setup) {
    set({ setup, errors: NO_ERRORS });
  },
  setMeasure(measure) {
    const setup = get().setup;
    if (setup !== null) set({ setup: { ...setup, measure } });
  },
}));

let pool: PoolRun | null = null;
/** The sweep filling in (the store holds copies of it, one per announcement). */
let live: SweepRun | null = null;
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let workerFactory: SweepWorkerFactory | undefined;

/** Tests and the entry point may give their own worker factory. */
export function setSweepWorkerFactory(factory: SweepWorkerFactory): void {
  workerFactory = factory;
}

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
  const started = runSweepOnPool(
    run.sweep,
    cells,
    ({ result, summary }) => {
      run.results[result.cell] = result;
      run.summaries[result.cell] = summary;
      run.done++;
      if (flushTimer === null) flushTimer = setTimeout(announce, RESULT_INTERVAL_MS);
    },
    workerFactory,
  );
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
