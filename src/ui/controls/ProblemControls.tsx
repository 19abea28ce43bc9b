// Target (preset formulas, the formula box, domain bounds), loss and quadrature.

import type { Scenario } from '../../engine/scenario/types';
import { useScenario } from '../../state/scenario';
import { countRender } from '../renderCount';
import { CheckboxField, NumberField, Section, SelectField } from './fields';
import { FormulaField } from './FormulaField';
import { DEFAULT_TARGET_EXPR, TARGET_PRESETS, setLossKind, type PdeKind, type SampledLossKind } from './scenarioEdits';

const VARIABLES_1D = ['x'];
const VARIABLES_2D = ['x', 'y'];

function TargetSection() {
  const problem = useScenario((s) => s.draft.problem);
  const update = useScenario((s) => s.update);
  const target = problem.target;
  const dims = problem.domain.length;
  const exact = problem.space === 'exact';
  const variables = dims === 2 ? VARIABLES_2D : VARIABLES_1D;
  const setExpr = (expr: string) =>
    update((d) => {
      d.problem.target = { kind: 'expression', expr };
    });
  return (
    <Section title="Target" testId="target-section">
      {problem.loss.kind === 'pde' ? (
        <p className="note">A PDE defines its own solution: no target.</p>
      ) : target?.kind === 'dataset' ? (
        <p className="note">
          Data set <strong>{target.name}</strong> ({target.n ?? 'default'} samples).
        </p>
      ) : (
        <>
          <div className="button-row" role="group" aria-label="Target presets">
            {TARGET_PRESETS.map((preset) => (
              <button
                type="button"
                key={preset.expr}
                className={target?.kind === 'expression' && target.expr === preset.expr ? 'chip chip-active' : 'chip'}
                aria-pressed={target?.kind === 'expression' && target.expr === preset.expr}
                onClick={() => setExpr(preset.expr)}
              >
                {preset.label}
              </button>
            ))}
          </div>
          {exact ? (
            <SelectField
              label="Target given by"
              value={target?.kind === 'coefficients' ? 'coefficients' : 'expression'}
              options={[
                { value: 'coefficients', label: 'coefficients c (sin 2πx, cos 2πx)' },
                { value: 'expression', label: 'formula (projected)' },
              ]}
              onChange={(kind) =>
                update((d) => {
                  d.problem.target = kind === 'coefficients' ? { kind: 'coefficients', c: [-0.1, 0.3] } : { kind: 'expression', expr: DEFAULT_TARGET_EXPR };
                })
              }
            />
          ) : null}
          {target?.kind === 'coefficients' ? (
            <div className="field-row">
              {[0, 1].map((j) => (
                <NumberField
                  key={j}
                  fieldId={`target.c.${j}`}
                  label={`c${j === 0 ? '₁' : '₂'}`}
                  value={target.c[j]}
                  path="problem.target.c"
                  onCommit={(value) =>
                    update((d) => {
                      if (d.problem.target?.kind === 'coefficients') d.problem.target.c[j] = value;
                    })
                  }
                />
              ))}
            </div>
          ) : (
            <FormulaField
              label={`u(${variables.join(', ')}) =`}
              value={target?.kind === 'expression' ? target.expr : ''}
              variables={variables}
              path="problem.target.expr"
              testId="target-formula"
              onChange={setExpr}
              keptNote="the plots keep the last valid target."
            />
          )}
        </>
      )}
      <div className="field-row">
        {problem.domain.map((interval, dim) =>
          [0, 1].map((end) => (
            <NumberField
              key={`${dim}-${end}`}
              fieldId={`domain.${dim}.${end}`}
              label={`${variables[dim] ?? 'x'} ${end === 0 ? 'from' : 'to'}`}
              value={interval[end]}
              path={`problem.domain[${dim}]`}
              disabled={exact || (problem.loss.kind === 'pde' && problem.loss.equation !== 'poisson')}
              testId={`domain-${dim}-${end === 0 ? 'lo' : 'hi'}`}
              onCommit={(value) =>
                update((d) => {
                  d.problem.domain[dim][end] = value;
                })
              }
            />
          )),
        )}
      </div>
    </Section>
  );
}

const LOSS_OPTIONS: { value: SampledLossKind; label: string }[] = [
  { value: 'l2', label: 'L² (sampled)' },
  { value: 'h1', label: 'H¹ (1D)' },
  { value: 'cross-entropy', label: 'cross-entropy (xor)' },
  { value: 'pde', label: 'PDE residual' },
];

const EQUATIONS: { value: PdeKind; label: string }[] = [
  { value: 'reaction-diffusion', label: 'reaction–diffusion −εu″ + u′ = 1' },
  { value: 'nonlinear', label: 'nonlinear −u″ + u³ = f (Neumann)' },
  { value: 'poisson', label: 'Poisson −u″ = f' },
];

function KMatrix({ problem }: { problem: Scenario['problem'] }) {
  const update = useScenario((s) => s.update);
  const K = problem.loss.kind === 'l2' && problem.loss.K ? problem.loss.K : [[1, 0], [0, 1]];
  return (
    <div className="matrix" role="group" aria-label="Loss matrix K">
      <span className="matrix-label">K =</span>
      <div className="matrix-grid">
        {[0, 1].map((i) =>
          [0, 1].map((j) => (
            <NumberField
              key={`${i}${j}`}
              fieldId={`loss.K.${i}.${j}`}
              label={`K${i + 1}${j + 1}`}
              value={K[i][j]}
              path="problem.loss.K"
              className="matrix-cell"
              onCommit={(value) =>
                update((d) => {
                  const next = K.map((row) => [...row]);
                  next[i][j] = value;
                  d.problem.loss = { kind: 'l2', K: next };
                })
              }
            />
          )),
        )}
      </div>
    </div>
  );
}

function LossSection() {
  const problem = useScenario((s) => s.draft.problem);
  const update = useScenario((s) => s.update);
  const loss = problem.loss;
  const quadrature = problem.quadrature;
  if (problem.space === 'exact') {
    return (
      <Section title="Loss" testId="loss-section">
        <p className="note">𝓛(c) = ½ (c − c_u)ᵀ K (c − c_u) in the exact space.</p>
        <KMatrix problem={problem} />
      </Section>
    );
  }
  return (
    <Section title="Loss and quadrature" testId="loss-section">
      <SelectField
        label="Loss"
        value={loss.kind as SampledLossKind}
        options={LOSS_OPTIONS}
        path="problem.loss.kind"
        testId="loss-kind"
        onChange={(kind) => update((d) => setLossKind(d, kind))}
      />
      {loss.kind === 'pde' ? (
        <>
          <SelectField
            label="Equation"
            value={loss.equation}
            options={EQUATIONS}
            onChange={(equation) => update((d) => setLossKind(d, 'pde', equation))}
          />
          {loss.equation === 'reaction-diffusion' ? (
            <NumberField
              fieldId="loss.eps"
              label="ε"
              value={loss.eps ?? 0.1}
              path="problem.loss.eps"
              onCommit={(eps) =>
                update((d) => {
                  d.problem.loss = { kind: 'pde', equation: 'reaction-diffusion', eps };
                })
              }
            />
          ) : null}
          {loss.equation === 'poisson' ? (
            <FormulaField
              label="f(x) ="
              value={loss.f ?? ''}
              variables={VARIABLES_1D}
              path="problem.loss.f"
              onChange={(f) =>
                update((d) => {
                  d.problem.loss = { kind: 'pde', equation: 'poisson', f };
                })
              }
            />
          ) : null}
        </>
      ) : null}
      {quadrature ? (
        <>
          <div className="field-row">
            <SelectField
              label="Quadrature"
              value={quadrature.kind}
              options={[
                { value: 'grid', label: 'midpoint grid' },
                { value: 'gauss-legendre', label: 'Gauss–Legendre' },
                { value: 'monte-carlo', label: 'Monte Carlo' },
              ]}
              path="problem.quadrature.kind"
              testId="quadrature-kind"
              onChange={(kind) =>
                update((d) => {
                  if (d.problem.quadrature) d.problem.quadrature.kind = kind;
                })
              }
            />
            <NumberField
              fieldId="quadrature.m"
              label="points m"
              integer
              value={quadrature.m}
              path="problem.quadrature.m"
              testId="quadrature-m"
              onCommit={(m) =>
                update((d) => {
                  if (d.problem.quadrature) d.problem.quadrature.m = m;
                })
              }
            />
          </div>
          {quadrature.kind === 'monte-carlo' ? (
            <div className="field-row">
              <CheckboxField
                label="new points every iteration"
                checked={quadrature.resample ?? false}
                onChange={(resample) =>
                  update((d) => {
                    if (d.problem.quadrature) d.problem.quadrature.resample = resample;
                  })
                }
              />
              <NumberField
                fieldId="quadrature.seed"
                label="seed"
                integer
                value={quadrature.seed ?? 0}
                path="problem.quadrature.seed"
                onCommit={(seed) =>
                  update((d) => {
                    if (d.problem.quadrature) d.problem.quadrature.seed = seed;
                  })
                }
              />
            </div>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

export function ProblemControls() {
  countRender('ProblemControls');
  return (
    <>
      <TargetSection />
      <LossSection />
    </>
  );
}
