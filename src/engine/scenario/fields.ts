// Typed reading of untrusted JSON values with error collection: each reader returns the value when it
// is valid and records one FieldError (path + precise message) otherwise, so a whole scenario is checked
// in one pass and every problem is reported together.

import { MAX_REPORTED_ERRORS } from './limits';

export interface FieldError {
  /** Where, e.g. "optimizers[1].beta" ("scenario" for the whole input). */
  path: string;
  /** What is wrong, e.g. "must be in [0, 1), got 1". */
  message: string;
}

export function formatFieldError(e: FieldError): string {
  return e.path === '' ? e.message : `${e.path}: ${e.message}`;
}

export type JsonObject = Record<string, unknown>;

/** A numeric interval; open ends exclude the bound. */
export interface Interval {
  lo?: number;
  hi?: number;
  loOpen?: boolean;
  hiOpen?: boolean;
}

export interface NumberRule extends Interval {
  required?: boolean;
  integer?: boolean;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: nothing is read from prototypes. */
export function field(o: JsonObject, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A short description of a received value for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

export function describeInterval(r: Interval, integer = false): string {
  const kind = integer ? 'an integer ' : '';
  if (r.lo !== undefined && r.hi !== undefined) {
    return `${kind}in ${r.loOpen ? '(' : '['}${r.lo}, ${r.hi}${r.hiOpen ? ')' : ']'}`;
  }
  if (r.lo !== undefined) return `${kind}${r.loOpen ? '>' : '≥'} ${r.lo}`;
  if (r.hi !== undefined) return `${kind}${r.hiOpen ? '<' : '≤'} ${r.hi}`;
  return integer ? 'an integer' : 'a number';
}

function inInterval(x: number, r: Interval): boolean {
  if (r.lo !== undefined && (r.loOpen ? !(x > r.lo) : !(x >= r.lo))) return false;
  if (r.hi !== undefined && (r.hiOpen ? !(x < r.hi) : !(x <= r.hi))) return false;
  return true;
}

export class FieldReader {
  private readonly collected: FieldError[] = [];
  private omitted = 0;

  fail(path: string, message: string): undefined {
    if (this.collected.length < MAX_REPORTED_ERRORS) this.collected.push({ path, message });
    else this.omitted++;
    return undefined;
  }

  get errorCount(): number {
    return this.collected.length + this.omitted;
  }

  errors(): FieldError[] {
    const list = this.collected.slice();
    if (this.omitted > 0) {
      list.push({ path: 'scenario', message: `${this.omitted} more error${this.omitted === 1 ? '' : 's'} not shown` });
    }
    return list;
  }

  object(value: unknown, path: string, required = true): JsonObject | undefined {
    if (value === undefined) return required ? this.fail(path, 'is required') : undefined;
    if (!isObject(value)) return this.fail(path, `must be an object, got ${describe(value)}`);
    return value;
  }

  array(value: unknown, path: string, required = true): unknown[] | undefined {
    if (value === undefined) return required ? this.fail(path, 'is required') : undefined;
    if (!Array.isArray(value)) return this.fail(path, `must be an array, got ${describe(value)}`);
    return value;
  }

  number(value: unknown, path: string, rule: NumberRule = {}): number | undefined {
    if (value === undefined) return rule.required ? this.fail(path, 'is required') : undefined;
    if (typeof value !== 'number') return this.fail(path, `must be a number, got ${describe(value)}`);
    if (!Number.isFinite(value)) return this.fail(path, `must be finite, got ${value}`);
    if (rule.integer && !Number.isSafeInteger(value)) return this.fail(path, `must be an integer, got ${value}`);
    if (!inInterval(value, rule))
      return this.fail(path, `must be ${describeInterval(rule, rule.integer)}, got ${value}`);
    return value === 0 ? 0 : value; // −0 is not representable in JSON: normalise it
  }

  string(
    value: unknown,
    path: string,
    options: { required?: boolean; maxLength?: number; nonEmpty?: boolean } = {},
  ): string | undefined {
    if (value === undefined) return options.required ? this.fail(path, 'is required') : undefined;
    if (typeof value !== 'string') return this.fail(path, `must be a string, got ${describe(value)}`);
    if (options.nonEmpty && value.length === 0) return this.fail(path, 'must not be empty');
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      return this.fail(path, `must be at most ${options.maxLength} characters, got ${value.length}`);
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') return this.fail(path, `must be true or false, got ${describe(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[], required = true): T | undefined {
    if (value === undefined)
      return required ? this.fail(path, `is required (one of ${quoteList(options)})`) : undefined;
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    return this.fail(path, `must be one of ${quoteList(options)}, got ${describe(value)}`);
  }

  /** Finite numbers; `length` fixes the count. Undefined when any entry is bad. */
  numbers(
    value: unknown,
    path: string,
    options: { required?: boolean; length?: number; what?: string } = {},
  ): number[] | undefined {
    const list = this.array(value, path, options.required ?? true);
    if (list === undefined) return undefined;
    let ok = true;
    if (options.length !== undefined && list.length !== options.length) {
      const entries = options.length === 1 ? 'entry' : 'entries';
      this.fail(
        path,
        `must have ${options.length} ${entries}${options.what ? ` (${options.what})` : ''}, got ${list.length}`,
      );
      ok = false;
    }
    const out = new Array<number>(list.length);
    for (let i = 0; i < list.length; i++) {
      const x = this.number(list[i], `${path}[${i}]`, { required: true });
      if (x === undefined) ok = false;
      else out[i] = x;
    }
    return ok ? out : undefined;
  }

  /** A rows × cols matrix of finite numbers (rows = undefined: any positive count up to maxRows). */
  matrix(
    value: unknown,
    path: string,
    rows: number | undefined,
    cols: number,
    maxRows = Infinity,
  ): number[][] | undefined {
    const list = this.array(value, path);
    if (list === undefined) return undefined;
    const shape = `${rows ?? 'p'} × ${cols}`;
    if (rows !== undefined ? list.length !== rows : list.length < 1 || list.length > maxRows) {
      const expected = rows !== undefined ? `${rows}` : `1 to ${maxRows}`;
      return this.fail(path, `must be a ${shape} matrix: ${expected} rows, got ${list.length}`);
    }
    let ok = true;
    const out: number[][] = [];
    for (let i = 0; i < list.length; i++) {
      const row = this.numbers(list[i], `${path}[${i}]`, { length: cols });
      if (row === undefined) ok = false;
      else out.push(row);
    }
    return ok ? out : undefined;
  }
}

export function quoteList(options: readonly string[]): string {
  return options.map((o) => `'${o}'`).join(', ');
}
