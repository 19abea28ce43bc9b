// Symbolic differentiation of a restricted expression (ast.ts), for every construct of the whitelist.
// Piecewise-constant functions (sign, floor, ceil, round, comparisons, logic) have derivative 0 where they
// are differentiable; abs, min, max, mod and conditionals differentiate branch-wise.
// (mathjs' own `derivative` knows neither atan2, log2, min, max, mod, sign, floor, ceil, round nor
// conditionals, and pulls in `simplify`; this keeps the whitelist and the derivative consistent.)

import {
  type Expr, add, sub, mul, div, neg, pow, call, cond, num, dependsOn,
} from './ast';

export function differentiate(e: Expr, wrt: number): Expr {
  if (!dependsOn(e, wrt)) return num(0);
  const d = (x: Expr) => differentiate(x, wrt);
  switch (e.kind) {
    case 'num':
      return num(0);
    case 'var':
      return num(e.index === wrt ? 1 : 0);
    case 'neg':
      return neg(d(e.arg));
    case 'compare':
    case 'logic':
    case 'not':
      return num(0);
    case 'cond':
      return cond(e.test, d(e.then), d(e.otherwise));
    case 'binary':
      return binaryDerivative(e.op, e.left, e.right, wrt);
    case 'call':
      return callDerivative(e.fn, e.args, wrt);
  }
}

function binaryDerivative(op: '+' | '-' | '*' | '/' | '^', a: Expr, b: Expr, wrt: number): Expr {
  const da = differentiate(a, wrt);
  const db = differentiate(b, wrt);
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
      return powerDerivative(a, b, da, db, wrt);
  }
}

function powerDerivative(a: Expr, b: Expr, da: Expr, db: Expr, wrt: number): Expr {
  if (!dependsOn(b, wrt)) return mul(mul(b, pow(a, sub(b, num(1)))), da); // b a^(b−1) a'
  if (!dependsOn(a, wrt)) return mul(mul(pow(a, b), call('log', a)), db); // a^b log(a) b'
  // a^b (b' log a + b a'/a)
  return mul(pow(a, b), add(mul(db, call('log', a)), div(mul(b, da), a)));
}

function callDerivative(fn: string, args: Expr[], wrt: number): Expr {
  const u = args[0];
  const du = differentiate(u, wrt);
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
      const dx = differentiate(x, wrt);
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
      if (args.length === 2) return differentiate(div(call('log', u), call('log', args[1])), wrt);
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
      return binaryDerivative('^', u, args[1], wrt);
    case 'mod': {
      // mod(a, b) = a − b floor(a/b): derivative a' − b' floor(a/b) away from the jumps
      const b = args[1];
      return sub(du, mul(differentiate(b, wrt), call('floor', div(u, b))));
    }
    case 'min':
    case 'max':
      return extremumDerivative(fn, args, wrt);
    default:
      throw new Error(`no derivative for function '${fn}'`);
  }
}

/** min(a, rest…)' = a ≤ min(rest) ? a' : min(rest)' (the first extremal argument wins ties). */
function extremumDerivative(fn: 'min' | 'max', args: Expr[], wrt: number): Expr {
  if (args.length === 1) return differentiate(args[0], wrt);
  const [first, ...rest] = args;
  const others = rest.length === 1 ? rest[0] : call(fn, ...rest);
  const firstWins: Expr = { kind: 'compare', op: fn === 'min' ? '<=' : '>=', left: first, right: others };
  return cond(firstWins, differentiate(first, wrt), extremumDerivative(fn, rest, wrt));
}
