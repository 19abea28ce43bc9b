// View requests answered in the worker: plot geometry from the current run (src/engine/views). Views use a
// problem of their own, built from the run's scenario, so that evaluating plot grids never touches the
// buffers or the resampling state of a track's objective. Results are structured-cloned (small), not
// transferred: they may share arrays the views cache.

import type { Run } from '../src/engine/run';
import { buildProblem, type BuiltProblem } from '../src/engine/problems/build';
import {
  approximationView, functionSpaceView, parameterPlaneView,
  type ApproximationView, type FunctionSpaceView, type ParameterPlaneView,
} from '../src/engine/views';
import { parameterNames } from '../src/engine/models';
import { problemInputDim } from '../src/engine/problems/build';
import { ensembleApproximation } from './ensembleView';

/** A view with the track keys its per-track arrays follow and the iteration each track is shown at. */
export interface TrackView<V> {
  keys: string[];
  /** Per track: the iteration whose θ the view shows (approximation), or the number of iterates (planes). */
  ks: number[];
  view: V;
}

const viewProblems = new WeakMap<Run, BuiltProblem>();

function viewProblem(run: Run): BuiltProblem {
  let problem = viewProblems.get(run);
  if (!problem) {
    problem = buildProblem(run.scenario);
    viewProblems.set(run, problem);
  }
  return problem;
}

/** θ of each track at iteration k (its last iterate when k is null or beyond its records). */
function thetasAt(run: Run, k: number | null): { keys: string[]; ks: number[]; thetas: Float64Array[] } {
  const keys: string[] = [];
  const ks: number[] = [];
  const thetas: Float64Array[] = [];
  for (const track of run.tracks) {
    const status = run.status(track.key);
    const n = status.records.length;
    const index = n === 0 ? -1 : k === null ? n - 1 : Math.max(0, Math.min(n - 1, Math.floor(k)));
    const theta = index >= 0 ? status.records[index].theta ?? status.theta : status.theta;
    keys.push(track.key);
    ks.push(index >= 0 ? status.records[index].k : 0);
    thetas.push(theta);
  }
  return { keys, ks, thetas };
}

/** Plane views draw every iterate they get: long runs are thinned to this many per track. */
const MAX_PLANE_ITERATES = 160;
/** The first iterations are kept densely (that is where methods differ most). */
const DENSE_HEAD = 60;

/** Record indices to draw for a track of n records: all when few, else a dense head and a spread tail. */
export function planeIndices(n: number, max = MAX_PLANE_ITERATES, head = DENSE_HEAD): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const tail = max - head;
  const out = new Int32Array(max);
  for (let i = 0; i < head; i++) out[i] = i;
  for (let j = 0; j < tail; j++) out[head + j] = head + Math.round((j * (n - 1 - head)) / (tail - 1));
  return out;
}

/** The iterates of every track (thinned; θ_0 alone before any record; the last θ when p > 1000). */
function trajectories(run: Run): { keys: string[]; ks: number[]; paths: Float64Array[][]; indices: Int32Array[] } {
  const keys: string[] = [];
  const ks: number[] = [];
  const paths: Float64Array[][] = [];
  const indices: Int32Array[] = [];
  for (const track of run.tracks) {
    const status = run.status(track.key);
    const records = status.records;
    const withTheta = records.length > 0 && records[0].theta !== undefined;
    const chosen = withTheta ? planeIndices(records.length) : Int32Array.of(Math.max(0, records.length - 1));
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

export function createViewApi(currentRun: () => Run | null) {
  return {
    approximationView(k: number | null): TrackView<ApproximationView> | null {
      const run = currentRun();
      if (!run) return null;
      const { keys, ks, thetas } = thetasAt(run, k);
      return ensembleApproximation(run, { keys, ks, view: approximationView(viewProblem(run), thetas) });
    },

    parameterPlaneView(resolution?: number): TrackView<ParameterPlaneView> | null {
      const run = currentRun();
      if (!run) return null;
      const problem = viewProblem(run);
      const { keys, ks, paths, indices } = trajectories(run);
      const names = parameterNames(run.scenario.model, problemInputDim(run.scenario));
      return { keys, ks, view: remapIterations(parameterPlaneView(problem, paths, resolution, { parameterNames: names }), indices) };
    },

    functionSpaceView(resolution?: number): TrackView<FunctionSpaceView> | null {
      const run = currentRun();
      if (!run) return null;
      const { keys, ks, paths, indices } = trajectories(run);
      const options = resolution === undefined ? undefined : { resolution };
      return { keys, ks, view: remapIterations(functionSpaceView(viewProblem(run), paths, options), indices) };
    },
  };
}
