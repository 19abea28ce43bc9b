// The formula box: a mathjs expression checked as it is typed. A bad formula shows the message and a
// caret under the failing character, while the page keeps running the last good scenario.

import { useId, useMemo } from 'react';
import { checkRestricted } from '../../engine/expr/restricted';
import { useFieldError } from './fields';
import { PARSER_LOADING_MESSAGE, useExpressionParserVersion } from '../../state/expressionParser';

export interface FormulaFieldProps {
  label: string;
  value: string;
  variables: string[];
  onChange(value: string): void;
  /** Scenario path whose validation errors are shown when the formula itself parses. */
  path: string;
  testId?: string;
  /** What the page does meanwhile, said after the error. */
  keptNote?: string;
}

export function FormulaField({
  label,
  value,
  variables,
  onChange,
  path,
  testId,
  keptNote = 'the plots keep the last valid scenario.',
}: FormulaFieldProps) {
  const id = useId();
  // Checked again once the lazily loaded parser is there (until then the field shows no verdict).
  const parserVersion = useExpressionParserVersion();
  const syntax = useMemo(() => {
    if (value.trim() === '') return { message: 'enter a formula', position: null };
    const error = checkRestricted(value, variables);
    return error?.message === PARSER_LOADING_MESSAGE && parserVersion === 0 ? null : error;
  }, [value, variables, parserVersion]);
  const validation = useFieldError(path);
  const message = syntax?.message ?? validation;
  const position = syntax?.position ?? null;
  return (
    <div className={`field formula-field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="formula-input"
        value={value}
        spellCheck={false}
        autoComplete="off"
        data-testid={testId}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {message ? (
        <div
          className="field-error formula-error"
          id={`${id}-error`}
          role="alert"
          data-testid={testId ? `${testId}-error` : undefined}
        >
          {position !== null ? (
            <pre className="formula-caret" aria-hidden="true" data-position={position}>
              {value}
              {'\n'}
              {' '.repeat(Math.max(0, Math.min(position, value.length)))}^
            </pre>
          ) : null}
          <span>{message}</span>
          <span className="formula-kept"> — {keptNote}</span>
        </div>
      ) : null}
    </div>
  );
}
