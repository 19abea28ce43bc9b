// The manifold (toy, linear basis, network, tensor, formula), its parameter count p, and the start θ₀.

import type { Activation, BasisKind, ToyName } from '../../engine/scenario/types';
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { checkExpressionModel, inputVariables } from '../../engine/models/expression';
import { errorsUnder, useScenario } from '../../state/scenario';
import { countRender } from '../renderCount';
import { FieldShell, NumberField, Section, SelectField, TextField } from './fields';
import { FormulaField } from './FormulaField';
import {
  adaptInit, modelUnavailableReason, networkInputDim, parameterCountOf, parseNumberList, parseParameterList, parseWidths,
  problemTypeOf, setExpressionParameters, switchModel, switchToy, type ModelKind,
} from './scenarioEdits';

const MODEL_KINDS: { value: ModelKind; label: string }[] = [
  { value: 'toy', label: 'toy manifold (exact space)' },
  { value: 'linear', label: 'linear basis' },
  { value: 'mlp', label: 'neural network (MLP)' },
  { value: 'tensor', label: 'low-rank tensor (2D)' },
  { value: 'expression', label: 'formula with parameters' },
];

const TOYS: { value: ToyName; label: string }[] = [
  { value: 'linear', label: 'linear c = Bᵀθ' },
  { value: 'kernel', label: 'kernel (linear, K ≠ I)' },
  { value: 'quadratic', label: 'quadratic (curved)' },
  { value: 'curve', label: 'curve (local minima)' },
];

const BASES: BasisKind[] = ['legendre', 'chebyshev', 'fourier', 'hat', 'gaussian'];
const ACTIVATIONS: Activation[] = ['tanh', 'sigmoid', 'softplus', 'sin'];

const DEFAULT_B = [[1, 0], [0, 0.2]];

function ToyFields() {
  const model = useScenario((s) => s.draft.model);
  const update = useScenario((s) => s.update);
  if (model.kind !== 'toy') return null;
  const params = model.params ?? {};
  const setParam = (name: 'a' | 's' | 'phi_deg', value: number) =>
    update((d) => {
      if (d.model.kind === 'toy') d.model.params = { ...d.model.params, [name]: value };
    });
  const B = params.B ?? DEFAULT_B;
  return (
    <>
      <SelectField
        label="Toy"
        value={model.name}
        options={TOYS}
        path="model.name"
        testId="toy-name"
        onChange={(name) => update((d) => switchToy(d, name))}
      />
      {model.name === 'curve' ? (
        <div className="field-row">
          <NumberField fieldId="toy.a" label="a" value={params.a ?? 3} path="model.params.a" onCommit={(v) => setParam('a', v)} />
          <NumberField fieldId="toy.s" label="s" value={params.s ?? 0.1} path="model.params.s" onCommit={(v) => setParam('s', v)} />
          <NumberField fieldId="toy.phi" label="φ (degrees)" value={params.phi_deg ?? 0} path="model.params.phi_deg" onCommit={(v) => setParam('phi_deg', v)} />
        </div>
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
  if (parsed.ok && parsed.layers[0] !== inputs) error = `the input width must be ${inputs} (${inputWidthReason(type)}), got ${parsed.layers[0]}`;
  else if (parsed.ok && parsed.layers[parsed.layers.length - 1] !== 1) error = `the output width must be 1, got ${parsed.layers[parsed.layers.length - 1]}`;
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
        <SelectField
          label="Activation"
          value={model.activation}
          options={ACTIVATIONS}
          path="model.activation"
          testId="mlp-activation"
          onChange={(activation) =>
            update((d) => {
              if (d.model.kind === 'mlp') d.model.activation = activation;
            })
          }
        />
        <SelectField
          label="Output"
          value={model.output ?? 'identity'}
          options={['identity', 'sigmoid'] as const}
          path="model.output"
          testId="mlp-output"
          disabled={sigmoidForced}
          hint={sigmoidForced ? 'sigmoid: cross-entropy needs probabilities' : undefined}
          onChange={(output) =>
            update((d) => {
              if (d.model.kind === 'mlp') d.model.output = output;
            })
          }
        />
      </div>
    </>
  );
}

function BasisFields() {
  const model = useScenario((s) => s.draft.model);
  const update = useScenario((s) => s.update);
  if (model.kind !== 'linear' && model.kind !== 'tensor') return null;
  return (
    <>
      <div className="field-row">
        <SelectField
          label="Basis"
          value={model.basis}
          options={BASES}
          path="model.basis"
          testId="basis-kind"
          onChange={(basis) =>
            update((d) => {
              if (d.model.kind === 'linear' || d.model.kind === 'tensor') d.model.basis = basis;
            })
          }
        />
        <NumberField
          fieldId="model.n"
          label="n"
          integer
          value={model.n}
          path="model.n"
          testId="basis-n"
          onCommit={(n) =>
            update((d) => {
              if (d.model.kind === 'linear' || d.model.kind === 'tensor') d.model.n = n;
              adaptInit(d);
            })
          }
        />
        {model.kind === 'tensor' ? (
          <NumberField
            fieldId="model.rank"
            label="rank"
            integer
            value={model.rank}
            path="model.rank"
            onCommit={(rank) =>
              update((d) => {
                if (d.model.kind === 'tensor') d.model.rank = rank;
                adaptInit(d);
              })
            }
          />
        ) : null}
      </div>
      {model.kind === 'tensor' ? (
        <p className="note">
          v(x, y) = Σ<sub>r≤{model.rank}</sub> f<sub>r</sub>(x) g<sub>r</sub>(y), each factor on {model.n} {model.basis} functions (2D targets only).
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
  const paramsError = !parsed.ok ? parsed.message : check !== null && check.path.startsWith('model.params') ? check.message : undefined;
  return (
    <>
      <FormulaField
        label={`v(${inputs.join(', ')}; θ) =`}
        value={model.expr}
        variables={[...inputs, ...model.params]}
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

function InitFields() {
  const init = useScenario((s) => s.draft.init);
  const kept = useScenario((s) => s.texts['init.theta0']);
  const update = useScenario((s) => s.update);
  const setText = useScenario((s) => s.setText);
  const explicit = 'theta0' in init;
  const text = kept ?? (explicit ? init.theta0.join(', ') : '');
  const parsed = explicit ? parseNumberList(text) : null;
  return (
    <>
      <SelectField
        label="Start θ₀"
        value={explicit ? 'explicit' : 'seed'}
        options={[
          { value: 'seed', label: 'random (seeded)' },
          { value: 'explicit', label: 'explicit θ₀' },
        ]}
        path="init"
        testId="init-kind"
        onChange={(kind) =>
          update((d) => {
            if (kind === 'seed') d.init = { seed: 1, scale: 1 };
            else {
              const p = parameterCountOf(d) ?? 1;
              d.init = { theta0: new Array<number>(p).fill(0) };
            }
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
      ) : (
        <div className="field-row">
          <NumberField
            fieldId="init.seed"
            label="seed"
            integer
            value={'seed' in init ? init.seed : 1}
            path="init.seed"
            testId="init-seed"
            onCommit={(seed) =>
              update((d) => {
                d.init = { ...('seed' in d.init ? d.init : {}), seed };
              })
            }
          />
          <NumberField
            fieldId="init.scale"
            label="scale"
            value={'seed' in init ? init.scale ?? 1 : 1}
            path="init.scale"
            onCommit={(scale) =>
              update((d) => {
                d.init = { seed: 'seed' in d.init ? d.init.seed : 1, scale };
              })
            }
          />
        </div>
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
  const unavailable = MODEL_KINDS.map((k, i) => ({ label: k.label, reason: reasons[i] })).filter((k) => k.reason !== null);
  // One reason per line: several kinds often share it.
  const notes = [...new Set(unavailable.map((k) => k.reason))];
  return (
    <FieldShell
      id={id}
      label="Model"
      hint={notes.length > 0 ? <span data-testid="model-unavailable">{notes.map((n) => `Unavailable here: ${n}.`).join(' ')}</span> : undefined}
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
      <ParameterCount />
      <InitFields />
    </Section>
  );
}
