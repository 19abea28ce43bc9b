// The sweep's setup: one or two axes picked by label from the scenario's sweepable fields (each with the
// table's range and spacing, editable), the iterations and tolerance of every cell, and Run.

import { useMemo } from 'react';
import { MAX_AXIS_VALUES } from '../../engine/sweep/types';
import { MAX_ITERATIONS } from '../../engine/scenario/limits';
import {
  axisChoices,
  axisFromChoice,
  type AxisChoice,
  type SweepAxisSetup,
  type SweepSetup,
} from '../../engine/sweep/setup';
import { useScenario } from '../../state/scenario';
import { setSetup, startSweep } from '../../state/sweep';
import { useSweep } from '../../state/sweepStore';
import { NumberField, SelectField } from '../controls/fields';

const NONE = '';

function AxisEditor({
  index,
  axis,
  choices,
  setup,
  optional,
}: {
  index: number;
  axis: SweepAxisSetup | undefined;
  choices: AxisChoice[];
  setup: SweepSetup;
  optional: boolean;
}) {
  const options = [
    ...(optional ? [{ value: NONE, label: '— none (one axis) —' }] : []),
    ...choices.map((c) => ({ value: c.path, label: c.label })),
  ];
  // A path no longer offered (the scenario changed) stays listed, so the choice is visible and not lost.
  if (axis !== undefined && !choices.some((c) => c.path === axis.path))
    options.push({ value: axis.path, label: `${axis.path} (not in this scenario)` });
  const write = (next: SweepAxisSetup | undefined) => {
    const axes = [...setup.axes];
    if (next === undefined) axes.splice(index, 1);
    else axes[index] = next;
    setSetup({ ...setup, axes });
  };
  const pick = (path: string) => {
    const choice = choices.find((c) => c.path === path);
    write(choice === undefined ? undefined : axisFromChoice(choice, axis?.steps ?? setup.axes[0]?.steps ?? 16));
  };
  const at = `sweep.axes.${index}`;
  return (
    <div className="sweep-axis" data-testid={`sweep-axis-${index}`}>
      <SelectField
        label={`Axis ${index + 1}`}
        value={axis?.path ?? NONE}
        options={options}
        testId={`sweep-axis-${index}-path`}
        onChange={pick}
      />
      {axis !== undefined ? (
        <div className="field-row">
          <NumberField
            fieldId={`${at}.from`}
            label="from"
            value={axis.from}
            testId={`sweep-axis-${index}-from`}
            onCommit={(from) => write({ ...axis, from })}
          />
          <NumberField
            fieldId={`${at}.to`}
            label="to"
            value={axis.to}
            testId={`sweep-axis-${index}-to`}
            onCommit={(to) => write({ ...axis, to })}
          />
          <NumberField
            fieldId={`${at}.steps`}
            label="steps"
            integer
            value={axis.steps}
            testId={`sweep-axis-${index}-steps`}
            help={`Values on this axis (2 to ${MAX_AXIS_VALUES}).`}
            onCommit={(steps) => write({ ...axis, steps })}
          />
          <SelectField
            label="spacing"
            value={axis.scale}
            options={[
              { value: 'log', label: 'log' },
              { value: 'linear', label: 'linear' },
            ]}
            testId={`sweep-axis-${index}-scale`}
            onChange={(scale) => write({ ...axis, scale })}
          />
        </div>
      ) : null}
    </div>
  );
}

export function SweepSetupForm({ setup }: { setup: SweepSetup }) {
  const scenario = useScenario((s) => s.valid);
  const choices = useMemo(() => axisChoices(scenario), [scenario]);
  const errors = useSweep((s) => s.errors);
  const running = useSweep((s) => s.run?.status === 'running');
  return (
    <div className="sweep-setup">
      <div className="sweep-axes">
        <AxisEditor index={0} axis={setup.axes[0]} choices={choices} setup={setup} optional={false} />
        <AxisEditor index={1} axis={setup.axes[1]} choices={choices} setup={setup} optional />
      </div>
      <div className="field-row">
        <NumberField
          fieldId="sweep.iterations"
          label="Iterations per cell"
          integer
          value={setup.iterations}
          testId="sweep-iterations"
          help={`Each cell runs this many iterations (1 to ${MAX_ITERATIONS}).`}
          onCommit={(iterations) => setSetup({ ...setup, iterations })}
        />
        <NumberField
          fieldId="sweep.tolerance"
          label="Tolerance"
          value={setup.tolerance}
          testId="sweep-tolerance"
          help="A cell reaches the tolerance at the first k with L(θ_k) ≤ tolerance."
          onCommit={(tolerance) => setSetup({ ...setup, tolerance })}
        />
        <button type="button" className="primary" data-testid="sweep-run" onClick={() => void startSweep()}>
          {running ? 'Restart sweep' : 'Run sweep'}
        </button>
      </div>
      {errors.length > 0 ? (
        <div className="field-error" role="alert" data-testid="sweep-errors">
          {errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
