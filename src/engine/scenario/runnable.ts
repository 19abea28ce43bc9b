// Everything validation accepts must run: the conditions under which building a run would throw, or
// start from non-finite data, are checked here and reported as field errors — an exact space's expression
// target must be finite where it is projected, a sampled target (and its x-derivative for h1, a Poisson
// source) finite at the quadrature points, derivatives within the node budget — and then the cost of the
// whole run (cost.ts), checked first. validateScenario calls checkRunnable last, on an otherwise valid
// scenario.

import type { Scenario } from './types';
import type { FieldError } from './fields';
import { checkCost, type CostOptions } from './cost';
import { pdeDomain } from '../problems/pde';
import { quadraturePoints } from '../problems/quadrature';
import {
  compileTarget,
  compileTargetDerivative,
  exactProjectionPoints,
  firstNonFinitePoint,
  type PointFunction,
} from '../problems/targets';
import type { PointSet } from '../models/model';

export type { CostOptions } from './cost';

export function checkRunnable(scenario: Scenario, options: CostOptions = {}): FieldError[] {
  try {
    // Cost first: it is analytic, while checking the targets builds the quadrature (O(m²) for Gauss–Legendre).
    const errors = checkCost(scenario, options);
    return errors.length > 0 ? errors : checkTargets(scenario);
  } catch (error) {
    // A bug here must not take the page down: report it as an error of the scenario.
    return [
      { path: 'scenario', message: `could not be checked (${error instanceof Error ? error.message : String(error)})` },
    ];
  }
}

/** A compile error or the first non-finite value of fn at the points, as a field error. */
function finiteAt(path: string, compile: () => PointFunction, points: PointSet, where: string): FieldError[] {
  let fn: PointFunction;
  try {
    fn = compile();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ path, message: message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message }];
  }
  const bad = firstNonFinitePoint(fn, points);
  return bad === null ? [] : [{ path, message: `is not finite ${where}: ${bad}` }];
}

function checkTargets(scenario: Scenario): FieldError[] {
  const { problem } = scenario;
  const target = problem.target;
  const loss = problem.loss;
  if (problem.space === 'exact') {
    if (target?.kind !== 'expression') return [];
    return finiteAt(
      'problem.target.expr',
      () => compileTarget(target.expr, 1),
      exactProjectionPoints(),
      'on [−1, 1], where it is projected',
    );
  }
  const quadrature = problem.quadrature ?? { kind: 'grid' as const, m: 200 };
  if (loss.kind === 'pde') {
    if (loss.equation !== 'poisson' || loss.f === undefined) return [];
    const f = loss.f;
    const points = quadraturePoints(quadrature, [pdeDomain(loss, problem.domain[0])], 0);
    return finiteAt('problem.loss.f', () => compileTarget(f, 1, 'problem.loss.f'), points, 'at a quadrature point');
  }
  if (target?.kind !== 'expression') return [];
  const points = quadraturePoints(quadrature, problem.domain, 0);
  const errors = finiteAt(
    'problem.target.expr',
    () => compileTarget(target.expr, problem.domain.length),
    points,
    'at a quadrature point',
  );
  if (errors.length > 0 || loss.kind !== 'h1') return errors;
  return finiteAt(
    'problem.target.expr',
    () => compileTargetDerivative(target.expr),
    points,
    '(its x-derivative, which the h1 loss fits) at a quadrature point',
  );
}
