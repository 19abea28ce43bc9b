// The start θ₀ a click on the exact function-space plot asks for (src/plots/FunctionSpacePlot.tsx): the
// parameters whose coefficients c(θ) are nearest the picked point c*, computed here (the main thread never
// optimises). The search starts from the run's iterates nearest c*, the current θ₀ first, so a drag keeps
// to the branch of M it started on.

import type { RunRecords } from '../src/engine/run';
import { NO_POINTS } from '../src/engine/views/problem';
import { nearestParameters } from '../src/engine/views/nearestParameters';
import { thinIndices } from '../src/engine/views';

/** Recorded iterates of each track tried as starts, at most. */
const CANDIDATES_PER_TRACK = 64;

/** θ with c(θ) nearest `c`; null when there is no run, its space is sampled, or `c` is not a coefficient point. */
export function startNearCoefficients(run: RunRecords | null, c: readonly number[]): number[] | null {
  const first = run?.tracks[0];
  if (!run || !first) return null;
  const problem = run.problem(first.key);
  if (problem.exactSpace === null) return null;
  const model = problem.bindModel(NO_POINTS);
  if (c.length !== model.m || !c.every(Number.isFinite)) return null;
  const candidates: Float64Array[] = [];
  for (const track of run.tracks) {
    const { records, theta } = run.status(track.key);
    let withTheta = 0;
    while (withTheta < records.length && records[withTheta].theta !== undefined) withTheta++;
    for (const i of thinIndices(withTheta, CANDIDATES_PER_TRACK)) candidates.push(records[i].theta!);
    candidates.push(theta);
  }
  const theta = nearestParameters(model, c, candidates);
  return theta.every(Number.isFinite) ? Array.from(theta) : null;
}
