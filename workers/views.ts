// Views of the current run, computed in the worker (src/engine/views) and pushed to the main thread with
// the records: each view is recomputed when the records it shows advanced or the request changed, one
// view per turn (so a pause or a new scenario is answered between two views), and views take at most
// 15 % of the worker's time (the rest steps the run). Views use a problem of their own, built from the
// run's scenario, so that evaluating plot grids never touches the buffers or the resampling state of a
// track's objective.

import type { RunRecords } from '../src/engine/run';
import {
  approximationView,
  DEFAULT_TOLERANCE,
  functionSpaceView,
  lossView,
  parameterPlaneView,
  thinIndices,
  trackNotesView,
  viewProblemOf,
  type ViewProblem,
} from '../src/engine/views';
import { parameterNames } from '../src/engine/models';
import { problemInputDim } from '../src/engine/problems/build';
import type { TrackView, ViewKind, ViewRequest, ViewUpdate } from './protocol';
import { ensembleApproximation, ensembleStatus } from './ensembleView';
import { withContourRings } from './contourRings';

/** Plane views draw every iterate they get: long runs are thinned to this many per track. */
export const PLANE_ITERATES = 160;
/** Views may use this share of the worker's time (the rest steps the run). */
const VIEW_SHARE = 0.15;

const viewProblems = new WeakMap<RunRecords, ViewProblem>();

function viewProblem(run: RunRecords): ViewProblem {
  let problem = viewProblems.get(run);
  if (!problem) {
    problem = viewProblemOf(run.scenario);
    viewProblems.set(run, problem);
  }
  return problem;
}

/** θ of each track at iteration k (its last iterate when k is null or beyond its records). */
function thetasAt(run: RunRecords, k: number | null): { keys: string[]; ks: number[]; thetas: Float64Array[] } {
  const keys: string[] = [];
  const ks: number[] = [];
  const thetas: Float64Array[] = [];
  for (const track of run.tracks) {
    const status = run.status(track.key);
    const n = status.records.length;
    const index = n === 0 ? -1 : k === null ? n - 1 : Math.max(0, Math.min(n - 1, Math.floor(k)));
    const theta = index >= 0 ? (status.records[index].theta ?? status.theta) : status.theta;
    keys.push(track.key);
    ks.push(index >= 0 ? status.records[index].k : 0);
    thetas.push(theta);
  }
  return { keys, ks, thetas };
}

/** The iterates of every track (thinned; θ_0 alone before any record; the last θ when p > 1000). */
function trajectories(run: RunRecords): {
  keys: string[];
  ks: number[];
  paths: Float64Array[][];
  indices: Int32Array[];
} {
  const keys: string[] = [];
  const ks: number[] = [];
  const paths: Float64Array[][] = [];
  const indices: Int32Array[] = [];
  for (const track of run.tracks) {
    const status = run.status(track.key);
    const records = status.records;
    // θ is recorded for a prefix of the records (the run's θ-history cap depends on k alone).
    let withThetaCount = 0;
    while (withThetaCount < records.length && records[withThetaCount].theta !== undefined) withThetaCount++;
    const withTheta = withThetaCount > 0;
    const chosen = withTheta
      ? thinIndices(withThetaCount, PLANE_ITERATES)
      : Int32Array.of(Math.max(0, records.length - 1));
    const path: Float64Array[] = [];
    for (const i of chosen) path.push(withTheta ? records[i].theta! : status.theta);
    keys.push(track.key);
    ks.push(records.length);
    paths.push(path);
    // Record index i holds iteration k = i (records are numbered from 0 without gaps).
    indices.push(withTheta ? chosen : Int32Array.of(records.length > 0 ? records[records.length - 1].k : 0));
  }
  return { keys, ks, paths, indices };
}

/** Views number iterates by their position in the given path: map them back to iterations. */
function remapIterations<V extends { trajectories: { k: Int32Array }[] }>(view: V, indices: Int32Array[]): V {
  view.trajectories.forEach((trajectory, t) => {
    const map = indices[t];
    if (!map) return;
    const k = new Int32Array(trajectory.k.length);
    for (let i = 0; i < k.length; i++) k[i] = map[trajectory.k[i]] ?? trajectory.k[i];
    trajectory.k = k;
  });
  return view;
}

/** Each view of the run, as a function of the run and the request. */
export const VIEW_BUILDERS = {
  approximation(run: RunRecords, request: ViewRequest): TrackView<'approximation'> {
    const { keys, ks, thetas } = thetasAt(run, request.hoveredK);
    return ensembleApproximation(run, { keys, ks, view: approximationView(viewProblem(run), thetas) });
  },
  parameterPlane(run: RunRecords): TrackView<'parameterPlane'> {
    const { keys, ks, paths, indices } = trajectories(run);
    const names = parameterNames(run.scenario.model, problemInputDim(run.scenario));
    return {
      keys,
      ks,
      view: withContourRings(
        remapIterations(parameterPlaneView(viewProblem(run), paths, undefined, { parameterNames: names }), indices),
      ),
    };
  },
  functionSpace(run: RunRecords): TrackView<'functionSpace'> {
    const { keys, ks, paths, indices } = trajectories(run);
    return { keys, ks, view: withContourRings(remapIterations(functionSpaceView(viewProblem(run), paths), indices)) };
  },
  loss(run: RunRecords): TrackView<'loss'> {
    const members = run.tracks.map((t) => ({ optimizerId: t.optimizerId, records: run.status(t.key).records }));
    return { keys: run.tracks.map((t) => t.key), ks: members.map((m) => m.records.length), view: lossView(members) };
  },
  trackNotes(run: RunRecords): TrackView<'trackNotes'> {
    const tracks = run.tracks.map((t) => {
      const { records, stopReason } = run.status(t.key);
      return { key: t.key, records, stopReason };
    });
    return { keys: tracks.map((t) => t.key), ks: tracks.map((t) => t.records.length), view: trackNotesView(tracks) };
  },

  ensemble(run: RunRecords, request: ViewRequest): TrackView<'ensemble'> {
    return ensembleStatus(run, request.tolerance);
  },
};

export const VIEW_KINDS = Object.keys(VIEW_BUILDERS) as ViewKind[];

/** What a view was last computed from: the records stepped and, for the approximation, the hovered k. */
function viewStamp(kind: ViewKind, steps: number, request: ViewRequest): string {
  if (kind === 'approximation') return `${steps}:${request.hoveredK ?? 'latest'}`;
  return kind === 'ensemble' ? `${steps}:${request.tolerance}` : String(steps);
}

export class ViewScheduler {
  private request: ViewRequest = { hoveredK: null, tolerance: DEFAULT_TOLERANCE, wanted: [...VIEW_KINDS] };
  private stamps = new Map<ViewKind, string>();
  private allowedAt = 0;
  private turn = 0;

  reset(): void {
    this.stamps.clear();
    this.allowedAt = 0;
  }

  setRequest(request: ViewRequest): void {
    // A new hovered iteration puts the approximation first: the pointer is waiting for it.
    if (request.hoveredK !== this.request.hoveredK) this.turn = Math.max(0, request.wanted.indexOf('approximation'));
    this.request = { ...request, wanted: [...request.wanted] };
  }

  /** A wanted view is out of date (the caller schedules a turn for it). */
  stale(steps: number): boolean {
    return this.request.wanted.some((kind) => this.stamps.get(kind) !== viewStamp(kind, steps, this.request));
  }

  /** The next out-of-date view, computed now, or null (none stale, or views used their share of time). */
  next(run: RunRecords, steps: number, now: () => number): ViewUpdate | null {
    if (now() < this.allowedAt) return null;
    const wanted = this.request.wanted;
    for (let i = 0; i < wanted.length; i++) {
      const kind = wanted[(this.turn + i) % wanted.length];
      const stamp = viewStamp(kind, steps, this.request);
      if (this.stamps.get(kind) === stamp) continue;
      this.turn = (this.turn + i + 1) % wanted.length;
      const started = now();
      const update = { kind, view: VIEW_BUILDERS[kind](run, this.request) } as ViewUpdate;
      this.stamps.set(kind, stamp);
      this.allowedAt = now() + ((now() - started) * (1 - VIEW_SHARE)) / VIEW_SHARE;
      return update;
    }
    return null;
  }

  /**
   * Every out-of-date wanted view, computed now whatever the time share: a run that just finished posts
   * them before its last batch, so that a page seeing `done` has the views of the final records (the
   * loss view's clipped top, the coincidence dashes) and its charts do not change afterwards.
   */
  allStale(run: RunRecords, steps: number): ViewUpdate[] {
    const updates: ViewUpdate[] = [];
    for (const kind of this.request.wanted) {
      const stamp = viewStamp(kind, steps, this.request);
      if (this.stamps.get(kind) === stamp) continue;
      updates.push({ kind, view: VIEW_BUILDERS[kind](run, this.request) } as ViewUpdate);
      this.stamps.set(kind, stamp);
    }
    return updates;
  }

  /** When the next view may be computed (ms, the clock of `next`). */
  get nextAllowed(): number {
    return this.allowedAt;
  }
}
