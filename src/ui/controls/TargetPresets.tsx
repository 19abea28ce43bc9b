// A row of buttons that set the target to a named formula, and the variables of 1D and 2D formulas.

import { useScenario } from '../../state/scenario';

export const VARIABLES_1D = ['x'];
export const VARIABLES_2D = ['x', 'y'];

export function TargetPresets({
  presets,
  expr,
}: {
  presets: readonly { label: string; expr: string }[];
  expr: string | null;
}) {
  const update = useScenario((s) => s.update);
  return (
    <div className="button-row" role="group" aria-label="Target presets">
      {presets.map((preset) => (
        <button
          type="button"
          key={preset.expr}
          className={expr === preset.expr ? 'chip chip-active' : 'chip'}
          aria-pressed={expr === preset.expr}
          onClick={() =>
            update((d) => {
              d.problem.target = { kind: 'expression', expr: preset.expr };
            })
          }
        >
          {preset.label}
        </button>
      ))}
    </div>
  );
}
