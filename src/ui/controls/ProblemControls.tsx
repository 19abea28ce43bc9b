// The problem: its type (paper toy, function fit, 2D target, PDE, xor, Mackey–Glass), then what that type
// needs — target formula and domain, the equation with its ε or f, the data set's size, noise and seed —
// and the loss and quadrature. Switching the type brings a model and start that fit it (scenarioEdits).

import type { Scenario } from '../../engine/scenario/types';
import { useScenario } from '../../state/scenario';
import { countRender } from '../renderCount';
import { NumberField, Section, SelectField } from './fields';
import { FormulaField } from './FormulaField';
import {
  PROBLEM_TYPES,
  TARGET_PRESETS,
  TARGET_PRESETS_2D,
  problemTypeOf,
  setExactLossKind,
  setLossKind,
  switchProblemType,
  type PdeKind,
  type ProblemType,
} from '../../engine/scenario/coherence/problemTypes';
import { DIFFUSION_EPS } from '../../engine/scenario/table/problem';
import { TableNumber, TableRow, TableSelect } from './TableFields';
import { ExactTarget, KMatrix } from './ExactSpaceFields';
import { TargetPresets, VARIABLES_1D, VARIABLES_2D } from './TargetPresets';

type Problem = Scenario['problem'];

/** Domain bounds, one row per input; `disabled` with the reason as a hint when the equation fixes them. */
function DomainFields({ problem, fixedReason }: { problem: Problem; fixedReason?: string }) {
  const update = useScenario((s) => s.update);
  const variables = problem.domain.length === 2 ? VARIABLES_2D : VARIABLES_1D;
  return (
    <>
      {problem.domain.map((interval, dim) => (
        <div className="field-row" key={dim}>
          {[0, 1].map((end) => (
            <NumberField
              key={end}
              fieldId={`domain.${dim}.${end}`}
              label={`${variables[dim] ?? 'x'} ${end === 0 ? 'from' : 'to'}`}
              value={interval[end]}
              path={`problem.domain[${dim}]`}
              disabled={fixedReason !== undefined}
              testId={`domain-${dim}-${end === 0 ? 'lo' : 'hi'}`}
              onCommit={(value) =>
                update((d) => {
                  d.problem.domain[dim][end] = value;
                })
              }
            />
          ))}
        </div>
      ))}
      {fixedReason ? <p className="note">{fixedReason}</p> : null}
    </>
  );
}

function ExpressionTarget({ problem }: { problem: Problem }) {
  const update = useScenario((s) => s.update);
  const twoD = problem.domain.length === 2;
  const variables = twoD ? VARIABLES_2D : VARIABLES_1D;
  const expr = problem.target?.kind === 'expression' ? problem.target.expr : null;
  return (
    <>
      <TargetPresets presets={twoD ? TARGET_PRESETS_2D : TARGET_PRESETS} expr={expr} />
      <FormulaField
        label={`u(${variables.join(', ')}) =`}
        value={expr ?? ''}
        variables={variables}
        path="problem.target.expr"
        testId="target-formula"
        onChange={(next) =>
          update((d) => {
            d.problem.target = { kind: 'expression', expr: next };
          })
        }
        keptNote="the plots keep the last valid target."
      />
      <DomainFields problem={problem} />
    </>
  );
}

const EQUATION_NOTES: Record<PdeKind, string> = {
  'reaction-diffusion': 'On [0, 1] with u(0) = u(1) = 0 by the ansatz x(1−x)·N(x); boundary layer of width ε at x = 1.',
  nonlinear: 'On [−1, 1] with u′(±1) = 0; exact solution cos(πx), f = π² cos(πx) + cos³(πx).',
  poisson: 'u(a) = u(b) = 0 by the ansatz (x−a)(b−x)·N(x); the exact solution is integrated from f.',
};

function PdeFields({ problem }: { problem: Problem }) {
  const update = useScenario((s) => s.update);
  const loss = problem.loss;
  if (loss.kind !== 'pde') return null;
  return (
    <>
      <TableSelect
        path="problem.loss.equation"
        testId="pde-equation"
        onChange={(equation) => update((d) => setLossKind(d, 'pde', equation as PdeKind))}
      />
      <TableNumber path="problem.loss.eps" testId="pde-eps" hint={DIFFUSION_EPS.help} />
      {loss.equation === 'poisson' ? (
        <FormulaField
          label="f(x) ="
          value={loss.f ?? ''}
          variables={VARIABLES_1D}
          path="problem.loss.f"
          testId="poisson-f"
          onChange={(f) =>
            update((d) => {
              d.problem.loss = { kind: 'pde', equation: 'poisson', f };
            })
          }
        />
      ) : null}
      <p className="note">{EQUATION_NOTES[loss.equation]}</p>
      <DomainFields
        problem={problem}
        fixedReason={loss.equation === 'poisson' ? undefined : 'The equation fixes its domain.'}
      />
    </>
  );
}

function DatasetFields({ problem }: { problem: Problem }) {
  const target = problem.target;
  if (target?.kind !== 'dataset') return null;
  return (
    <>
      <TableRow
        fields={[
          { path: 'problem.target.n', testId: 'dataset-n' },
          {
            path: 'problem.target.noise',
            testId: 'dataset-noise',
            hint: target.name === 'xor' ? 'on the inputs' : 'on the observed series',
          },
          { path: 'problem.target.seed', testId: 'dataset-seed' },
        ]}
      />
      <p className="note" data-testid="dataset-note">
        {target.name === 'xor'
          ? 'Points uniform in [−1, 1]², label 1 where x·y > 0. Loss: mean cross-entropy; the network takes 2 inputs and ends in a sigmoid.'
          : 'Predicts z(t + 6) from z(t), z(t − 6), z(t − 12), z(t − 18): the network takes 4 inputs. The last 20 % of the samples are held out; loss: mean squared error on the rest.'}
      </p>
    </>
  );
}

function KdvFields({ problem }: { problem: Problem }) {
  if (problem.target?.kind !== 'kdv') return null;
  return (
    <>
      <TableRow
        fields={[
          { path: 'problem.target.amplitude', testId: 'kdv-amplitude' },
          { path: 'problem.target.position', testId: 'kdv-position' },
        ]}
      />
      <TableRow
        fields={[
          { path: 'problem.target.samples', testId: 'kdv-samples' },
          { path: 'problem.target.seed', testId: 'kdv-seed' },
        ]}
      />
      <p className="note" data-testid="kdv-note">
        A soliton u = 1 + a sech²(√(a/3)(x − x₀)) of u_t + 4uu_x + u_xxx = 0 on [−π, π), seen at m grid points; the loss
        is the l2 loss at them, the error the relative L2 error on the whole grid.
      </p>
    </>
  );
}

function FunctionLoss({ problem }: { problem: Problem }) {
  const update = useScenario((s) => s.update);
  const twoD = problem.domain.length === 2;
  const kind = problem.loss.kind === 'h1' ? 'h1' : 'l2';
  return (
    <SelectField
      label="Loss"
      value={kind}
      options={[
        { value: 'l2', label: 'L² ½‖v − u‖²' },
        { value: 'h1', label: twoD ? 'H¹ (1D targets only)' : 'H¹ ½‖v − u‖² + ½‖(v − u)′‖²' },
      ]}
      path="problem.loss.kind"
      testId="loss-kind"
      hint={twoD ? 'The H¹ loss is implemented for 1D targets.' : undefined}
      onChange={(next) => update((d) => setLossKind(d, next))}
    />
  );
}

function ProblemSection() {
  const problem = useScenario((s) => s.draft.problem);
  const type = useScenario((s) => problemTypeOf(s.draft));
  const update = useScenario((s) => s.update);
  const setText = useScenario((s) => s.setText);
  return (
    <Section title="Problem" testId="target-section">
      <SelectField
        label="Problem"
        value={type}
        options={PROBLEM_TYPES}
        testId="problem-type"
        onChange={(next: ProblemType) => {
          // Texts kept for fields of the old problem or model no longer describe the draft.
          for (const id of ['mlp.layers', 'init.theta0', 'expression.params']) setText(id, undefined);
          update((d) => switchProblemType(d, next));
        }}
      />
      {type === 'exact' ? <ExactTarget problem={problem} /> : null}
      {type === 'function' || type === 'function-2d' ? (
        <>
          <ExpressionTarget problem={problem} />
          <FunctionLoss problem={problem} />
        </>
      ) : null}
      {type === 'pde' ? <PdeFields problem={problem} /> : null}
      {type === 'classification' || type === 'time-series' ? <DatasetFields problem={problem} /> : null}
      {type === 'rom' ? <KdvFields problem={problem} /> : null}
    </Section>
  );
}

function QuadratureSection() {
  const problem = useScenario((s) => s.draft.problem);
  const update = useScenario((s) => s.update);
  if (problem.space === 'exact') {
    return (
      <Section title="Loss" testId="loss-section">
        <SelectField
          label="Loss"
          value={problem.loss.kind === 'twisted' ? 'twisted' : 'l2'}
          options={[
            { value: 'l2', label: 'L² ½‖c − c_u‖²_K' },
            { value: 'twisted', label: 'twisted ½‖f(e)‖²_K (not L²)' },
          ]}
          path="problem.loss.kind"
          testId="exact-loss-kind"
          onChange={(kind) => update((d) => setExactLossKind(d, kind))}
        />
        {problem.loss.kind === 'twisted' ? (
          <>
            <TableRow
              fields={[
                { path: 'problem.loss.omega', testId: 'twisted-omega' },
                { path: 'problem.loss.phi_deg', testId: 'twisted-phi' },
              ]}
            />
            <p className="note">
              𝓛(c) = ½ f(e)ᵀ K f(e), e = c_u − c, f(e) = e + ω‖e‖² R_φ e: not quadratic, its level sets are not
              ellipses.
            </p>
          </>
        ) : (
          <p className="note">𝓛(c) = ½ (c − c_u)ᵀ K (c − c_u) in the exact space.</p>
        )}
        <KMatrix problem={problem} />
      </Section>
    );
  }
  const quadrature = problem.quadrature;
  if (!quadrature) return null;
  const twoD = problem.domain.length === 2;
  const resample = quadrature.kind === 'monte-carlo' && quadrature.resample === true;
  return (
    <Section title="Quadrature" testId="loss-section">
      <div className="field-row">
        <TableSelect
          path="problem.quadrature.kind"
          testId="quadrature-kind"
          labels={twoD ? { 'gauss-legendre': 'Gauss–Legendre (tensor)' } : undefined}
        />
        <TableNumber
          path="problem.quadrature.m"
          testId="quadrature-m"
          hint={
            twoD && quadrature.kind !== 'monte-carlo'
              ? `${Math.max(1, Math.round(Math.sqrt(quadrature.m)))}² on a tensor grid`
              : undefined
          }
        />
      </div>
      <TableRow
        fields={[
          { path: 'problem.quadrature.resample', testId: 'quadrature-resample' },
          { path: 'problem.quadrature.seed', testId: 'quadrature-seed' },
        ]}
      />
      {resample ? <p className="note">The loss plot adds the loss on a fixed evaluation grid (dashed).</p> : null}
    </Section>
  );
}

export function ProblemControls() {
  countRender('ProblemControls');
  return (
    <>
      <ProblemSection />
      <QuadratureSection />
    </>
  );
}
