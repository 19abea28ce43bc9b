// View budgets from sizes, never from timing: the same scenario gives the same views on every machine.
// Work is counted in point·parameter units: one loss (or one model evaluation) at m points of a
// p-parameter model costs about m·p.

import type { ViewProblem } from './problem';

/** Work one view may spend on evaluations (about 20–40 ms for an MLP in a browser of the 2020s). */
export const VIEW_WORK = 1e6;

/** The work of one loss or model evaluation of `problem`. */
export function evaluationCost(problem: Pick<ViewProblem, 'points' | 'p'>): number {
  return Math.max(1, problem.points?.m ?? 1) * Math.max(1, problem.p);
}

/** Evaluations affordable with `share` of VIEW_WORK. */
export function affordableEvaluations(problem: Pick<ViewProblem, 'points' | 'p'>, share = 1): number {
  return Math.floor((share * VIEW_WORK) / evaluationCost(problem));
}

/** A grid resolution whose resolution² evaluations fit in VIEW_WORK, clamped to [min, max]. */
export function gridResolution(problem: Pick<ViewProblem, 'points' | 'p'>, min: number, max = 60): number {
  return Math.min(max, Math.max(min, Math.floor(Math.sqrt(affordableEvaluations(problem)))));
}
