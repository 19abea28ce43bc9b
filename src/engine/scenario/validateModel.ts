// Validation of the model (docs/SCENARIO.md "model"): its kind against the problem, then the fields of
// that kind as the table says (table/model.ts), a toy's matrices, a network's widths, a formula's names.

import type { Activation, LossSpec, ModelSpec, RomModelSpec, Target, ToyName, ToyParams } from './types';
import { KDV_DEFAULTS, romConfigOf } from '../rom/config';
import { checkExpressionModel } from '../models/expression';
import {
  EXACT_SPACE_DIMENSION,
  MAX_EXPRESSION_LENGTH,
  MAX_ID_LENGTH,
  MAX_MLP_LAYERS,
  MAX_PARAMETERS,
  MAX_TOY_PARAMETERS,
  MIN_MLP_LAYERS,
} from './limits';
import { FieldReader, describe, field, type JsonObject } from './fields';
import {
  ACTIVATION,
  CURVE_FIELDS,
  LAYER_WIDTH,
  LINEAR_FIELDS,
  MLP_OUTPUT,
  MODEL_KIND,
  ROM_FIELDS,
  TENSOR_FIELDS,
  TOY_NAME,
} from './table/model';
import { readFields, readScalar } from './table/read';
import type { ScenarioScalar } from './table/scenarioSpec';
import type { ProblemFacts } from './validateProblem';

export function readModel(r: FieldReader, value: unknown, facts: ProblemFacts): ModelSpec | undefined {
  const o = r.object(value, 'model');
  if (o === undefined) return undefined;
  const kind = readScalar(r, field(o, 'kind'), 'model.kind', MODEL_KIND) as ModelSpec['kind'] | undefined;
  if (kind === undefined) return undefined;
  const errors = r.errorCount;
  if (facts.space === 'exact' && kind !== 'toy')
    r.fail('model.kind', `an exact space needs a toy model, got '${kind}'`);
  if (facts.space === 'sampled' && kind === 'toy')
    r.fail('model.kind', "toy models need an exact space (problem.space 'exact')");
  if (facts.loss?.kind === 'pde' && kind !== 'mlp') {
    r.fail('model.kind', `pde losses need an mlp model (the ansatz wraps it), got '${kind}'`);
  }
  if (facts.target?.kind === 'kdv' && kind !== 'rom')
    r.fail('model.kind', `the KdV state is reconstructed by a rom model, got '${kind}'`);
  if (kind === 'rom' && facts.space === 'sampled' && facts.target !== undefined && facts.target.kind !== 'kdv') {
    r.fail(
      'model.kind',
      `rom models reconstruct a KdV state (problem.target.kind 'kdv'), got a ${facts.target.kind} target`,
    );
  }
  if (facts.loss?.kind === 'cross-entropy' && kind !== 'mlp') {
    r.fail('model.kind', `the cross-entropy loss needs an mlp model with output 'sigmoid', got '${kind}'`);
  }
  const inputDim = facts.space === 'sampled' ? facts.inputDim : undefined;
  const inputs = inputDim === undefined ? '' : describeInputs(inputDim, facts.target);
  let model: ModelSpec | undefined;
  switch (kind) {
    case 'toy':
      model = readToy(r, o);
      break;
    case 'linear':
    case 'tensor':
      model = readFixedInputModel(r, o, kind, inputDim, inputs);
      break;
    case 'mlp':
      model = readMlp(r, o, inputDim, inputs, facts.loss);
      break;
    case 'expression':
      model = readExpressionModel(r, o, inputDim, inputs);
      break;
    case 'rom':
      model = readKindFields(r, o, kind, ROM_FIELDS);
      if (model?.kind === 'rom') checkRomSizes(r, model, facts.target);
      break;
  }
  return r.errorCount === errors ? model : undefined;
}

function describeInputs(inputDim: number, target: Target | undefined): string {
  const source = target?.kind === 'dataset' ? `the ${target.name} dataset` : 'the domain';
  return `${inputDim} from ${source}`;
}

function readToy(r: FieldReader, o: JsonObject): ModelSpec | undefined {
  const name = readScalar(r, field(o, 'name'), 'model.name', TOY_NAME) as ToyName | undefined;
  const paramsValue = field(o, 'params');
  if (paramsValue === undefined) return name === undefined ? undefined : { kind: 'toy', name };
  const po = r.object(paramsValue, 'model.params');
  if (po === undefined) return undefined;
  const params: ToyParams = {};
  let ok = true;
  const BValue = field(po, 'B');
  let p = EXACT_SPACE_DIMENSION;
  if (BValue !== undefined) {
    const B = r.matrix(BValue, 'model.params.B', undefined, EXACT_SPACE_DIMENSION, MAX_TOY_PARAMETERS);
    if (B === undefined) ok = false;
    else {
      params.B = B;
      p = B.length;
    }
  }
  const QValue = field(po, 'Q');
  if (QValue !== undefined) {
    const Q = ok ? readToyQ(r, QValue, p) : undefined;
    if (Q === undefined) ok = false;
    else params.Q = Q;
  }
  const curve = readFields(r, po, 'model.params', CURVE_FIELDS);
  if (name === undefined || !ok || !curve.ok) return undefined;
  return { kind: 'toy', name, params: { ...params, ...curve.values } };
}

/** Q[i][j][l]: p × 2 × p. */
function readToyQ(r: FieldReader, value: unknown, p: number): number[][][] | undefined {
  const list = r.array(value, 'model.params.Q');
  if (list === undefined) return undefined;
  if (list.length !== p)
    return r.fail(
      'model.params.Q',
      `must be ${p} × ${EXACT_SPACE_DIMENSION} × ${p} (p = rows of B), got ${list.length} rows`,
    );
  const Q: number[][][] = [];
  let ok = true;
  list.forEach((slice, i) => {
    const m = r.matrix(slice, `model.params.Q[${i}]`, EXACT_SPACE_DIMENSION, p);
    if (m === undefined) ok = false;
    else Q.push(m);
  });
  return ok ? Q : undefined;
}

function readMlp(
  r: FieldReader,
  o: JsonObject,
  inputDim: number | undefined,
  inputs: string,
  loss: LossSpec | undefined,
): ModelSpec | undefined {
  const list = r.array(field(o, 'layers'), 'model.layers');
  let layers: number[] | undefined;
  if (list !== undefined) {
    if (list.length < MIN_MLP_LAYERS || list.length > MAX_MLP_LAYERS) {
      r.fail(
        'model.layers',
        `must list ${MIN_MLP_LAYERS} to ${MAX_MLP_LAYERS} layer sizes (input, hidden…, output), got ${list.length}`,
      );
    } else {
      const sizes = list.map((n, l) => readScalar(r, n, `model.layers[${l}]`, LAYER_WIDTH) as number | undefined);
      if (sizes.every((n): n is number => n !== undefined)) {
        layers = sizes;
        if (inputDim !== undefined && sizes[0] !== inputDim) {
          r.fail('model.layers[0]', `must equal the input dimension (${inputs}), got ${sizes[0]}`);
        }
        const last = sizes.length - 1;
        if (sizes[last] !== 1) r.fail(`model.layers[${last}]`, `the output size must be 1, got ${sizes[last]}`);
      }
    }
  }
  const activation = readScalar(r, field(o, 'activation'), 'model.activation', ACTIVATION) as Activation | undefined;
  const output = readScalar(r, field(o, 'output'), 'model.output', MLP_OUTPUT) as 'identity' | 'sigmoid' | undefined;
  if (
    loss?.kind === 'cross-entropy' &&
    output !== 'sigmoid' &&
    (output !== undefined || field(o, 'output') === undefined)
  ) {
    r.fail(
      'model.output',
      `the cross-entropy loss needs output 'sigmoid' (probabilities in (0, 1)), got ${describe(output ?? 'identity')}`,
    );
  }
  if (layers === undefined || activation === undefined || (output === undefined && field(o, 'output') !== undefined)) {
    return undefined;
  }
  return output === undefined ? { kind: 'mlp', layers, activation } : { kind: 'mlp', layers, activation, output };
}

function readExpressionModel(
  r: FieldReader,
  o: JsonObject,
  inputDim: number | undefined,
  inputs: string,
): ModelSpec | undefined {
  const expr = r.string(field(o, 'expr'), 'model.expr', { required: true, maxLength: MAX_EXPRESSION_LENGTH });
  const list = r.array(field(o, 'params'), 'model.params');
  let params: string[] | undefined;
  if (list !== undefined) {
    if (list.length === 0) r.fail('model.params', 'must name at least one parameter');
    else if (list.length > MAX_PARAMETERS)
      r.fail('model.params', `must name at most ${MAX_PARAMETERS} parameters, got ${list.length}`);
    else {
      const names = list.map((name, i) =>
        r.string(name, `model.params[${i}]`, { required: true, nonEmpty: true, maxLength: MAX_ID_LENGTH }),
      );
      if (names.every((n): n is string => n !== undefined)) params = names;
    }
  }
  if (inputDim !== undefined && inputDim !== 1 && inputDim !== 2) {
    return r.fail('model.kind', `expression models take 1 or 2 inputs, got ${inputs}`);
  }
  if (expr === undefined || params === undefined) return undefined;
  if (inputDim !== undefined) {
    const error = checkExpressionModel({ expr, params }, inputDim);
    if (error !== null) return r.fail(error.path, error.message);
  }
  return { kind: 'expression', expr, params };
}

/** A model of `kind` with the fields of its table entry (undefined when one is missing or invalid). */
/** Linear models take 1D inputs, tensor models 2D ones; each has the fields of its kind. */
const FIXED_INPUT_MODELS = {
  linear: { inputDim: 1, fields: LINEAR_FIELDS },
  tensor: { inputDim: 2, fields: TENSOR_FIELDS },
} as const;

function readFixedInputModel(
  r: FieldReader,
  o: JsonObject,
  kind: keyof typeof FIXED_INPUT_MODELS,
  inputDim: number | undefined,
  inputs: string,
): ModelSpec | undefined {
  const expected = FIXED_INPUT_MODELS[kind];
  if (inputDim !== undefined && inputDim !== expected.inputDim) {
    r.fail('model.kind', `${kind} models take ${expected.inputDim}D inputs, got ${inputs}`);
  }
  return readKindFields(r, o, kind, expected.fields);
}

function readKindFields(
  r: FieldReader,
  o: JsonObject,
  kind: ModelSpec['kind'],
  fields: readonly ScenarioScalar[],
): ModelSpec | undefined {
  const { values, ok } = readFields(r, o, 'model', fields);
  return ok ? ({ kind, ...values } as ModelSpec) : undefined;
}

/** The rom model's sizes against each other and against the target's samples. */
function checkRomSizes(r: FieldReader, model: RomModelSpec, target: Target | undefined): void {
  const config = romConfigOf(model);
  if (model.variant === 'nonlinear' && !(config.N > config.n)) {
    r.fail(
      'model.total_modes',
      `must exceed the modes n = ${config.n} (the decoder predicts the N − n after them), got ${config.N}`,
    );
  }
  if (config.N > config.snapshots)
    r.fail('model.snapshots', `must be at least the ${config.N} modes asked of the POD, got ${config.snapshots}`);
  const samples = target?.kind === 'kdv' ? (target.samples ?? KDV_DEFAULTS.samples) : undefined;
  if (samples !== undefined && samples > config.gridSize) {
    r.fail('problem.target.samples', `must be at most the model's ${config.gridSize} grid points, got ${samples}`);
  }
}
