// Compilation of restricted expressions to JavaScript functions on doubles.
// Safe by construction: the generated source contains only number literals, `v[i]` variable reads,
// `t<n>` temporaries, arithmetic, and calls from the fixed table below — never a name or string taken from
// the user. Where `new Function` is forbidden (a strict Content-Security-Policy), a tape of closures is
// evaluated instead.
//
// Expressions are DAGs (dag.ts): a node used more than once is computed once into a temporary, so the code
// is as long as the DAG, not as the tree it stands for. Temporaries are evaluated eagerly, also those only
// a conditional's untaken branch needs: each node still computes exactly what the tree computed (the same
// operations on the same operands), so results are the same to the bit.

import { type Expr, runtime } from './ast';
import { ExprBudgetError, childrenOf, topologicalOrder } from './dag';
import * as libm from '../math';

export type CompiledExpr = (vars: ArrayLike<number>) => number;
/** Several expressions at once: out[at + k] ← expression k (shared subexpressions computed once). */
export type CompiledExprs = (vars: ArrayLike<number>, out: Float64Array, at: number) => void;

/** Longest generated source (the node budget keeps real code far shorter). */
export const MAX_GENERATED_CODE_LENGTH = 2_000_000;
/** A chain of single-use nodes deeper than this is cut by a temporary (parsers have nesting limits). */
const MAX_INLINE_DEPTH = 40;

// Transcendental functions come from the engine's own libm (M), identical to the bit on every JavaScript
// engine; only functions ECMAScript specifies exactly (sqrt, abs, sign, floor, ceil, min, max) use Math.
const MATH_CALL: Readonly<Record<string, string>> = {
  sin: 'M.sin',
  cos: 'M.cos',
  tan: 'M.tan',
  asin: 'M.asin',
  acos: 'M.acos',
  atan: 'M.atan',
  atan2: 'M.atan2',
  sinh: 'M.sinh',
  cosh: 'M.cosh',
  tanh: 'M.tanh',
  exp: 'M.exp',
  log: 'R.log',
  log10: 'M.log10',
  log2: 'M.log2',
  sqrt: 'Math.sqrt',
  cbrt: 'M.cbrt',
  abs: 'Math.abs',
  sign: 'Math.sign',
  floor: 'Math.floor',
  ceil: 'Math.ceil',
  round: 'R.round',
  min: 'Math.min',
  max: 'Math.max',
  pow: 'M.pow',
  mod: 'R.mod',
};

/** The functions behind MATH_CALL's targets, for the closure evaluator. */
const MATH_FUNCTION: Readonly<Record<string, (...x: number[]) => number>> = {
  sin: libm.sin,
  cos: libm.cos,
  tan: libm.tan,
  asin: libm.asin,
  acos: libm.acos,
  atan: libm.atan,
  atan2: libm.atan2,
  sinh: libm.sinh,
  cosh: libm.cosh,
  tanh: libm.tanh,
  exp: libm.exp,
  log: runtime.log,
  log10: libm.log10,
  log2: libm.log2,
  sqrt: Math.sqrt,
  cbrt: libm.cbrt,
  abs: Math.abs,
  sign: Math.sign,
  floor: Math.floor,
  ceil: Math.ceil,
  round: runtime.round,
  min: Math.min,
  max: Math.max,
  pow: libm.pow,
  mod: runtime.mod,
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

function callTarget(e: Extract<Expr, { kind: 'call' }>): string {
  const target =
    e.fn === 'log' && e.args.length === 1 ? 'M.log' : Object.hasOwn(MATH_CALL, e.fn) ? MATH_CALL[e.fn] : undefined;
  if (target === undefined) throw new Error(`internal: no code for function '${e.fn}'`);
  return target;
}

/** The code of one node given the code of its children. */
function nodeCode(e: Expr, code: (child: Expr) => string): string {
  switch (e.kind) {
    case 'num':
      return literal(e.value);
    case 'var':
      return `v[${e.index | 0}]`;
    case 'call':
      return `${callTarget(e)}(${e.args.map(code).join(', ')})`;
    case 'neg':
      return `(-${code(e.arg)})`;
    case 'binary':
      if (e.op === '^') return `M.pow(${code(e.left)}, ${code(e.right)})`;
      return `(${code(e.left)} ${e.op} ${code(e.right)})`;
    case 'compare': {
      const op = e.op === '==' ? '===' : e.op === '!=' ? '!==' : e.op;
      return `(${code(e.left)} ${op} ${code(e.right)} ? 1 : 0)`;
    }
    case 'logic':
      return `(${code(e.left)} ${e.op === 'and' ? '&&' : '||'} ${code(e.right)} ? 1 : 0)`;
    case 'not':
      return `(${code(e.arg)} ? 0 : 1)`;
    case 'cond':
      return `(${code(e.test)} ? ${code(e.then)} : ${code(e.otherwise)})`;
  }
}

/** Statements computing the shared nodes, and one expression per root. */
export function emitJavaScript(roots: readonly Expr[]): { statements: string[]; outputs: string[] } {
  const order = topologicalOrder(roots);
  const uses = new Map<Expr, number>();
  for (const root of roots) uses.set(root, (uses.get(root) ?? 0) + 1);
  for (const node of order) for (const child of childrenOf(node)) uses.set(child, (uses.get(child) ?? 0) + 1);
  const code = new Map<Expr, string>();
  const depth = new Map<Expr, number>();
  const statements: string[] = [];
  let length = 0;
  const of = (child: Expr) => code.get(child) as string;
  for (const node of order) {
    const text = nodeCode(node, of);
    const leaf = node.kind === 'num' || node.kind === 'var';
    let nodeDepth = 0;
    if (!leaf) {
      for (const child of childrenOf(node)) nodeDepth = Math.max(nodeDepth, (depth.get(child) ?? 0) + 1);
    }
    if (!leaf && ((uses.get(node) ?? 0) > 1 || nodeDepth > MAX_INLINE_DEPTH)) {
      const name = `t${statements.length}`;
      statements.push(`const ${name} = ${text};`);
      length += text.length + name.length + 10;
      code.set(node, name);
      depth.set(node, 0);
    } else {
      code.set(node, text);
      depth.set(node, nodeDepth);
    }
    if (length > MAX_GENERATED_CODE_LENGTH) throw new ExprBudgetError(MAX_GENERATED_CODE_LENGTH, 'its generated code');
  }
  return { statements, outputs: roots.map(of) };
}

let codegenAvailable: boolean | null = null;

/** new Function where allowed; null when a Content-Security-Policy forbids it. */
function generate(parameters: string, body: string): unknown {
  if (codegenAvailable === false) return null;
  try {
    // Generated from a validated expression tree only (never from user text): see restricted.ts.
    // oxlint-disable-next-line typescript/no-implied-eval
    const factory = new Function('R', 'M', `"use strict"; return function compiled(${parameters}) { ${body} };`);
    codegenAvailable = true;
    return factory(runtime, libm);
  } catch (error) {
    if (codegenAvailable === true) throw error; // a real code generation bug, not a CSP refusal
    codegenAvailable = false;
    return null;
  }
}

export function compileExpr(e: Expr): CompiledExpr {
  const { statements, outputs } = emitJavaScript([e]);
  const fn = generate('v', `${statements.join('\n')}\nreturn ${outputs[0]};`);
  return fn === null ? compileClosure(e) : (fn as CompiledExpr);
}

export function compileExprs(roots: readonly Expr[]): CompiledExprs {
  const { statements, outputs } = emitJavaScript(roots);
  const stores = outputs.map((text, k) => `out[at + ${k}] = ${text};`);
  const fn = generate('v, out, at', `${statements.join('\n')}\n${stores.join('\n')}`);
  return fn === null ? compileTape(roots) : (fn as CompiledExprs);
}

// ---- without code generation: a tape of closures over slots ------------------------------------

type Step = (slots: Float64Array, v: ArrayLike<number>) => number;

/** The same semantics as the generated code: every node once, in topological order, into a slot. */
export function compileTape(roots: readonly Expr[]): CompiledExprs {
  const order = topologicalOrder(roots);
  const slot = new Map<Expr, number>();
  order.forEach((node, i) => slot.set(node, i));
  const at = (e: Expr) => slot.get(e) as number;
  const steps = order.map((node) => closureStep(node, at));
  const outputs = roots.map(at);
  const slots = new Float64Array(order.length);
  return (v, out, offset) => {
    for (let i = 0; i < steps.length; i++) slots[i] = steps[i](slots, v);
    for (let k = 0; k < outputs.length; k++) out[offset + k] = slots[outputs[k]];
  };
}

/** One expression through the tape (the CSP fallback of compileExpr). */
export function compileClosure(e: Expr): CompiledExpr {
  const tape = compileTape([e]);
  const out = new Float64Array(1);
  return (v) => {
    tape(v, out, 0);
    return out[0];
  };
}

/** One node's value from its children's values (the parser's check of constant subexpressions). */
export function evaluateNode(e: Expr, valueOf: (child: Expr) => number): number {
  const children = childrenOf(e);
  const slots = Float64Array.from(children, valueOf);
  return closureStep(e, (c) => children.indexOf(c))(slots, []);
}

function closureStep(e: Expr, at: (e: Expr) => number): Step {
  switch (e.kind) {
    case 'num': {
      const c = e.value;
      return () => c;
    }
    case 'var': {
      const i = e.index;
      return (_s, v) => v[i];
    }
    case 'neg': {
      const a = at(e.arg);
      return (s) => -s[a];
    }
    case 'binary': {
      const a = at(e.left);
      const b = at(e.right);
      switch (e.op) {
        case '+':
          return (s) => s[a] + s[b];
        case '-':
          return (s) => s[a] - s[b];
        case '*':
          return (s) => s[a] * s[b];
        case '/':
          return (s) => s[a] / s[b];
        case '^':
          return (s) => libm.pow(s[a], s[b]);
      }
      break;
    }
    case 'compare': {
      const a = at(e.left);
      const b = at(e.right);
      switch (e.op) {
        case '<':
          return (s) => (s[a] < s[b] ? 1 : 0);
        case '>':
          return (s) => (s[a] > s[b] ? 1 : 0);
        case '<=':
          return (s) => (s[a] <= s[b] ? 1 : 0);
        case '>=':
          return (s) => (s[a] >= s[b] ? 1 : 0);
        case '==':
          return (s) => (s[a] === s[b] ? 1 : 0);
        case '!=':
          return (s) => (s[a] !== s[b] ? 1 : 0);
      }
      break;
    }
    case 'logic': {
      const a = at(e.left);
      const b = at(e.right);
      return e.op === 'and' ? (s) => (s[a] && s[b] ? 1 : 0) : (s) => (s[a] || s[b] ? 1 : 0);
    }
    case 'not': {
      const a = at(e.arg);
      return (s) => (s[a] ? 0 : 1);
    }
    case 'cond': {
      const t = at(e.test);
      const a = at(e.then);
      const b = at(e.otherwise);
      return (s) => (s[t] ? s[a] : s[b]);
    }
    case 'call': {
      const args = e.args.map(at);
      const f = closureFunction(e.fn);
      if (args.length === 1) {
        const a = args[0];
        return (s) => f(s[a]);
      }
      if (args.length === 2) {
        const [a, b] = args;
        return (s) => f(s[a], s[b]);
      }
      return (s) => f(...args.map((a) => s[a]));
    }
  }
  throw new Error('internal: unknown expression node');
}

function closureFunction(fn: string): (...x: number[]) => number {
  switch (fn) {
    case 'log':
      return runtime.log;
    case 'round':
      return runtime.round;
    case 'mod':
      return runtime.mod;
  }
  const f = Object.hasOwn(MATH_FUNCTION, fn) ? MATH_FUNCTION[fn] : undefined;
  if (typeof f !== 'function') throw new Error(`internal: no code for function '${fn}'`);
  return f;
}
