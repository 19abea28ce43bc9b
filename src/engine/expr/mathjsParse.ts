// The one import of mathjs: the `parse` factory of its number-only build (≈ 45 KB gzipped instead of
// ≈ 190 KB), made on first use. restricted.ts reads mathjs' trees through it. The page's main thread gets
// src/state/expressionParser.ts in its place (vite.config.ts), which loads this module on demand: the
// default scenario has no formula, so the first plot does not wait for mathjs.

import { create, parseDependencies } from 'mathjs/number';

type MathjsParse = (expr: string) => unknown;
let mathjsParse: MathjsParse | null = null;

/** mathjs' parse tree of `expr`; throws mathjs' SyntaxError ('… (char N)') when it does not parse. */
export function parseWithMathjs(expr: string): unknown {
  mathjsParse ??= create({ parseDependencies }).parse as MathjsParse;
  return mathjsParse(expr);
}
