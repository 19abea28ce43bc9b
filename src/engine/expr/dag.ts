// Expressions as a DAG: hash-consing makes structurally equal subexpressions one object, so a derivative
// that mentions f(u) and u in every term (the chain rule) stores them once, and derivatives of derivatives
// stay linear in size where trees grow polynomially or worse (a^a^…^a, sin(sin(…))). A node budget bounds
// what a short formula may grow into; exceeding it throws ExprBudgetError (a message for validation).

import type { Expr } from './ast';

/**
 * Nodes one model or target may derive (value, gradient, Hessian, x-derivatives together). Plain formulas
 * need a few hundred; the bound keeps the generated code under ~1 MB and its evaluation under ~1 ms/point.
 */
export const MAX_EXPRESSION_NODES = 20_000;

export class ExprBudgetError extends Error {
  constructor(
    readonly limit: number,
    readonly what = 'its derivatives',
  ) {
    super(`${what} need more than ${limit} expression nodes (a formula that explodes when differentiated)`);
  }
}

const BINARY_KEY = { binary: 'B', compare: 'C', logic: 'L' } as const;

/** Canonical nodes: intern(e) returns the one node structurally equal to e, creating it when new. */
export class ExprPool {
  private readonly ids = new Map<Expr, number>();
  private readonly byKey = new Map<string, Expr>();

  constructor(readonly maxNodes: number = MAX_EXPRESSION_NODES) {}

  get size(): number {
    return this.ids.size;
  }

  intern(e: Expr): Expr {
    if (this.ids.has(e)) return e;
    const node = this.withCanonicalChildren(e);
    const key = this.keyOf(node);
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    if (this.ids.size >= this.maxNodes) throw new ExprBudgetError(this.maxNodes);
    this.ids.set(node, this.ids.size);
    this.byKey.set(key, node);
    return node;
  }

  private id(e: Expr): number {
    const id = this.ids.get(e);
    if (id === undefined) throw new Error('internal: a child that is not canonical');
    return id;
  }

  private withCanonicalChildren(e: Expr): Expr {
    switch (e.kind) {
      case 'num':
      case 'var':
        return e;
      case 'call': {
        const args = e.args.map((a) => this.intern(a));
        return args.every((a, i) => a === e.args[i]) ? e : { kind: 'call', fn: e.fn, args };
      }
      case 'neg':
      case 'not': {
        const arg = this.intern(e.arg);
        return arg === e.arg ? e : { kind: e.kind, arg };
      }
      case 'binary':
      case 'compare':
      case 'logic': {
        const left = this.intern(e.left);
        const right = this.intern(e.right);
        return left === e.left && right === e.right ? e : ({ ...e, left, right } as Expr);
      }
      case 'cond': {
        const test = this.intern(e.test);
        const then = this.intern(e.then);
        const otherwise = this.intern(e.otherwise);
        return test === e.test && then === e.then && otherwise === e.otherwise
          ? e
          : { kind: 'cond', test, then, otherwise };
      }
    }
  }

  /** A key equal for structurally equal nodes whose children are canonical. */
  private keyOf(e: Expr): string {
    switch (e.kind) {
      case 'num':
        return `n${Object.is(e.value, -0) ? '-0' : String(e.value)}`;
      case 'var':
        return `v${e.index}`;
      case 'call':
        return `c${e.fn}(${e.args.map((a) => this.id(a)).join(',')})`;
      case 'neg':
      case 'not':
        return `${e.kind === 'neg' ? '-' : '!'}${this.id(e.arg)}`;
      case 'binary':
      case 'compare':
      case 'logic':
        return `${BINARY_KEY[e.kind]}${e.op}${this.id(e.left)},${this.id(e.right)}`;
      case 'cond':
        return `?${this.id(e.test)},${this.id(e.then)},${this.id(e.otherwise)}`;
    }
  }
}

/** The direct children of a node, in evaluation order. */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'num':
    case 'var':
      return [];
    case 'call':
      return e.args;
    case 'neg':
    case 'not':
      return [e.arg];
    case 'binary':
    case 'compare':
    case 'logic':
      return [e.left, e.right];
    case 'cond':
      return [e.test, e.then, e.otherwise];
  }
}

/** Every node reachable from the roots once, children before parents (iterative: DAGs may be deep). */
export function topologicalOrder(roots: readonly Expr[]): Expr[] {
  const order: Expr[] = [];
  const seen = new Set<Expr>();
  const stack: { node: Expr; next: number }[] = [];
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    stack.push({ node: root, next: 0 });
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const children = childrenOf(top.node);
      if (top.next < children.length) {
        const child = children[top.next++];
        if (!seen.has(child)) {
          seen.add(child);
          stack.push({ node: child, next: 0 });
        }
      } else {
        order.push(top.node);
        stack.pop();
      }
    }
  }
  return order;
}

/** Operations to evaluate the roots once (leaves are free): the work per point of a compiled set. */
export function operationCount(roots: readonly Expr[]): number {
  let count = 0;
  for (const node of topologicalOrder(roots)) if (node.kind !== 'num' && node.kind !== 'var') count++;
  return count;
}
