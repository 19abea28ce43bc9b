// Compilation of a restricted expression to a JavaScript function on doubles.
// Safe by construction: the generated source contains only number literals, `v[i]` variable reads,
// arithmetic, and calls from the fixed table below — never a name or string taken from the user.
// Where `new Function` is forbidden (a strict Content-Security-Policy), a closure tree is used instead.

import { type Expr, runtime } from './ast';
import * as libm from '../math';

export type CompiledExpr = (vars: ArrayLike<number>) => number;

// Transcendental functions come from the engine's own libm (M), identical to the bit on every JavaScript
// engine; only functions ECMAScript specifies exactly (sqrt, abs, sign, floor, ceil, min, max) use Math.
const MATH_CALL: Readonly<Record<string, string>> = {
  sin: 'M.sin', cos: 'M.cos', tan: 'M.tan', asin: 'M.asin', acos: 'M.acos', atan: 'M.atan',
  atan2: 'M.atan2', sinh: 'M.sinh', cosh: 'M.cosh', tanh: 'M.tanh', exp: 'M.exp',
  log: 'R.log', log10: 'M.log10', log2: 'M.log2', sqrt: 'Math.sqrt', cbrt: 'M.cbrt', abs: 'Math.abs',
  sign: 'Math.sign', floor: 'Math.floor', ceil: 'Math.ceil', round: 'R.round', min: 'Math.min',
  max: 'Math.max', pow: 'M.pow', mod: 'R.mod',
};

/** The functions behind MATH_CALL's targets, for the closure evaluator. */
const MATH_FUNCTION: Readonly<Record<string, (...x: number[]) => number>> = {
  sin: libm.sin, cos: libm.cos, tan: libm.tan, asin: libm.asin, acos: libm.acos, atan: libm.atan,
  atan2: libm.atan2, sinh: libm.sinh, cosh: libm.cosh, tanh: libm.tanh, exp: libm.exp,
  log: runtime.log, log10: libm.log10, log2: libm.log2, sqrt: Math.sqrt, cbrt: libm.cbrt, abs: Math.abs,
  sign: Math.sign, floor: Math.floor, ceil: Math.ceil, round: runtime.round, min: Math.min,
  max: Math.max, pow: libm.pow, mod: runtime.mod,
};

function literal(value: number): string {
  if (typeof value !== 'number') throw new Error('internal: a constant that is not a number');
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '(-Infinity)';
  if (Object.is(value, -0)) return '(-0)';
  const text = String(value); // shortest round-trip representation: exact
  return value < 0 ? `(${text})` : text;
}

export function toJavaScript(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return literal(e.value);
    case 'var':
      return `v[${e.index | 0}]`;
    case 'call': {
      const target = e.fn === 'log' && e.args.length === 1 ? 'M.log' : Object.hasOwn(MATH_CALL, e.fn) ? MATH_CALL[e.fn] : undefined;
      if (target === undefined) throw new Error(`internal: no code for function '${e.fn}'`);
      return `${target}(${e.args.map(toJavaScript).join(', ')})`;
    }
    case 'neg':
      return `(-${toJavaScript(e.arg)})`;
    case 'binary':
      if (e.op === '^') return `M.pow(${toJavaScript(e.left)}, ${toJavaScript(e.right)})`;
      return `(${toJavaScript(e.left)} ${e.op} ${toJavaScript(e.right)})`;
    case 'compare': {
      const op = e.op === '==' ? '===' : e.op === '!=' ? '!==' : e.op;
      return `(${toJavaScript(e.left)} ${op} ${toJavaScript(e.right)} ? 1 : 0)`;
    }
    case 'logic':
      return `(${toJavaScript(e.left)} ${e.op === 'and' ? '&&' : '||'} ${toJavaScript(e.right)} ? 1 : 0)`;
    case 'not':
      return `(${toJavaScript(e.arg)} ? 0 : 1)`;
    case 'cond':
      return `(${toJavaScript(e.test)} ? ${toJavaScript(e.then)} : ${toJavaScript(e.otherwise)})`;
  }
}

let codegenAvailable: boolean | null = null;

export function compileExpr(e: Expr): CompiledExpr {
  if (codegenAvailable !== false) {
    try {
      const factory = new Function('R', 'M', `"use strict"; return function compiled(v) { return ${toJavaScript(e)}; };`);
      codegenAvailable = true;
      return factory(runtime, libm) as CompiledExpr;
    } catch (error) {
      if (codegenAvailable === true) throw error; // a real code generation bug, not a CSP refusal
      codegenAvailable = false;
    }
  }
  return compileClosure(e);
}

type Fn = (v: ArrayLike<number>) => number;

/** The same semantics as toJavaScript, as nested closures (no eval). */
export function compileClosure(e: Expr): Fn {
  switch (e.kind) {
    case 'num': {
      const c = e.value;
      return () => c;
    }
    case 'var': {
      const i = e.index;
      return (v) => v[i];
    }
    case 'neg': {
      const a = compileClosure(e.arg);
      return (v) => -a(v);
    }
    case 'binary': {
      const a = compileClosure(e.left);
      const b = compileClosure(e.right);
      switch (e.op) {
        case '+': return (v) => a(v) + b(v);
        case '-': return (v) => a(v) - b(v);
        case '*': return (v) => a(v) * b(v);
        case '/': return (v) => a(v) / b(v);
        case '^': return (v) => libm.pow(a(v), b(v));
      }
      break;
    }
    case 'compare': {
      const a = compileClosure(e.left);
      const b = compileClosure(e.right);
      switch (e.op) {
        case '<': return (v) => (a(v) < b(v) ? 1 : 0);
        case '>': return (v) => (a(v) > b(v) ? 1 : 0);
        case '<=': return (v) => (a(v) <= b(v) ? 1 : 0);
        case '>=': return (v) => (a(v) >= b(v) ? 1 : 0);
        case '==': return (v) => (a(v) === b(v) ? 1 : 0);
        case '!=': return (v) => (a(v) !== b(v) ? 1 : 0);
      }
      break;
    }
    case 'logic': {
      const a = compileClosure(e.left);
      const b = compileClosure(e.right);
      return e.op === 'and' ? (v) => (a(v) && b(v) ? 1 : 0) : (v) => (a(v) || b(v) ? 1 : 0);
    }
    case 'not': {
      const a = compileClosure(e.arg);
      return (v) => (a(v) ? 0 : 1);
    }
    case 'cond': {
      const t = compileClosure(e.test);
      const a = compileClosure(e.then);
      const b = compileClosure(e.otherwise);
      return (v) => (t(v) ? a(v) : b(v));
    }
    case 'call': {
      const args = e.args.map(compileClosure);
      const f = closureFunction(e.fn);
      if (args.length === 1) {
        const a = args[0];
        return (v) => f(a(v));
      }
      if (args.length === 2) {
        const [a, b] = args;
        return (v) => f(a(v), b(v));
      }
      return (v) => f(...args.map((a) => a(v)));
    }
  }
  throw new Error('internal: unknown expression node');
}

function closureFunction(fn: string): (...x: number[]) => number {
  switch (fn) {
    case 'log': return runtime.log;
    case 'round': return runtime.round;
    case 'mod': return runtime.mod;
  }
  const f = Object.hasOwn(MATH_FUNCTION, fn) ? MATH_FUNCTION[fn] : undefined;
  if (typeof f !== 'function') throw new Error(`internal: no code for function '${fn}'`);
  return f;
}
