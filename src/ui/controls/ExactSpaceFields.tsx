// The exact space's own fields: the target's coefficients on (sin 2πx, cos 2πx) or a formula to project,
// and the loss matrix K.

import type { Scenario } from '../../engine/scenario/types';
import { DEFAULT_TARGET_EXPR, TARGET_PRESETS, setExactLossMatrix } from '../../engine/scenario/coherence/problemTypes';
import { useScenario } from '../../state/scenario';
import { NumberField, SelectField } from './fields';
import { FormulaField } from './FormulaField';
import { TargetPresets, VARIABLES_1D } from './TargetPresets';

type Problem = Scenario['problem'];

export function ExactTarget({ problem }: { problem: Problem }) {
  const update = useScenario((s) => s.update);
  const target = problem.target;
  return (
    <>
      <SelectField
        label="Target given by"
        value={target?.kind === 'coefficients' ? 'coefficients' : 'expression'}
        options={[
          { value: 'coefficients', label: 'coefficients c (sin 2πx, cos 2πx)' },
          { value: 'expression', label: 'formula (projected)' },
        ]}
        onChange={(kind) =>
          update((d) => {
            d.problem.target =
              kind === 'coefficients'
                ? { kind: 'coefficients', c: [-0.1, 0.3] }
                : { kind: 'expression', expr: DEFAULT_TARGET_EXPR };
          })
        }
      />
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
        <>
          <TargetPresets presets={TARGET_PRESETS} expr={target?.kind === 'expression' ? target.expr : null} />
          <FormulaField
            label="u(x) ="
            value={target?.kind === 'expression' ? target.expr : ''}
            variables={VARIABLES_1D}
            path="problem.target.expr"
            testId="target-formula"
            onChange={(expr) =>
              update((d) => {
                d.problem.target = { kind: 'expression', expr };
              })
            }
            keptNote="the plots keep the last valid target."
          />
        </>
      )}
      <p className="note">The exact space lives on [−1, 1] with the orthonormal basis (sin 2πx, cos 2πx).</p>
    </>
  );
}

export function KMatrix({ problem }: { problem: Problem }) {
  const update = useScenario((s) => s.update);
  const loss = problem.loss;
  const K =
    (loss.kind === 'l2' || loss.kind === 'twisted') && loss.K
      ? loss.K
      : [
          [1, 0],
          [0, 1],
        ];
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
                  setExactLossMatrix(d, next);
                })
              }
            />
          )),
        )}
      </div>
    </div>
  );
}
