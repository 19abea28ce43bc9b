// The restricted expression language, as a small tree that only holds what the whitelist allows.
// Built from a validated mathjs parse tree (restricted.ts); differentiated (derivative.ts) and compiled
// (codegen.ts) from here, so no mathjs node ever reaches code generation.

import * as libm from '../math';

/** Elementary functions of the whitelist, with their arity. */
export const FUNCTION_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  asin: [1, 1],
  acos: [1, 1],
  atan: [1, 1],
  atan2: [2, 2],
  sinh: [1, 1],
  cosh: [1, 1],
  tanh: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  log10: [1, 1],
  log2: [1, 1],
  sqrt: [1, 1],
  cbrt: [1, 1],
  abs: [1, 1],
  sign: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
  round: [1, 1],
  min: [1, Infinity],
  max: [1, Infinity],
  pow: [2, 2],
  mod: [2, 2],
};

export type FunctionName = keyof typeof FUNCTION_ARITY;

export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI };

export type BinaryOp = '+' | '-' | '*' | '/' | '^';
export type CompareOp = '<' | '>' | '<=' | '>=' | '==' | '!=';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; index: number }
  | { kind: 'call'; fn: FunctionName; args: Expr[] }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'logic'; op: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; arg: Expr }
  | { kind: 'cond'; test: Expr; then: Expr; otherwise: Expr };

/** mathjs semantics on doubles where they differ from Math: modulo with the sign of the divisor, round half away from zero. */
export const runtime = {
  mod(x: number, y: number): number {
    return y === 0 ? x : x - y * Math.floor(x / y);
  },
  round(x: number): number {
    return x < 0 ? -Math.round(-x) : Math.round(x);
  },
  log(x: number, base?: number): number {
    return base === undefined ? libm.log(x) : libm.log(x) / libm.log(base);
  },
};

export function num(value: number): Expr {
  return { kind: 'num', value };
}

export function isNum(e: Expr, value?: number): e is { kind: 'num'; value: number } {
  return e.kind === 'num' && (value === undefined || e.value === value);
}

// Smart constructors with constant folding, so that derivatives stay small.

export function add(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value + b.value);
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  if (b.kind === 'neg') return sub(a, b.arg);
  return { kind: 'binary', op: '+', left: a, right: b };
}

export function sub(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value - b.value);
  if (isNum(b, 0)) return a;
  if (isNum(a, 0)) return neg(b);
  if (b.kind === 'neg') return add(a, b.arg);
  return { kind: 'binary', op: '-', left: a, right: b };
}

export function neg(a: Expr): Expr {
  if (isNum(a)) return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  return { kind: 'neg', arg: a };
}

export function mul(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value * b.value);
  // A derivative factor 0 annihilates the product (the usual convention of symbolic differentiation).
  if (isNum(a, 0) || isNum(b, 0)) return num(0);
  if (isNum(a, 1)) return b;
  if (isNum(b, 1)) return a;
  if (isNum(a, -1)) return neg(b);
  if (isNum(b, -1)) return neg(a);
  if (a.kind === 'neg') return neg(mul(a.arg, b));
  if (b.kind === 'neg') return neg(mul(a, b.arg));
  return { kind: 'binary', op: '*', left: a, right: b };
}

export function div(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b) && b.value !== 0) return num(a.value / b.value);
  if (isNum(a, 0)) return num(0);
  if (isNum(b, 1)) return a;
  if (a.kind === 'neg') return neg(div(a.arg, b));
  return { kind: 'binary', op: '/', left: a, right: b };
}

export function pow(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(libm.pow(a.value, b.value));
  if (isNum(b, 1)) return a;
  if (isNum(b, 0)) return num(1);
  return { kind: 'binary', op: '^', left: a, right: b };
}

export function call(fn: FunctionName, ...args: Expr[]): Expr {
  return { kind: 'call', fn, args };
}

export function cond(test: Expr, then: Expr, otherwise: Expr): Expr {
  if (isNum(then) && isNum(otherwise) && Object.is(then.value, otherwise.value)) return then;
  return { kind: 'cond', test, then, otherwise };
}
