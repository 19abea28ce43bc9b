// Labelled form controls bound to the scenario store. Every control has a visible label, a keyboard-usable
// native element, and shows its validation error inline (aria-invalid + aria-describedby). A number field
// keeps the text as typed (in the store's `texts`) until it parses, so nothing typed is lost.

import { useId, type ReactNode } from 'react';
import { useScenario } from '../../state/scenario';

/** The first validation error of the draft at exactly `path`, or undefined. */
export function useFieldError(path: string | undefined): string | undefined {
  return useScenario((s) => (path === undefined ? undefined : s.errors.find((e) => e.path === path)?.message));
}

export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  return String(value);
}

/** Parse a number the way people type it ("1e-6", "0.5", "-.3"); null when it is not one. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** One line of help: the tooltip of the field. */
  help?: string;
  children: ReactNode;
  className?: string;
}

export function FieldShell({ id, label, error, hint, help, children, className }: FieldShellProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`} title={help}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <div className="field-hint">{hint}</div> : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export interface NumberFieldProps {
  /** Stable id of the field (keys the kept text). */
  fieldId: string;
  label: ReactNode;
  value: number | undefined;
  onCommit(value: number): void;
  /** Scenario path whose validation error is shown here. */
  path?: string;
  integer?: boolean;
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
  hint?: ReactNode;
  help?: string;
  className?: string;
}

export function NumberField({
  fieldId,
  label,
  value,
  onCommit,
  path,
  integer,
  placeholder,
  disabled,
  testId,
  hint,
  help,
  className,
}: NumberFieldProps) {
  const id = `f-${fieldId.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const kept = useScenario((s) => s.texts[fieldId]);
  const setText = useScenario((s) => s.setText);
  const validationError = useFieldError(path);
  const text = kept ?? formatNumber(value);
  const parsed = parseNumber(text);
  let error = validationError;
  if (kept !== undefined && parsed === null)
    error = text.trim() === '' ? 'enter a number' : `'${text}' is not a number`;
  else if (kept !== undefined && integer && parsed !== null && !Number.isInteger(parsed))
    error = 'must be a whole number';
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} help={help} className={className}>
      <input
        id={id}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(fieldId, next);
          const number = parseNumber(next);
          if (number !== null && (!integer || Number.isInteger(number)) && number !== value) onCommit(number);
        }}
        onBlur={() => {
          // Once the text says what the scenario holds, the kept text is no longer needed.
          if (kept !== undefined && parseNumber(kept) === value) setText(fieldId, undefined);
        }}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps<T extends string> {
  label: ReactNode;
  value: T;
  options: readonly (T | { value: T; label: string })[];
  onChange(value: T): void;
  path?: string;
  disabled?: boolean;
  testId?: string;
  hint?: ReactNode;
  help?: string;
  className?: string;
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  path,
  disabled,
  testId,
  hint,
  help,
  className,
}: SelectFieldProps<T>) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} help={help} className={className}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => {
          const o = typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          );
        })}
      </select>
    </FieldShell>
  );
}

export interface TextFieldProps {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  path?: string;
  testId?: string;
  placeholder?: string;
  className?: string;
  /** An extra error (e.g. a parse error of the text) shown when the store has none for `path`. */
  error?: string;
}

export function TextField({ label, value, onChange, path, testId, placeholder, className, error }: TextFieldProps) {
  const id = useId();
  const validationError = useFieldError(path);
  const shown = error ?? validationError;
  return (
    <FieldShell id={id} label={label} error={shown} className={className}>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        data-testid={testId}
        spellCheck={false}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldShell>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  testId,
  help,
}: {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  testId?: string;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="field field-checkbox" title={help}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A titled group of controls (a fieldset, so screen readers announce the group). */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <fieldset className="section" data-testid={testId}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
