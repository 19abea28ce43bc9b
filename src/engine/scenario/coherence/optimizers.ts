// Coherent optimizer edits (pure functions on a draft scenario): new optimizers from the named presets
// with unique ids, a preconditioner change that drops the options it makes meaningless, and solvers a
// problem rules out replaced.

import type { OptimizerSpec, Preconditioner, Scenario } from '../types';
import { optimizerFromPreset, type OptimizerPresetName } from '../optimizerPresets';
import { hasOwnMemory } from '../table/optimizer';

/** A unique optimizer id for a new copy of a named preset ("ngd", "ngd-2", …). */
export function uniqueOptimizerId(existing: readonly OptimizerSpec[], base: string): string {
  const taken = new Set(existing.map((o) => o.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function addOptimizer(s: Scenario, name: OptimizerPresetName): void {
  const id = uniqueOptimizerId(s.optimizers, name);
  const spec = optimizerFromPreset(name, id);
  if (id !== name && spec.label) spec.label = `${spec.label} ${id.slice(name.length + 1)}`;
  s.optimizers.push(spec);
}

/** Optimizer options a problem rules out are replaced by the nearest allowed ones (lstsq + gram has no PDE form). */
export function fitOptimizersToProblem(s: Scenario): void {
  if (s.problem.loss.kind !== 'pde') return;
  for (const o of s.optimizers) {
    if (o.preconditioner === 'gram' && o.solver?.kind === 'lstsq') o.solver = { kind: 'cholesky' };
  }
}

/** Change an optimizer's preconditioner; options it rules out are dropped or replaced (they would only raise errors). */
export function setPreconditioner(s: Scenario, id: string, preconditioner: Preconditioner): void {
  const o = s.optimizers.find((candidate) => candidate.id === id);
  if (o === undefined) return;
  o.preconditioner = preconditioner;
  if (hasOwnMemory(preconditioner)) {
    delete o.momentum;
    delete o.transport;
    delete o.lookahead;
  } else if (o.transport !== undefined && o.transport !== 'parameter' && preconditioner === 'identity') {
    o.transport = 'parameter';
  }
  // lstsq solves only the gram and loss-hessian metrics (and gram not for a PDE).
  if (o.solver?.kind === 'lstsq' && (preconditioner === 'identity' || preconditioner === 'newton'))
    o.solver = { kind: 'cholesky' };
  fitOptimizersToProblem(s);
}
