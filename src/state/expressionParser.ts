// The expression parser (mathjs, ≈ 45 KB gzipped) on the page's main thread, loaded on demand. In the
// production build this module stands in for src/engine/expr/mathjsParse.ts wherever restricted.ts
// imports it (the `lazy-expression-parser` plugin in vite.config.ts; the workers, the CLI, the dev
// server and the tests keep the static import). Until the chunk has arrived a parse throws
// ExpressionParserLoading and starts the load; `needsParser` tells the callers (the scenario store, the
// link) to run again once it is there. The default scenario has no formula, so the first plot never waits.

import { useSyncExternalStore } from 'react';

type MathjsParse = (expr: string) => unknown;

/** The message of a parse attempted before the parser arrived (what restricted.ts reports then). */
export const PARSER_LOADING_MESSAGE = 'the expression parser is still loading';

export class ExpressionParserLoading extends Error {
  constructor() {
    super(PARSER_LOADING_MESSAGE);
    this.name = 'ExpressionParserLoading';
  }
}

let parse: MathjsParse | null = null;
let loading: Promise<void> | null = null;
/** Parses attempted before the parser was there. */
let misses = 0;
const listeners = new Set<() => void>();

/** Load the parser (once; again after a failure). Resolves when parses work. */
export function loadExpressionParser(): Promise<void> {
  if (parse) return Promise.resolve();
  loading ??= import('../engine/expr/mathjsParse').then(
    (module) => {
      parse = module.parseWithMathjs;
      for (const listener of listeners) listener();
    },
    (error: unknown) => {
      loading = null;
      throw error instanceof Error ? error : new Error(String(error));
    },
  );
  return loading;
}

/** Same contract as mathjsParse.ts's, once loaded; before, starts the load and throws ExpressionParserLoading. */
export function parseWithMathjs(expr: string): unknown {
  if (parse) return parse(expr);
  misses++;
  void loadExpressionParser().catch(() => undefined);
  throw new ExpressionParserLoading();
}

/**
 * Run `work` (a validation, a link decode). If it asked for the parser before it was loaded, its value
 * is provisional and `pending` resolves when the work can be done again (rejects if the load failed).
 * Where this module is not the parser (dev server, tests), `pending` is always null.
 */
export function needsParser<T>(work: () => T): { value: T; pending: Promise<void> | null } {
  const before = misses;
  const value = work();
  return { value, pending: misses > before ? loadExpressionParser() : null };
}

/** 0 until the parser has loaded, then 1: a memo dependency for what was computed without it. */
export function useExpressionParserVersion(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (parse === null ? 0 : 1),
  );
}
