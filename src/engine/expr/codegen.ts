// Compilation of a restricted expression to a JavaScript function on doubles.
// Safe by construction: the generated source contains only number literals, `v[i]` variable reads,
// arithmetic, and calls from the fixed table below — never a name or string taken from the user.
// Where `new Function` is forbidden (a strict Content-Security-Policy), a closure tree is used instead.

import { type Expr, runtime } from './ast';

export type CompiledExpr = (vars: ArrayLike<number>) => number;

const MATH_CALL: Readonly<Record<string, string>> = {
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', asin: 'Math.asin', acos: 'Math.acos', atan: 'Math.atan',
  atan2: 'Math.atan2', sinh: 'Math.sinh', cosh: 'Math.cosh', tanh: 'Math.tanh', exp: 'Math.exp',
  log: 'R.log', log10: 'Math.log10', log2: 'Math.log2', sqrt: 'Math.sqrt', cbrt: 'Math.cbrt', abs: 'Math.abs',
  sign: 'Math.sign', floor: 'Math.floor', ceil: 'Math.ceil', round: 'R.round', min: 'Math.min',
  max: 'Math.max', pow: 'Math.pow', mod: 'R.mod',
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
      const target = e.fn === 'log' && e.args.length === 1 ? 'Math.log' : Object.hasOwn(MATH_CALL, e.fn) ? MATH_CALL[e.fn] : undefined;
      if (target === undefined) throw new Error(`internal: no code for function '${e.fn}'`);
      return `${target}(${e.args.map(toJavaScript).join(', ')})`;
    }
    case 'neg':
      return `(-${toJavaScript(e.arg)})`;
    case 'binary':
      if (e.op === '^') return `Math.pow(${toJavaScript(e.left)}, ${toJavaScript(e.right)})`;
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
      const factory = new Function('R', `"use strict"; return function compiled(v) { return ${toJavaScript(e)}; };`);
      codegenAvailable = true;
      return factory(runtime) as CompiledExpr;
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
        case '^': return (v) => Math.pow(a(v), b(v));
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
  const name = Object.hasOwn(MATH_CALL, fn) ? (MATH_CALL[fn].replace('Math.', '') as keyof Math) : undefined;
  const f = name === undefined ? undefined : Math[name];
  if (typeof f !== 'function') throw new Error(`internal: no code for function '${fn}'`);
  return f as (...x: number[]) => number;
}
