// The Sweep panel's state, apart from its tools: whether it is open, the setup being edited, the sweep that
// runs or ran (its cells arrive one by one) and the announcement counter. The page's first script holds only
// this; what changes it (src/state/sweep.ts: the setups, the worker pool, the link, the CSV) is a chunk
// loaded with the panel, so a page that never sweeps never loads it.

import { create } from 'zustand';
import type { CellResult } from '../engine/sweep/measure';
import type { CellSummary } from '../engine/views/sweepMap';
import type { SweepSetup } from '../engine/sweep/setup';
import type { Sweep } from '../engine/sweep/types';

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

/** One empty list, so that a start with no errors does not re-render what shows them. */
export const NO_ERRORS: string[] = [];

export const useSweep = create<SweepState>()(() => ({
  open: false,
  setup: null,
  errors: NO_ERRORS,
  run: null,
  version: 0,
}));

/** The sweep's tools (src/state/sweep.ts), loaded on first use. */
export function loadSweepTools(): Promise<typeof import('./sweep')> {
  return import('./sweep');
}

/** Whether the address names a sweep (`?sweep=…`: SWEEP_QUERY_KEY of src/engine/sweep/setup.ts, docs/SCENARIO.md "Views of a link"). */
export function addressNamesSweep(search: string): boolean {
  return /(^\?|&)sweep(=|&|$)/.test(search);
}
