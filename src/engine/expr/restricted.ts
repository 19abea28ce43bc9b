// Restricted expressions: formulas arrive in shared links, so only numbers, the given variables, the
// elementary functions of FUNCTION_ARITY, the constants pi, e, tau, arithmetic, comparisons, logic and
// the ternary are accepted. Anything else (import, evaluate, assignments, function definitions, indexing,
// objects, arrays, blocks, ranges, strings, unknown symbols, other functions) is rejected with a message
// naming the construct and its 0-based position in the text.
//
// mathjs parses (mathjsParse.ts: the `parse` factory of its number-only build, ≈ 45 KB gzipped);
// the validated tree is converted to ast.ts's Expr, which is what gets differentiated and compiled. Semantics are mathjs' on doubles with two documented differences:
// `==`/`!=` compare exactly (mathjs uses a relative tolerance), and results that would be complex in mathjs
// (sqrt(−1), (−8)^(1/3)) are NaN.

import { parseWithMathjs as mathjsParse } from './mathjsParse';
import { type Expr, type BinaryOp, type CompareOp, CONSTANTS, FUNCTION_ARITY, num, neg } from './ast';
import { Differentiator } from './derivative';
import { compileExpr, evaluateNode, type CompiledExpr } from './codegen';
import { ExprBudgetError, ExprPool, childrenOf } from './dag';
import { LruCache } from './cache';
import {
  type SourceToken,
  scanSource,
  identifierPosition,
  punctPosition,
  firstOfKind,
  rangeColonPosition,
  isOperandToken,
} from './source';

export type { CompiledExpr } from './codegen';

export interface ExprError {
  message: string;
  position: number | null; // 0-based character index where it fails
}

export type CompileResult = { ok: true; fn: CompiledExpr } | { ok: false; error: ExprError };
export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExprError };

/** The structural view of a mathjs node this module reads. */
interface MathjsNode {
  type: string;
  name?: string;
  op?: string;
  fn?: MathjsNode | string;
  args?: MathjsNode[];
  value?: unknown;
  content?: MathjsNode;
  condition?: MathjsNode;
  trueExpr?: MathjsNode;
  falseExpr?: MathjsNode;
  conditionals?: string[];
  params?: MathjsNode[];
}

function parseWithMathjs(expr: string): MathjsNode {
  return mathjsParse(expr) as MathjsNode;
}

class RestrictionError extends Error {
  constructor(
    readonly what: string,
    readonly position: number | null,
  ) {
    super(what);
  }
}

function withPosition(what: string, position: number | null): ExprError {
  return { message: position === null ? what : `${what} at position ${position}`, position };
}

// prettier-ignore
const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '^': '^', '.*': '*', './': '/', '.^': '^',
};
// prettier-ignore
const COMPARE_OPS: Readonly<Record<string, CompareOp>> = {
  '<': '<', '>': '>', '<=': '<=', '>=': '>=', '==': '==', '!=': '!=',
};
// prettier-ignore
const COMPARE_BY_FN: Readonly<Record<string, CompareOp>> = {
  smaller: '<', larger: '>', smallerEq: '<=', largerEq: '>=', equal: '==', unequal: '!=',
};
/** table[key] for own keys only: names from the text must never reach Object.prototype. */
function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * Names that cannot be variables: mathjs parses the literals (NaN, Infinity, true…) as constants and the
 * word operators (and, mod, to…) as operators, its named constants (PI, E, phi…) would shadow; plus the
 * constants and functions of the whitelist.
 */
// prettier-ignore
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'uninitialized', 'version',
  'E', 'PI', 'i', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT1_2', 'SQRT2', 'phi',
  'and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'end',
  ...Object.keys(CONSTANTS), ...Object.keys(FUNCTION_ARITY),
]);

/** Parse and validate; the tree is ready for differentiate/compileExpr. Variables are indexed in order. */
export function parseRestricted(expr: string, variables: string[]): ParseResult {
  for (const name of variables) {
    if (!IDENTIFIER.test(name)) return { ok: false, error: withPosition(`invalid variable name '${name}'`, null) };
    if (RESERVED_NAMES.has(name))
      return { ok: false, error: withPosition(`'${name}' is a reserved name, not a variable`, null) };
  }
  if (typeof expr !== 'string') return { ok: false, error: withPosition('expression must be a string', null) };
  let root: MathjsNode;
  try {
    root = parseWithMathjs(expr);
  } catch (error) {
    return { ok: false, error: parseError(error) };
  }
  const converter = new Converter(expr, variables);
  try {
    return { ok: true, expr: converter.convert(root) };
  } catch (error) {
    if (error instanceof RestrictionError) return { ok: false, error: withPosition(error.what, error.position) };
    if (error instanceof RangeError) return { ok: false, error: withPosition('expression is nested too deeply', null) };
    throw error;
  }
}

function parseError(error: unknown): ExprError {
  if (error instanceof RangeError) return withPosition('expression is nested too deeply', null);
  const text = error instanceof Error ? error.message : String(error);
  const match = /\s*\(char (\d+)\)\s*$/.exec(text);
  if (match === null) return withPosition(text, null);
  // mathjs reports 'char N' with N one past the 0-based index of the failing character.
  const position = Math.max(0, Number(match[1]) - 1);
  return withPosition(text.slice(0, match.index), position);
}

class Converter {
  private tokensCache: SourceToken[] | null = null;
  private readonly variableIndex = new Map<string, number>();

  constructor(
    private readonly source: string,
    variables: string[],
  ) {
    variables.forEach((name, i) => {
      if (!this.variableIndex.has(name)) this.variableIndex.set(name, i);
    });
  }

  private get tokens(): SourceToken[] {
    this.tokensCache ??= scanSource(this.source);
    return this.tokensCache;
  }

  private fail(what: string, position: number | null): never {
    throw new RestrictionError(what, position);
  }

  /** Nodes without variables whose value is known finite (their parents need not recompute them). */
  private readonly constantValues = new Map<Expr, number>();

  /** Converts and refuses constant subexpressions that leave the floats (10^400, 1/0, 0/0, sqrt(-1)). */
  convert(node: MathjsNode): Expr {
    const e = this.convertNode(node);
    if (e.kind === 'var') return e;
    const children = childrenOf(e);
    if (!children.every((c) => this.constantValues.has(c))) return e;
    const value = e.kind === 'num' ? e.value : evaluateNode(e, (c) => this.constantValues.get(c) as number);
    if (!Number.isFinite(value)) {
      const why = Number.isNaN(value) ? 'is not a number (NaN)' : `is ${value > 0 ? '' : '−'}∞, beyond the float range`;
      if (e.kind !== 'num') return this.fail(`'${String((node as { toString(): string }).toString())}' ${why}`, null);
      const literal = this.tokens.find(
        (t) =>
          (t.kind === 'number' && !Number.isFinite(Number(t.text))) ||
          (t.kind === 'identifier' && (t.text === 'Infinity' || t.text === 'NaN')),
      );
      return this.fail(`'${literal?.text ?? String(value)}' ${why}`, literal?.position ?? null);
    }
    this.constantValues.set(e, value);
    return e;
  }

  private convertNode(node: MathjsNode): Expr {
    switch (node.type) {
      case 'ParenthesisNode':
        return this.convert(node.content as MathjsNode);
      case 'ConstantNode':
        return this.constant(node.value);
      case 'SymbolNode':
        return this.symbol(node.name ?? '');
      case 'FunctionNode':
        return this.functionCall(node);
      case 'OperatorNode':
        return this.operator(node);
      case 'ConditionalNode':
        return {
          kind: 'cond',
          test: this.convert(node.condition as MathjsNode),
          then: this.convert(node.trueExpr as MathjsNode),
          otherwise: this.convert(node.falseExpr as MathjsNode),
        };
      case 'RelationalNode':
        return this.relationalChain(node);
      case 'AssignmentNode':
        return this.fail('assignments are not allowed', this.assignmentPosition());
      case 'FunctionAssignmentNode':
        return this.fail('function definitions are not allowed', this.assignmentPosition());
      case 'AccessorNode':
      case 'IndexNode':
        return this.fail('indexing and property access are not allowed', this.accessorPosition());
      case 'ObjectNode':
        return this.fail('objects are not allowed', punctPosition(this.tokens, '{'));
      case 'ArrayNode':
        return this.fail(
          'arrays are not allowed',
          punctPosition(this.tokens, '[', (prev) => !isOperandToken(prev)),
        );
      case 'BlockNode':
        return this.fail('multiple statements are not allowed', this.separatorPosition());
      case 'RangeNode':
        return this.fail('ranges are not allowed', rangeColonPosition(this.tokens));
      default:
        return this.fail(`${node.type} is not allowed`, null);
    }
  }

  private constant(value: unknown): Expr {
    if (typeof value === 'number') return num(value);
    if (value === undefined) return this.fail('expression is empty', this.source.length === 0 ? 0 : null);
    if (typeof value === 'string') return this.fail('strings are not allowed', firstOfKind(this.tokens, 'string'));
    const text =
      typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value as boolean | bigint | null);
    return this.fail(`'${text}' is not a number`, identifierPosition(this.tokens, text));
  }

  private symbol(name: string): Expr {
    const index = this.variableIndex.get(name);
    if (index !== undefined) return { kind: 'var', index };
    if (Object.hasOwn(CONSTANTS, name)) return num(CONSTANTS[name]);
    if (Object.hasOwn(FUNCTION_ARITY, name)) {
      return this.fail(
        `function '${name}' needs parenthesised arguments`,
        identifierPosition(this.tokens, name, false),
      );
    }
    return this.fail(`unknown symbol '${name}'`, identifierPosition(this.tokens, name, false));
  }

  private functionCall(node: MathjsNode): Expr {
    const fn = node.fn;
    if (typeof fn !== 'object' || fn.type !== 'SymbolNode' || fn.name === undefined) {
      return this.fail('calling the result of an expression is not allowed', null);
    }
    const name = fn.name;
    const position = identifierPosition(this.tokens, name, true);
    if (this.variableIndex.has(name) || Object.hasOwn(CONSTANTS, name)) {
      return this.fail(`'${name}' is not a function`, position);
    }
    if (!Object.hasOwn(FUNCTION_ARITY, name)) return this.fail(`function '${name}' is not allowed`, position);
    const args = node.args ?? [];
    const [lo, hi] = FUNCTION_ARITY[name];
    if (args.length < lo || args.length > hi) {
      const expected = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} or ${hi}`;
      return this.fail(
        `function '${name}' takes ${expected} argument${expected === '1' ? '' : 's'}, got ${args.length}`,
        position,
      );
    }
    return { kind: 'call', fn: name, args: args.map((a) => this.convert(a)) };
  }

  private operator(node: MathjsNode): Expr {
    const op = node.op ?? '';
    const args = node.args ?? [];
    const fnName = typeof node.fn === 'string' ? node.fn : '';
    if (args.length === 1) {
      if (op === '-') return neg(this.convert(args[0]));
      if (op === '+') return this.convert(args[0]);
      if (op === 'not') return { kind: 'not', arg: this.convert(args[0]) };
    } else if (args.length === 2) {
      const binary = ownEntry(BINARY_OPS, op);
      if (binary !== undefined) {
        return { kind: 'binary', op: binary, left: this.convert(args[0]), right: this.convert(args[1]) };
      }
      const compare = ownEntry(COMPARE_OPS, op);
      if (compare !== undefined) {
        return { kind: 'compare', op: compare, left: this.convert(args[0]), right: this.convert(args[1]) };
      }
      if (op === 'and' || op === 'or') {
        return { kind: 'logic', op, left: this.convert(args[0]), right: this.convert(args[1]) };
      }
      if (fnName === 'mod') return { kind: 'call', fn: 'mod', args: [this.convert(args[0]), this.convert(args[1])] };
    }
    const position = /^\p{L}+$/u.test(op) ? identifierPosition(this.tokens, op) : punctPosition(this.tokens, op);
    const what = op === "'" ? "the transpose operator (')" : `operator '${op}'`;
    return this.fail(`${what} is not allowed`, position);
  }

  /** a < b <= c means a < b and b <= c. */
  private relationalChain(node: MathjsNode): Expr {
    const params = (node.params ?? []).map((p) => this.convert(p));
    const ops = node.conditionals ?? [];
    let result: Expr | null = null;
    for (let i = 0; i < ops.length; i++) {
      const op = ownEntry(COMPARE_BY_FN, ops[i]);
      if (op === undefined) return this.fail(`comparison '${ops[i]}' is not allowed`, null);
      const link: Expr = { kind: 'compare', op, left: params[i], right: params[i + 1] };
      result = result === null ? link : { kind: 'logic', op: 'and', left: result, right: link };
    }
    return result ?? this.fail('empty comparison', null);
  }

  private assignmentPosition(): number | null {
    return punctPosition(this.tokens, '=');
  }

  private accessorPosition(): number | null {
    const bracket = punctPosition(this.tokens, '[', isOperandToken);
    if (bracket !== null) return bracket;
    return punctPosition(this.tokens, '.', isOperandToken);
  }

  private separatorPosition(): number | null {
    const semicolon = punctPosition(this.tokens, ';');
    const newline = /\n\s*\S/.exec(this.source);
    const candidates = [semicolon, newline === null ? null : newline.index].filter((p): p is number => p !== null);
    return candidates.length === 0 ? null : Math.min(...candidates);
  }
}

export function checkRestricted(expr: string, variables: string[]): ExprError | null {
  const parsed = parseRestricted(expr, variables);
  return parsed.ok ? null : parsed.error;
}

/** Compilations by (expression, variables, derivative): the tracks of a run share one. */
const compiled = new LruCache<CompileResult>(32);

export function compileRestricted(expr: string, variables: string[]): CompileResult {
  return compiled.get(`f\u0000${variables.join(',')}\u0000${expr}`, () => {
    const parsed = parseRestricted(expr, variables);
    if (!parsed.ok) return parsed;
    // Interned: repeated text (u*cos(u)) is computed once, with the same numbers.
    return { ok: true, fn: compileExpr(new ExprPool().intern(parsed.expr)) };
  });
}

/** ∂expr/∂wrt, symbolically (derivative.ts), compiled like compileRestricted; refused beyond the node budget. */
export function compileDerivative(expr: string, variables: string[], wrt: string): CompileResult {
  const index = variables.indexOf(wrt);
  if (index < 0)
    return { ok: false, error: withPosition(`cannot differentiate with respect to '${wrt}': not a variable`, null) };
  return compiled.get(`d${index}\u0000${variables.join(',')}\u0000${expr}`, () => {
    const parsed = parseRestricted(expr, variables);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, fn: compileExpr(new Differentiator(new ExprPool(), index).of(parsed.expr)) };
    } catch (error) {
      if (error instanceof ExprBudgetError) {
        return {
          ok: false,
          error: withPosition(
            `its derivative in ${wrt} needs more than ${error.limit} expression nodes (a formula that explodes when differentiated)`,
            null,
          ),
        };
      }
      throw error;
    }
  });
}
