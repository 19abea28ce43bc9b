// Controls addressed by a field path (docs/SCENARIO.md "Sweeps" syntax: 'optimizers.ngd.alpha',
// 'problem.quadrature.m'): label, help (the tooltip), allowed values, integer-ness and the value in force
// come from the engine's field table; edits go through the store's setField. A field that does not apply
// to the draft is hidden, or shown disabled with `inapplicable="disable"`.

import { useMemo, type ReactNode } from 'react';
import { locateField, type LocatedField } from '../../engine/scenario/paths';
import { useScenario } from '../../state/scenario';
import { CheckboxField, NumberField, SelectField } from './fields';

interface TableFieldProps {
  path: string;
  testId?: string;
  hint?: ReactNode;
  className?: string;
  /** Hide (default) or disable the control where the field does not apply. */
  inapplicable?: 'hide' | 'disable';
  /** Disabled for a reason of the panel's own (e.g. a value the problem forces). */
  disabled?: boolean;
  /** Menus: names that depend on the draft (e.g. '2D' variants), over the table's. */
  labels?: Record<string, string>;
  /** Menus: an edit that keeps the scenario coherent (engine/scenario/coherence) instead of setting the field alone. */
  onChange?: (value: string) => void;
}

/** The draft's field at `path`, or null when the draft has none there. */
function useLocated(path: string): LocatedField | null {
  const draft = useScenario((s) => s.draft);
  return useMemo(() => {
    const located = locateField(draft, path);
    return located.ok ? located.value : null;
  }, [draft, path]);
}

function shown(field: LocatedField | null, inapplicable: 'hide' | 'disable' | undefined): field is LocatedField {
  return field !== null && (field.applies || inapplicable === 'disable');
}

export function TableNumber({ path, testId, hint, className, inapplicable, disabled }: TableFieldProps) {
  const field = useLocated(path);
  const setField = useScenario((s) => s.setField);
  if (!shown(field, inapplicable) || field.spec.type !== 'number') return null;
  return (
    <NumberField
      fieldId={path}
      label={field.spec.label}
      help={field.spec.help}
      value={typeof field.value === 'number' ? field.value : undefined}
      integer={field.spec.rule.integer}
      path={field.errorPath}
      disabled={disabled || !field.applies}
      testId={testId}
      hint={hint}
      className={className}
      onCommit={(value) => setField(path, value)}
    />
  );
}

export function TableSelect({
  path,
  testId,
  hint,
  className,
  inapplicable,
  disabled,
  labels,
  onChange,
}: TableFieldProps) {
  const field = useLocated(path);
  const setField = useScenario((s) => s.setField);
  if (!shown(field, inapplicable) || field.spec.type !== 'enum') return null;
  const spec = field.spec;
  const options = spec.values.map((value) => ({ value, label: labels?.[value] ?? spec.valueLabels?.[value] ?? value }));
  return (
    <SelectField
      label={spec.label}
      help={spec.help}
      value={typeof field.value === 'string' ? field.value : spec.values[0]}
      options={options}
      path={field.errorPath}
      disabled={disabled || !field.applies}
      testId={testId}
      hint={hint}
      className={className}
      onChange={(value) => (onChange ? onChange(value) : setField(path, value))}
    />
  );
}

export function TableCheckbox({ path, testId, inapplicable }: TableFieldProps) {
  const field = useLocated(path);
  const setField = useScenario((s) => s.setField);
  if (!shown(field, inapplicable) || field.spec.type !== 'boolean') return null;
  return (
    <CheckboxField
      label={field.spec.label}
      help={field.spec.help}
      checked={field.value === true}
      testId={testId}
      onChange={(checked) => setField(path, checked)}
    />
  );
}

/** A row of controls, one per path (number, menu or checkbox as the table says); nothing when none applies. */
export function TableRow({ fields }: { fields: readonly TableFieldProps[] }) {
  const draft = useScenario((s) => s.draft);
  const any = fields.some((f) => {
    const located = locateField(draft, f.path);
    return located.ok && (located.value.applies || f.inapplicable === 'disable');
  });
  if (!any) return null;
  return (
    <div className="field-row">
      {fields.map((f) => (
        <TableControl key={f.path} {...f} />
      ))}
    </div>
  );
}

/** The control the table's type calls for. */
export function TableControl(props: TableFieldProps) {
  const field = useLocated(props.path);
  switch (field?.spec.type) {
    case 'number':
      return <TableNumber {...props} />;
    case 'enum':
      return <TableSelect {...props} />;
    case 'boolean':
      return <TableCheckbox {...props} />;
    default:
      return null;
  }
}
