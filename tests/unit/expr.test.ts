// Restricted expressions: whitelist rejections with positions, values against Math and mathjs,
// symbolic derivatives against central finite differences.
import { describe, expect, it } from 'vitest';
import { evaluate } from 'mathjs';
import {
  checkRestricted,
  compileRestricted,
  compileDerivative,
  parseRestricted,
} from '../../src/engine/expr/restricted';
import { compileClosure } from '../../src/engine/expr/codegen';
import { differentiate } from '../../src/engine/expr/derivative';

function compile(expr: string, variables: string[]) {
  const result = compileRestricted(expr, variables);
  if (!result.ok) throw new Error(result.error.message);
  return result.fn;
}

describe('whitelist', () => {
  const cases: [string, RegExp, number | null][] = [
    ['import("fs")', /function 'import' is not allowed/, 0],
    ['1 + evaluate("2+3")', /function 'evaluate' is not allowed/, 4],
    ['createUnit("foo")', /function 'createUnit' is not allowed/, 0],
    ['parse("x")', /function 'parse' is not allowed/, 0],
    ['x + foo(x)', /function 'foo' is not allowed/, 4],
    ['a=1', /assignments are not allowed/, 1],
    ['f(x)=x', /function definitions are not allowed/, 4],
    ['x[1]', /indexing/, 1],
    ['x.y', /property access/, 1],
    ['{a:1}', /objects are not allowed/, 0],
    ['2*[1,2]', /arrays are not allowed/, 2],
    ['1:3', /ranges are not allowed/, 1],
    ['x + "s"', /strings are not allowed/, 4],
    ['x; x', /multiple statements/, 1],
    ['sin(x)+z', /unknown symbol 'z'/, 7],
    ['x!', /operator '!' is not allowed/, 1],
    ['x + sin', /function 'sin' needs parenthesised arguments/, 4],
    ['x(2)', /'x' is not a function/, 0],
    ['atan2(x)', /function 'atan2' takes 2 arguments, got 1/, 0],
    ['true + x', /'true' is not a number/, 0],
    ['toString', /unknown symbol 'toString'/, 0],
    ['x + constructor', /unknown symbol 'constructor'/, 4],
    ['__proto__', /unknown symbol '__proto__'/, 0],
    ['hasOwnProperty(x)', /function 'hasOwnProperty' is not allowed/, 0],
    ['', /expression is empty/, 0],
  ];
  for (const [expr, message, position] of cases) {
    it(`rejects ${JSON.stringify(expr)}`, () => {
      const error = checkRestricted(expr, ['x']);
      expect(error).not.toBeNull();
      expect(error?.message).toMatch(message);
      expect(error?.position).toBe(position);
      if (position !== null) expect(error?.message).toMatch(new RegExp(`at position ${position}$`));
      const compiled = compileRestricted(expr, ['x']);
      expect(compiled.ok).toBe(false);
    });
  }

  it('the message for an unknown symbol names it and its 0-based position', () => {
    expect(checkRestricted('x + 2*z', ['x'])).toEqual({ message: "unknown symbol 'z' at position 6", position: 6 });
  });

  it('parse errors carry the 0-based position of the failure', () => {
    expect(checkRestricted('sin(2*pi*x', ['x'])?.position).toBe(10); // end of text: ')' expected
    expect(checkRestricted('2**x', ['x'])?.position).toBe(2); // the second '*'
    expect(checkRestricted('x @ 2', ['x'])?.position).toBe(2);
    expect(checkRestricted('(x', ['x'])?.message).toMatch(/at position 2$/);
  });

  it('accepts what the whitelist allows', () => {
    for (const expr of [
      'sin(2*pi*x) + cos(x)^2 - tan(x/3)',
      'asin(x/4) + acos(x/4) + atan(x) + atan2(x, 2)',
      'sinh(x)*cosh(x)/tanh(x+3)',
      'exp(-x^2) + log(x+5) + log10(x+5) + log2(x+5) + log(x+5, 3)',
      'sqrt(x+5) + cbrt(x) + abs(x) + sign(x)',
      'floor(x) + ceil(x) + round(x) + min(x, 1) + max(x, 2, 3) + pow(x, 2) + mod(x, 3)',
      'e + tau + pi',
      'x > 0 ? x : -x',
      'x >= 1 and x <= 2 or not (x == 0) or x != 3',
      '0 < x < 1',
      '2x + 3 x',
      'x % 2 + (x mod 3)',
      '-x^2',
      '+x',
    ]) {
      expect(checkRestricted(expr, ['x']), expr).toBeNull();
    }
  });

  it('rejects invalid variable names and differentiating by a non-variable', () => {
    expect(compileRestricted('x', ['x', 'a b']).ok).toBe(false);
    const d = compileDerivative('x^2', ['x'], 'y');
    expect(d.ok).toBe(false);
  });
});

describe('compiled values', () => {
  it('equal the Math expressions evaluated the same way', () => {
    const f = compile('sin(2*pi*x) + a*exp(-b*(x-c)^2) - sqrt(abs(x))/cbrt(3) + atan2(x, a) + log(1+x^2)', [
      'x',
      'a',
      'b',
      'c',
    ]);
    for (const [x, a, b, c] of [
      [0.3, 1.5, 2, 0.1],
      [-1.7, 0.2, 5, -0.4],
      [12, -3, 0.01, 8],
    ]) {
      const expected =
        Math.sin(2 * Math.PI * x) +
        a * Math.exp(-b * Math.pow(x - c, 2)) -
        Math.sqrt(Math.abs(x)) / Math.cbrt(3) +
        Math.atan2(x, a) +
        Math.log(1 + Math.pow(x, 2));
      expect(f([x, a, b, c])).toBe(expected);
    }
  });

  it('follow mathjs semantics: mod, round, log base, comparisons, ternary, chains, precedence', () => {
    const at = (expr: string, x: number) => compile(expr, ['x'])([x]);
    expect(at('mod(x, 3)', -1)).toBe(2);
    expect(at('x % 3', -1)).toBe(2);
    expect(at('round(x)', -2.5)).toBe(-3);
    expect(at('round(x)', 2.5)).toBe(3);
    expect(at('log(x, 2)', 8)).toBeCloseTo(3, 15);
    expect(at('cbrt(x)', -8)).toBe(-2);
    expect(at('x > 1', 2)).toBe(1);
    expect(at('(x > 1) + (x < 1)', 0)).toBe(1);
    expect(at('x > 0 ? 5 : 7', -1)).toBe(7);
    expect(at('0 < x < 1', 0.5)).toBe(1);
    expect(at('0 < x < 1', 1.5)).toBe(0);
    expect(at('-x^2', 3)).toBe(-9);
    expect(at('2^3^2', 0)).toBe(512);
    expect(at('2x', 4)).toBe(8);
    expect(at('min(x, 4, -1)', 3)).toBe(-1);
    expect(at('tau - 2*pi + e', 0)).toBe(Math.E);
  });

  it('agree with mathjs evaluate on real inputs', () => {
    const exprs = [
      'sin(x)*cos(y) - tan(x/5)',
      'x^3 - 2*x*y + y^2/3',
      'exp(x/4)*log(y+3)',
      'atan2(y, x)',
      'mod(x*7, y+2.5)',
      'round(3.3*x) + floor(y) - ceil(x)',
      'sign(x - y) * abs(x*y)',
      'x > y ? sqrt(x*x) : cbrt(y)',
      'max(x, y, 0.5) - min(x, -y)',
      'log10(abs(x)+1) + log2(abs(y)+1)',
      'sinh(x/3) + cosh(y/3) - tanh(x*y)',
      'asin(x/5) + acos(y/5) + atan(x*y)',
      '5 % 3 + 50%',
    ];
    for (const expr of exprs) {
      const f = compile(expr, ['x', 'y']);
      for (const [x, y] of [
        [0.7, -1.2],
        [-2.3, 1.9],
        [3.1, 0.4],
      ]) {
        const expected = evaluate(expr, { x, y }) as number;
        expect(typeof expected).toBe('number');
        expect(f([x, y])).toBeCloseTo(expected, 12);
      }
    }
  });

  it('the closure fallback (no eval) gives the same numbers as generated code', () => {
    const expr =
      'a*exp(-b*(x-c)^2) + mod(x, 0.3) + (x > c ? round(x) : min(x, a, b)) + log(x+3, 2) + (x < 1 and a > 0)';
    const variables = ['x', 'a', 'b', 'c'];
    const parsed = parseRestricted(expr, variables);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const generated = compile(expr, variables);
    const closure = compileClosure(parsed.expr);
    for (const vars of [
      [0.3, 1.5, 2, 0.1],
      [-1.7, 0.2, 5, -0.4],
      [2.6, -3, 0.01, 1],
    ])
      expect(closure(vars)).toBe(generated(vars));
  });
});

describe('symbolic derivatives', () => {
  const variables = ['x', 'a', 'b'];
  const exprs = [
    'a*exp(-b*(x-1)^2)',
    'sin(a*x)*cos(b) + tan(x/3)',
    'asin(x/4) + acos(a/5) + atan(b*x)',
    'atan2(a*x, b+3)',
    'sinh(x)*cosh(a) + tanh(b*x)',
    'log(x+5) + log10(a+4) + log2(b+6) + log(x+5, a+4)',
    'sqrt(x+5)*cbrt(a+0.5)',
    'abs(x - a) + sign(b)*x + floor(a)',
    'x^a + a^x + (x+4)^(b+2) + pow(x+4, 3)',
    'x / (a^2 + 1) - b/x',
    'min(x, a, b) + max(x*b, a)',
    'mod(x*a, b+3)',
    'x > a ? b*x^2 : -a*x',
    '-x*a + (x*b)^2 - 3',
    'e^(a*x) + pi*b',
  ];
  const points = [
    [0.7, 1.3, -0.6],
    [1.9, 0.4, 1.1],
    [0.35, 2.2, 0.9],
  ];
  for (const expr of exprs) {
    it(`d/dx, d/da, d/db of ${expr}`, () => {
      const f = compile(expr, variables);
      for (const wrt of variables) {
        const k = variables.indexOf(wrt);
        const result = compileDerivative(expr, variables, wrt);
        if (!result.ok) throw new Error(result.error.message);
        for (const point of points) {
          const h = 1e-6 * Math.max(1, Math.abs(point[k]));
          const plus = [...point];
          const minus = [...point];
          plus[k] += h;
          minus[k] -= h;
          const fd = (f(plus) - f(minus)) / (2 * h);
          const exact = result.fn(point);
          expect(Math.abs(exact - fd), `${expr} d/d${wrt} at ${point}`).toBeLessThan(
            1e-6 * Math.max(1, Math.abs(exact)),
          );
        }
      }
    });
  }

  it('second derivatives match differences of first derivatives', () => {
    const parsed = parseRestricted('a*exp(-b*(x-a)^2)*sin(x*b)', variables);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const dA = compileClosure(differentiate(parsed.expr, 1));
    const dAB = compileClosure(differentiate(differentiate(parsed.expr, 1), 2));
    const point = [0.4, 1.2, 0.8];
    const h = 1e-6;
    const fd = (dA([0.4, 1.2, 0.8 + h]) - dA([0.4, 1.2, 0.8 - h])) / (2 * h);
    expect(Math.abs(dAB(point) - fd)).toBeLessThan(1e-7);
  });

  it('derivatives stay small: constants fold and independent terms vanish', () => {
    const result = compileDerivative('a*x + b^2 + sin(b)', variables, 'a');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.fn([3, 100, 100])).toBe(3);
    const parsed = parseRestricted('a*x + b^2', variables);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(differentiate(parsed.expr, 1)).toEqual({ kind: 'var', index: 0 });
  });

  it('invalid expressions fail in compileDerivative too', () => {
    const result = compileDerivative('x + q', ['x'], 'x');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ message: "unknown symbol 'q' at position 4", position: 4 });
  });
});
