// Symbolic differentiation of a restricted expression (ast.ts), for every construct of the whitelist.
// Piecewise-constant functions (sign, floor, ceil, round, comparisons, logic) have derivative 0 where they
// are differentiable; abs, min, max, mod and conditionals differentiate branch-wise.
// (mathjs' own `derivative` knows neither atan2, log2, min, max, mod, sign, floor, ceil, round nor
// conditionals, and pulls in `simplify`; this keeps the whitelist and the derivative consistent.)
//
// Derivatives are built on a hash-consed DAG (dag.ts) and memoised per node: each node is differentiated
// once, however often it occurs, and every result is canonical — the same structure the tree-building
// rules below always produced (so the same numbers), without the repeated copies.

import { type Expr, add, sub, mul, div, neg, pow, call, cond, num } from './ast';
import { ExprPool } from './dag';

/** ∂/∂(variable wrt) of canonical nodes of one pool, memoised. */
export class Differentiator {
  private readonly derivatives = new Map<Expr, Expr>();
  private readonly dependence = new Map<Expr, boolean>();

  constructor(
    private readonly pool: ExprPool,
    private readonly wrt: number,
  ) {}

  /** The derivative of e (interned first, so any node of any origin may be passed). */
  of(e: Expr): Expr {
    const node = this.pool.intern(e);
    const known = this.derivatives.get(node);
    if (known !== undefined) return known;
    const derivative = this.pool.intern(this.rule(node));
    this.derivatives.set(node, derivative);
    return derivative;
  }

  /** True when e depends on the variable (memoised: DAGs revisit nodes). */
  dependsOn(e: Expr): boolean {
    const known = this.dependence.get(e);
    if (known !== undefined) return known;
    let result: boolean;
    switch (e.kind) {
      case 'num':
        result = false;
        break;
      case 'var':
        result = e.index === this.wrt;
        break;
      case 'call':
        result = e.args.some((a) => this.dependsOn(a));
        break;
      case 'neg':
      case 'not':
        result = this.dependsOn(e.arg);
        break;
      case 'binary':
      case 'compare':
      case 'logic':
        result = this.dependsOn(e.left) || this.dependsOn(e.right);
        break;
      case 'cond':
        result = this.dependsOn(e.test) || this.dependsOn(e.then) || this.dependsOn(e.otherwise);
        break;
    }
    this.dependence.set(e, result);
    return result;
  }

  private rule(e: Expr): Expr {
    if (!this.dependsOn(e)) return num(0);
    switch (e.kind) {
      case 'num':
        return num(0);
      case 'var':
        return num(e.index === this.wrt ? 1 : 0);
      case 'neg':
        return neg(this.of(e.arg));
      case 'compare':
      case 'logic':
      case 'not':
        return num(0);
      case 'cond':
        return cond(e.test, this.of(e.then), this.of(e.otherwise));
      case 'binary':
        return this.binary(e.op, e.left, e.right);
      case 'call':
        return this.call(e.fn, e.args);
    }
  }

  private binary(op: '+' | '-' | '*' | '/' | '^', a: Expr, b: Expr): Expr {
    const da = this.of(a);
    const db = this.of(b);
    switch (op) {
      case '+':
        return add(da, db);
      case '-':
        return sub(da, db);
      case '*':
        return add(mul(da, b), mul(a, db));
      case '/':
        // (a/b)' = a'/b − a b'/b²
        return sub(div(da, b), div(mul(a, db), pow(b, num(2))));
      case '^':
        return this.power(a, b, da, db);
    }
  }

  private power(a: Expr, b: Expr, da: Expr, db: Expr): Expr {
    if (!this.dependsOn(b)) return mul(mul(b, pow(a, sub(b, num(1)))), da); // b a^(b−1) a'
    if (!this.dependsOn(a)) return mul(mul(pow(a, b), call('log', a)), db); // a^b log(a) b'
    // a^b (b' log a + b a'/a)
    return mul(pow(a, b), add(mul(db, call('log', a)), div(mul(b, da), a)));
  }

  private call(fn: string, args: Expr[]): Expr {
    const u = args[0];
    const du = this.of(u);
    const chain = (outer: Expr) => mul(outer, du);
    switch (fn) {
      case 'sin':
        return chain(call('cos', u));
      case 'cos':
        return neg(chain(call('sin', u)));
      case 'tan':
        return div(du, pow(call('cos', u), num(2)));
      case 'asin':
        return div(du, call('sqrt', sub(num(1), pow(u, num(2)))));
      case 'acos':
        return neg(div(du, call('sqrt', sub(num(1), pow(u, num(2))))));
      case 'atan':
        return div(du, add(num(1), pow(u, num(2))));
      case 'atan2': {
        // atan2(y, x)' = (x y' − y x') / (x² + y²)
        const [y, x] = args;
        const dx = this.of(x);
        return div(sub(mul(x, du), mul(y, dx)), add(pow(x, num(2)), pow(y, num(2))));
      }
      case 'sinh':
        return chain(call('cosh', u));
      case 'cosh':
        return chain(call('sinh', u));
      case 'tanh':
        return chain(sub(num(1), pow(call('tanh', u), num(2))));
      case 'exp':
        return chain(call('exp', u));
      case 'log':
        if (args.length === 2) return this.of(div(call('log', u), call('log', args[1])));
        return div(du, u);
      case 'log10':
        return div(du, mul(u, num(Math.LN10)));
      case 'log2':
        return div(du, mul(u, num(Math.LN2)));
      case 'sqrt':
        return div(du, mul(num(2), call('sqrt', u)));
      case 'cbrt':
        return div(du, mul(num(3), pow(call('cbrt', u), num(2))));
      case 'abs':
        return chain(call('sign', u));
      case 'sign':
      case 'floor':
      case 'ceil':
      case 'round':
        return num(0);
      case 'pow':
        return this.binary('^', u, args[1]);
      case 'mod': {
        // mod(a, b) = a − b floor(a/b): derivative a' − b' floor(a/b) away from the jumps
        const b = args[1];
        return sub(du, mul(this.of(b), call('floor', div(u, b))));
      }
      case 'min':
      case 'max':
        return this.extremum(fn, args);
      default:
        throw new Error(`no derivative for function '${fn}'`);
    }
  }

  /** min(a, rest…)' = a ≤ min(rest) ? a' : min(rest)' (the first extremal argument wins ties). */
  private extremum(fn: 'min' | 'max', args: Expr[]): Expr {
    if (args.length === 1) return this.of(args[0]);
    const [first, ...rest] = args;
    const others = rest.length === 1 ? rest[0] : call(fn, ...rest);
    const firstWins: Expr = { kind: 'compare', op: fn === 'min' ? '<=' : '>=', left: first, right: others };
    return cond(firstWins, this.of(first), this.extremum(fn, rest));
  }
}

/** ∂e/∂(variable wrt), on a pool of its own (or a given one, to share nodes with other derivatives). */
export function differentiate(e: Expr, wrt: number, pool: ExprPool = new ExprPool(Infinity)): Expr {
  return new Differentiator(pool, wrt).of(e);
}
