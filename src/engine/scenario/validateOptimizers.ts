// Validation of the optimizer list: every field read as the table says (table/optimizer.ts), then the
// rules that tie fields together or to the problem, and unique ids.

import type { LossSpec, OptimizerSpec } from './types';
import { MAX_OPTIMIZERS, MIN_OPTIMIZERS } from './limits';
import { FieldReader, field, isObject } from './fields';
import { OPTIMIZER_FIELDS } from './table/optimizer';
import { readFields } from './table/read';

export function readOptimizers(
  r: FieldReader,
  value: unknown,
  loss: LossSpec | undefined,
): OptimizerSpec[] | undefined {
  const list = r.array(value, 'optimizers');
  if (list === undefined) return undefined;
  if (list.length < MIN_OPTIMIZERS || list.length > MAX_OPTIMIZERS) {
    return r.fail('optimizers', `must list ${MIN_OPTIMIZERS} to ${MAX_OPTIMIZERS} optimizers, got ${list.length}`);
  }
  const specs = list.map((item, i) => readOptimizer(r, item, `optimizers[${i}]`, loss));
  // Duplicates are looked for among the ids as written, also in optimizers with other errors.
  const firstIndex = new Map<string, number>();
  let duplicates = false;
  list.forEach((item, i) => {
    const id = isObject(item) ? field(item, 'id') : undefined;
    if (typeof id !== 'string' || id === '') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, i);
    else {
      duplicates = true;
      r.fail(`optimizers[${i}].id`, `duplicates optimizers[${first}].id '${id}' (ids must be unique)`);
    }
  });
  return specs.every((s): s is OptimizerSpec => s !== undefined) && !duplicates ? specs : undefined;
}

function readOptimizer(
  r: FieldReader,
  value: unknown,
  path: string,
  loss: LossSpec | undefined,
): OptimizerSpec | undefined {
  const o = r.object(value, path);
  if (o === undefined) return undefined;
  const errors = r.errorCount;
  // Momentum options mean nothing to adam and lbfgs: still checked for type, never an error of meaning.
  const { values } = readFields(r, o, path, OPTIMIZER_FIELDS);
  // The table's entries are the fields of OptimizerSpec, each read with its type.
  const spec = values as unknown as OptimizerSpec;
  checkOptimizerRules(r, spec, path, loss);
  if (r.errorCount !== errors || spec.id === undefined || spec.preconditioner === undefined) return undefined;
  return spec;
}

/** Combinations the solvers cannot do (docs/ALGORITHMS.md §3). */
function checkOptimizerRules(
  r: FieldReader,
  o: Partial<OptimizerSpec>,
  path: string,
  loss: LossSpec | undefined,
): void {
  if (o.solver?.kind !== 'lstsq') return;
  if (o.preconditioner === 'identity' || o.preconditioner === 'newton') {
    r.fail(
      `${path}.solver.kind`,
      `'lstsq' solves only the gram and loss-hessian preconditioners (ALGORITHMS §3), not '${o.preconditioner}'`,
    );
  }
  if (o.preconditioner === 'gram' && loss?.kind === 'pde') {
    r.fail(
      `${path}.solver.kind`,
      "'lstsq' with preconditioner 'gram' has no least-squares form for a pde loss (ALGORITHMS §3): use 'cholesky' or 'pinv', or preconditioner 'loss-hessian'",
    );
  }
}
