// The manifold (toy, linear basis, network, tensor, formula), its parameter count p, and the start θ₀.

import type { ToyName } from '../../engine/scenario/types';
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { checkExpressionModel, inputVariables } from '../../engine/models/expression';
import { RESERVED_NAMES } from '../../engine/expr/restricted';
import { errorsUnder, useScenario } from '../../state/scenario';
import { countRender } from '../renderCount';
import { DEFAULT_B } from '../../engine/models/toy';
import { MODEL_KIND } from '../../engine/scenario/table/model';
import {
  adaptInit,
  modelUnavailableReason,
  networkInputDim,
  parameterCountOf,
  setExpressionParameters,
  setStartKind,
  switchModel,
  switchToy,
  type ModelKind,
} from '../../engine/scenario/coherence/models';
import { problemTypeOf } from '../../engine/scenario/coherence/problemTypes';
import { FieldShell, NumberField, Section, SelectField, TextField } from './fields';
import { FormulaField } from './FormulaField';
import { parseNumberList, parseParameterList, parseWidths } from './parseText';
import { TableRow, TableSelect } from './TableFields';

const MODEL_KINDS = MODEL_KIND.values.map((value) => ({ value, label: MODEL_KIND.valueLabels?.[value] ?? value }));

function ToyFields() {
  const model = useScenario((s) => s.draft.model);
  const update = useScenario((s) => s.update);
  if (model.kind !== 'toy') return null;
  const B = model.params?.B ?? DEFAULT_B;
  return (
    <>
      <TableSelect
        path="model.name"
        testId="toy-name"
        onChange={(name) => update((d) => switchToy(d, name as ToyName))}
      />
      {model.name === 'curve' ? (
        <TableRow fields={[{ path: 'model.params.a' }, { path: 'model.params.s' }, { path: 'model.params.phi_deg' }]} />
      ) : (
        <div className="matrix" role="group" aria-label="Matrix B">
          <span className="matrix-label">B =</span>
          <div className="matrix-grid">
            {B.map((row, i) =>
              row.map((value, j) => (
                <NumberField
                  key={`${i}${j}`}
                  fieldId={`toy.B.${i}.${j}`}
                  label={`B${i + 1}${j + 1}`}
                  value={value}
                  path="model.params.B"
                  className="matrix-cell"
                  onCommit={(v) =>
                    update((d) => {
                      if (d.model.kind !== 'toy') return;
                      const next = B.map((r) => [...r]);
                      next[i][j] = v;
                      d.model.params = { ...d.model.params, B: next };
                    })
                  }
                />
              )),
            )}
          </div>
        </div>
      )}
    </>
  );
}

/** Why the first width is what it is, for the hint under the widths. */
function inputWidthReason(type: ReturnType<typeof problemTypeOf>): string {
  switch (type) {
    case 'classification':
      return 'xor points (x₁, x₂)';
    case 'time-series':
      return 'Mackey–Glass lags z(t), z(t−6), z(t−12), z(t−18)';
    case 'function-2d':
      return 'inputs (x, y)';
    default:
      return 'input x';
  }
}

function MlpFields() {
  const model = useScenario((s) => s.draft.model);
  const kept = useScenario((s) => s.texts['mlp.layers']);
  const type = useScenario((s) => problemTypeOf(s.draft));
  const inputs = useScenario((s) => networkInputDim(s.draft));
  const layerError = useScenario((s) => errorsUnder(s.errors, 'model.layers')[0]?.message);
  const update = useScenario((s) => s.update);
  const setText = useScenario((s) => s.setText);
  if (model.kind !== 'mlp') return null;
  const text = kept ?? model.layers.join(',');
  const parsed = parseWidths(text);
  let error = parsed.ok ? layerError : parsed.message;
  if (parsed.ok && parsed.layers[0] !== inputs)
    error = `the input width must be ${inputs} (${inputWidthReason(type)}), got ${parsed.layers[0]}`;
  else if (parsed.ok && parsed.layers[parsed.layers.length - 1] !== 1)
    error = `the output width must be 1, got ${parsed.layers[parsed.layers.length - 1]}`;
  const sigmoidForced = type === 'classification';
  return (
    <>
      <TextField
        label="Layer widths (input, hidden…, output)"
        value={text}
        path="model.layers"
        testId="mlp-widths"
        error={error}
        onChange={(next) => {
          setText('mlp.layers', next);
          const result = parseWidths(next);
          if (result.ok && result.layers.join(',') !== model.layers.join(',')) {
            update((d) => {
              if (d.model.kind === 'mlp') d.model.layers = result.layers;
              adaptInit(d);
            });
          }
        }}
      />
      <p className="note">
        Input width {inputs}: {inputWidthReason(type)}.
      </p>
      <div className="field-row">
        <TableSelect path="model.activation" testId="mlp-activation" />
        <TableSelect
          path="model.output"
          testId="mlp-output"
          disabled={sigmoidForced}
          hint={sigmoidForced ? 'sigmoid: cross-entropy needs probabilities' : undefined}
        />
      </div>
    </>
  );
}

function BasisFields() {
  const model = useScenario((s) => s.draft.model);
  if (model.kind !== 'linear' && model.kind !== 'tensor') return null;
  return (
    <>
      <TableRow
        fields={[
          { path: 'model.basis', testId: 'basis-kind' },
          { path: 'model.n', testId: 'basis-n' },
          { path: 'model.rank' },
        ]}
      />
      {model.kind === 'tensor' ? (
        <p className="note">
          v(x, y) = Σ<sub>r≤{model.rank}</sub> f<sub>r</sub>(x) g<sub>r</sub>(y), each factor on {model.n} {model.basis}{' '}
          functions (2D targets only).
        </p>
      ) : null}
    </>
  );
}

function ExpressionFields() {
  const model = useScenario((s) => s.draft.model);
  const dims = useScenario((s) => s.draft.problem.domain.length);
  const kept = useScenario((s) => s.texts['expression.params']);
  const update = useScenario((s) => s.update);
  const setText = useScenario((s) => s.setText);
  if (model.kind !== 'expression') return null;
  const inputs = inputVariables(dims === 2 ? 2 : 1);
  const text = kept ?? model.params.join(', ');
  const parsed = parseParameterList(text);
  // The engine's own check names the failing parameter (a reserved or input name, a duplicate).
  const check = checkExpressionModel(model, inputs.length);
  const paramsError = !parsed.ok
    ? parsed.message
    : check !== null && check.path.startsWith('model.params')
      ? check.message
      : undefined;
  return (
    <>
      <FormulaField
        label={`v(${inputs.join(', ')}; θ) =`}
        value={model.expr}
        // A reserved parameter name is reported on the list below; the formula is checked with the usable ones.
        variables={[...inputs, ...model.params.filter((name) => !RESERVED_NAMES.has(name))]}
        path="model.expr"
        testId="model-formula"
        onChange={(expr) =>
          update((d) => {
            if (d.model.kind === 'expression') d.model.expr = expr;
          })
        }
      />
      <TextField
        label="Parameters θ (in order, comma-separated)"
        value={text}
        path="model.params"
        testId="model-params"
        error={paramsError}
        onChange={(next) => {
          setText('expression.params', next);
          const result = parseParameterList(next);
          if (result.ok && result.names.join(',') !== model.params.join(',')) {
            update((d) => setExpressionParameters(d, result.names));
          }
        }}
      />
      <p className="note">
        Variables {inputs.join(', ')}; every other name must be a listed parameter. Jacobians are symbolic.
      </p>
    </>
  );
}

/** The reduced-order model: variant, mode counts and the offline stage's sizes and seeds (table entries). */
function RomFields() {
  const isRom = useScenario((s) => s.draft.model.kind === 'rom');
  if (!isRom) return null;
  return (
    <>
      <TableSelect path="model.variant" testId="rom-variant" />
      <TableRow
        fields={[
          { path: 'model.modes', testId: 'rom-modes' },
          { path: 'model.total_modes', testId: 'rom-total-modes' },
        ]}
      />
      <TableRow fields={[{ path: 'model.grid' }, { path: 'model.snapshots' }, { path: 'model.snapshot_seed' }]} />
      <TableRow
        fields={[{ path: 'model.width' }, { path: 'model.training', testId: 'rom-training' }, { path: 'model.seed' }]}
      />
      <p className="note">
        Offline, once per run (cached while the page is open): soliton snapshots, their POD modes and, for the nonlinear
        ROM, the decoder trained with L-BFGS behind a progress bar.
      </p>
    </>
  );
}

function InitFields() {
  const init = useScenario((s) => s.draft.init);
  const kept = useScenario((s) => s.texts['init.theta0']);
  const update = useScenario((s) => s.update);
  const setText = useScenario((s) => s.setText);
  const isRom = useScenario((s) => s.draft.model.kind === 'rom');
  const explicit = 'theta0' in init;
  const fitted = 'fit' in init;
  const text = kept ?? (explicit ? init.theta0.join(', ') : '');
  const parsed = explicit ? parseNumberList(text) : null;
  return (
    <>
      <SelectField
        label="Start θ₀"
        value={explicit ? 'explicit' : fitted ? 'fit' : 'seed'}
        options={[
          { value: 'seed', label: 'random (seeded)' },
          { value: 'explicit', label: 'explicit θ₀' },
          ...(isRom || fitted ? [{ value: 'fit' as const, label: 'linear least-squares fit' }] : []),
        ]}
        path="init"
        testId="init-kind"
        onChange={(kind) =>
          update((d) => {
            setStartKind(d, kind);
            setText('init.theta0', undefined);
          })
        }
      />
      {explicit ? (
        <TextField
          label="θ₀ (comma-separated)"
          value={text}
          path="init.theta0"
          testId="init-theta0"
          error={parsed && !parsed.ok ? parsed.message : undefined}
          onChange={(next) => {
            setText('init.theta0', next);
            const result = parseNumberList(next);
            if (result.ok) {
              update((d) => {
                d.init = { theta0: result.values };
              });
            }
          }}
        />
      ) : fitted ? (
        <p className="note">θ₀ fits the linear ROM to the samples by least squares (minimum norm when m &lt; n).</p>
      ) : (
        <TableRow fields={[{ path: 'init.seed', testId: 'init-seed' }, { path: 'init.scale' }]} />
      )}
    </>
  );
}

function ParameterCount() {
  const p = useScenario((s) => parameterCountOf(s.draft));
  return (
    <p className="note" data-testid="parameter-count">
      p = <strong>{p ?? '?'}</strong> parameters
    </p>
  );
}

/** The model kind, with the kinds the problem cannot use disabled and the reasons listed under it. */
function ModelKindField() {
  const id = useId();
  const kind = useScenario((s) => s.draft.model.kind);
  const reasons = useScenario(useShallow((s) => MODEL_KINDS.map((k) => modelUnavailableReason(s.draft, k.value))));
  const update = useScenario((s) => s.update);
  const setText = useScenario((s) => s.setText);
  const unavailable = MODEL_KINDS.map((k, i) => ({ label: k.label, reason: reasons[i] })).filter(
    (k) => k.reason !== null,
  );
  // One reason per line: several kinds often share it.
  const notes = [...new Set(unavailable.map((k) => k.reason))];
  return (
    <FieldShell
      id={id}
      label="Model"
      hint={
        notes.length > 0 ? (
          <span data-testid="model-unavailable">{notes.map((n) => `Unavailable here: ${n}.`).join(' ')}</span>
        ) : undefined
      }
    >
      <select
        id={id}
        value={kind}
        data-testid="model-kind"
        onChange={(event) => {
          const next = event.target.value as ModelKind;
          // Texts kept for the old model no longer describe the draft.
          for (const text of ['mlp.layers', 'init.theta0', 'expression.params']) setText(text, undefined);
          update((d) => switchModel(d, next));
        }}
      >
        {MODEL_KINDS.map((option, i) => (
          <option key={option.value} value={option.value} disabled={reasons[i] !== null && option.value !== kind}>
            {reasons[i] !== null ? `${option.label} — n/a` : option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function ModelControls() {
  countRender('ModelControls');
  return (
    <Section title="Manifold" testId="model-section">
      <ModelKindField />
      <ToyFields />
      <BasisFields />
      <MlpFields />
      <ExpressionFields />
      <RomFields />
      <ParameterCount />
      <InitFields />
    </Section>
  );
}
