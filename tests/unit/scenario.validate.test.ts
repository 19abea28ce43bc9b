import { describe, expect, it } from 'vitest';
import { validateScenario, formatFieldError, type FieldError } from '../../src/engine/scenario/validate';
import { SCENARIO_PRESETS, DEFAULT_SCENARIO } from '../../src/engine/scenario/presets';
import { gramMemory } from '../../src/engine/scenario/limits';
import type { Scenario } from '../../src/engine/scenario/types';
import { Rng } from '../../src/engine/random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function preset(key: string): Json {
  const found = SCENARIO_PRESETS.find((p) => p.key === key);
  if (!found) throw new Error(`no preset ${key}`);
  return JSON.parse(JSON.stringify(found.scenario)) as Json;
}

type Node = Record<string, unknown>;

/** The node at a path like "optimizers[1].solver" (paths as validation errors write them). */
function nodeAt(root: unknown, path: string): Node {
  let node = root as Node;
  for (const key of path.match(/[^.[\]]+/g) ?? []) node = node[key] as Node;
  return node;
}

/**
 * A JSON copy of a preset with fields set (value undefined: deleted). Malformed scenarios are built
 * this way, so the tests never need a loose static type.
 */
function withFields(key: string, edits: [string, unknown][]): unknown {
  const root = preset(key);
  for (const [path, value] of edits) {
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    const parent = cut < 0 ? (root as Node) : nodeAt(root, path.slice(0, cut));
    const last = path.slice(cut + 1).replace(']', '');
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return root;
}

function withField(key: string, path: string, value: unknown): unknown {
  return withFields(key, [[path, value]]);
}

function without(key: string, path: string): unknown {
  return withFields(key, [[path, undefined]]);
}

function errorsOf(input: unknown): FieldError[] {
  const result = validateScenario(input);
  if (result.ok) throw new Error('expected validation errors, got a valid scenario');
  return result.errors;
}

function expectError(input: unknown, path: string, message?: string | RegExp): void {
  const errors = errorsOf(input);
  const atPath = errors.filter((e) => e.path === path);
  expect(atPath, `errors: ${errors.map(formatFieldError).join(' | ')}`).not.toHaveLength(0);
  if (message !== undefined) {
    const texts = atPath.map((e) => e.message);
    if (typeof message === 'string') expect(texts).toContain(message);
    else
      expect(
        texts.some((t) => message.test(t)),
        texts.join(' | '),
      ).toBe(true);
  }
}

describe('valid scenarios', () => {
  it('accepts every preset and returns an equal, normalised copy', () => {
    for (const p of SCENARIO_PRESETS) {
      const result = validateScenario(p.scenario);
      expect(result.ok, `${p.key}: ${result.ok ? '' : result.errors.map(formatFieldError).join('; ')}`).toBe(true);
      if (result.ok) expect(result.scenario).toEqual(p.scenario);
    }
  });

  it('returns a deep copy that shares nothing with its input', () => {
    const input = preset('local-minimum');
    const result = validateScenario(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const out = result.scenario;
    for (const path of [
      'problem',
      'problem.domain',
      'problem.domain[0]',
      'problem.loss.K[0]',
      'init.theta0',
      'optimizers[0]',
      'run',
    ]) {
      expect(nodeAt(out, path), path).toEqual(nodeAt(input, path));
      expect(nodeAt(out, path), path).not.toBe(nodeAt(input, path));
    }
    if ('theta0' in out.init) out.init.theta0[0] = 99;
    expect(nodeAt(input, 'init.theta0')).toEqual([1.6]);
  });

  it('ignores unknown fields and does not copy them', () => {
    const input = withFields('sine-mlp', [
      ['futureField', { anything: [1, 2] }],
      ['problem.colourMap', 'viridis'],
      ['optimizers[0].schedule', 'cosine'],
      ['model.dropout', 0.5],
    ]);
    const result = validateScenario(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = JSON.stringify(result.scenario);
    for (const word of ['futureField', 'colourMap', 'schedule', 'dropout']) expect(text).not.toContain(word);
  });

  it('accepts momentum options on adam and lbfgs (meaningless there, not wrong)', () => {
    const input = withField('sine-mlp', 'optimizers[1]', {
      id: 'adam',
      preconditioner: 'adam',
      momentum: 'heavy-ball',
      transport: 'projected-momentum',
      lookahead: 'tangent-y',
    });
    expect(validateScenario(input).ok).toBe(true);
  });

  it('drops the target of a pde problem and the quadrature of an exact space', () => {
    const pde = validateScenario(withField('poisson', 'problem.target', { kind: 'expression', expr: 'x' }));
    expect(pde.ok && pde.scenario.problem.target).toBe(undefined);
    const exact = validateScenario(withField('local-minimum', 'problem.quadrature', { kind: 'grid', m: 10 }));
    expect(exact.ok && exact.scenario.problem.quadrature).toBe(undefined);
  });

  it('accepts lstsq with loss-hessian on a pde loss and with gram on a regression', () => {
    expect(validateScenario(withField('poisson', 'optimizers[1].solver', { kind: 'lstsq' })).ok).toBe(true);
    expect(validateScenario(withField('sine-mlp', 'optimizers[2].solver', { kind: 'lstsq', rcond: 1e-6 })).ok).toBe(
      true,
    );
  });

  it('accepts the nonlinear equation theta0 with the two ansatz parameters appended', () => {
    // mlp [1, 3, 1]: 3 + 3 + 3 + 1 = 10 network parameters, then c and a.
    const start = (n: number): unknown =>
      withFields('nonlinear-neumann', [
        ['model.layers', [1, 3, 1]],
        ['init', { theta0: new Array<number>(n).fill(0.1) }],
      ]);
    expect(validateScenario(start(12)).ok).toBe(true);
    const short = start(10);
    expectError(short, 'init.theta0', 'must have 12 entries (the parameter count), got 10');
  });
});

describe('malformed scenarios name the field', () => {
  const cases: [string, unknown, string, (string | RegExp)?][] = [
    ['missing version', without('local-minimum', 'version'), 'version', /is required/],
    [
      'version 2',
      withField('local-minimum', 'version', 2),
      'version',
      'unsupported version 2 (this app reads version 1)',
    ],
    ['version as string', withField('local-minimum', 'version', '1'), 'version', 'must be the number 1, got "1"'],
    ['missing problem', without('local-minimum', 'problem'), 'problem', 'is required'],
    ['problem as array', withField('local-minimum', 'problem', []), 'problem', 'must be an object, got an array of 0'],
    [
      'unknown space',
      withField('sine-mlp', 'problem.space', 'continuous'),
      'problem.space',
      /must be one of 'exact', 'sampled', got "continuous"/,
    ],
    [
      'reversed interval',
      withField('sine-mlp', 'problem.domain', [[1, 0]]),
      'problem.domain[0]',
      'must be [lo, hi] with lo < hi, got [1, 0]',
    ],
    [
      'three intervals',
      withField('sine-mlp', 'problem.domain', [
        [0, 1],
        [0, 1],
        [0, 1],
      ]),
      'problem.domain',
      /got 3/,
    ],
    [
      'interval of three',
      withField('sine-mlp', 'problem.domain', [[0, 1, 2]]),
      'problem.domain[0]',
      /must have 2 entries/,
    ],
    [
      'domain bound a string',
      withField('sine-mlp', 'problem.domain', [[0, '1']]),
      'problem.domain[0][1]',
      /must be a number/,
    ],
    [
      'exact space off [-1, 1]',
      withField('local-minimum', 'problem.domain', [[0, 1]]),
      'problem.domain',
      /exact space lives on \[\[-1, 1\]\]/,
    ],
    ['missing target', without('sine-mlp', 'problem.target'), 'problem.target', /is required/],
    ['unknown target kind', withField('sine-mlp', 'problem.target', { kind: 'table' }), 'problem.target.kind'],
    [
      'coefficients in a sampled space',
      withField('sine-mlp', 'problem.target', { kind: 'coefficients', c: [1, 2] }),
      'problem.target.kind',
      /exact space/,
    ],
    [
      'three coefficients',
      withField('local-minimum', 'problem.target.c', [1, 2, 3]),
      'problem.target.c',
      /must have 2 entries/,
    ],
    [
      'dataset in an exact space',
      withField('local-minimum', 'problem.target', { kind: 'dataset', name: 'xor' }),
      'problem.target.kind',
    ],
    ['unknown dataset', withField('xor', 'problem.target.name', 'mnist'), 'problem.target.name'],
    [
      'dataset n = 1',
      withField('xor', 'problem.target.n', 1),
      'problem.target.n',
      'must be an integer in [2, 20000], got 1',
    ],
    ['negative noise', withField('xor', 'problem.target.noise', -0.1), 'problem.target.noise', 'must be ≥ 0, got -0.1'],
    [
      'unclosed call',
      withField('sine-mlp', 'problem.target.expr', 'sin(2*pi*x'),
      'problem.target.expr',
      /position \d+/,
    ],
    [
      'unknown symbol',
      withField('sine-mlp', 'problem.target.expr', 'sin(2*pi*z)'),
      'problem.target.expr',
      "unknown symbol 'z' at position 9",
    ],
    [
      'y in 1D',
      withField('sine-mlp', 'problem.target.expr', 'x*y'),
      'problem.target.expr',
      "unknown symbol 'y' at position 2",
    ],
    [
      'forbidden function',
      withField('sine-mlp', 'problem.target.expr', 'evaluate("1")'),
      'problem.target.expr',
      /not allowed/,
    ],
    [
      'target expr not a string',
      withField('sine-mlp', 'problem.target.expr', 3),
      'problem.target.expr',
      'must be a string, got 3',
    ],
    ['missing loss', without('sine-mlp', 'problem.loss'), 'problem.loss', 'is required'],
    ['unknown loss', withField('sine-mlp', 'problem.loss', { kind: 'l1' }), 'problem.loss.kind'],
    [
      'h1 in an exact space',
      withField('local-minimum', 'problem.loss', { kind: 'h1' }),
      'problem.loss.kind',
      /exact spaces take the l2 or twisted loss only/,
    ],
    ['h1 in 2D', withField('franke-mlp', 'problem.loss', { kind: 'h1' }), 'problem.loss.kind', /1D only/],
    [
      'K in a sampled space',
      withField('sine-mlp', 'problem.loss.K', [
        [1, 0],
        [0, 1],
      ]),
      'problem.loss.K',
      /only allowed in exact spaces/,
    ],
    [
      'K not symmetric',
      withField('local-minimum', 'problem.loss.K', [
        [4, 1],
        [0, 1],
      ]),
      'problem.loss.K',
      /must be symmetric/,
    ],
    [
      'K indefinite',
      withField('local-minimum', 'problem.loss.K', [
        [1, 2],
        [2, 1],
      ]),
      'problem.loss.K',
      'must be positive definite, got eigenvalues -1 and 3',
    ],
    [
      'K 3 × 3',
      withField('local-minimum', 'problem.loss.K', [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
      'problem.loss.K',
      /2 × 2 matrix/,
    ],
    [
      'cross-entropy on mackey-glass',
      withField('mackey-glass', 'problem.loss', { kind: 'cross-entropy' }),
      'problem.target',
      /needs the xor dataset/,
    ],
    [
      'cross-entropy with identity output',
      withField('xor', 'model.output', 'identity'),
      'model.output',
      /needs output 'sigmoid'/,
    ],
    ['cross-entropy with no output', without('xor', 'model.output'), 'model.output', /needs output 'sigmoid'/],
    [
      'pde with a linear model',
      withField('poisson', 'model', { kind: 'linear', basis: 'legendre', n: 5 }),
      'model.kind',
      /need an mlp model/,
    ],
    [
      'pde in 2D',
      withField('poisson', 'problem.domain', [
        [0, 1],
        [0, 1],
      ]),
      'problem.domain',
      /1D/,
    ],
    [
      'reaction-diffusion off [0, 1]',
      withField('reaction-diffusion', 'problem.domain', [[0, 2]]),
      'problem.domain',
      /posed on \[\[0, 1\]\]/,
    ],
    ['eps = 0', withField('reaction-diffusion', 'problem.loss.eps', 0), 'problem.loss.eps', 'must be > 0, got 0'],
    ['unknown equation', withField('poisson', 'problem.loss.equation', 'heat'), 'problem.loss.equation'],
    ['bad poisson source', withField('poisson', 'problem.loss.f', 'pi^2*sin(pi*x'), 'problem.loss.f', /position/],
    [
      'missing quadrature',
      without('sine-mlp', 'problem.quadrature'),
      'problem.quadrature',
      'is required in sampled spaces',
    ],
    [
      'm = 1',
      withField('sine-mlp', 'problem.quadrature.m', 1),
      'problem.quadrature.m',
      'must be an integer in [2, 20000], got 1',
    ],
    [
      'm = 2.5',
      withField('sine-mlp', 'problem.quadrature.m', 2.5),
      'problem.quadrature.m',
      'must be an integer, got 2.5',
    ],
    ['unknown quadrature', withField('sine-mlp', 'problem.quadrature.kind', 'simpson'), 'problem.quadrature.kind'],
    [
      'resample not boolean',
      withField('sine-mlp', 'problem.quadrature.resample', 'yes'),
      'problem.quadrature.resample',
    ],
    ['missing model', without('sine-mlp', 'model'), 'model', 'is required'],
    ['unknown model', withField('sine-mlp', 'model.kind', 'transformer'), 'model.kind'],
    [
      'toy in a sampled space',
      withField('sine-mlp', 'model', { kind: 'toy', name: 'linear' }),
      'model.kind',
      /exact space/,
    ],
    [
      'mlp in an exact space',
      withField('local-minimum', 'model', { kind: 'mlp', layers: [1, 2, 1], activation: 'tanh' }),
      'model.kind',
      /needs a toy model/,
    ],
    ['unknown toy', withField('local-minimum', 'model.name', 'spiral'), 'model.name'],
    [
      'toy B with 3 columns',
      withField('parametrisation-bias', 'model.params', {
        B: [
          [1, 0, 0],
          [0, 1, 0],
        ],
      }),
      'model.params.B[0]',
      /must have 2 entries/,
    ],
    [
      'toy Q of the wrong shape',
      withField('curved-manifold', 'model.params', {
        Q: [
          [
            [1, 0],
            [0, 1],
          ],
        ],
      }),
      'model.params.Q',
      /2 × 2 × 2/,
    ],
    ['toy a = "3"', withField('local-minimum', 'model.params.a', '3'), 'model.params.a', /must be a number/],
    [
      'mlp first layer ≠ input dimension',
      withField('sine-mlp', 'model.layers', [2, 20, 1]),
      'model.layers[0]',
      /must equal the input dimension \(1 from the domain\), got 2/,
    ],
    [
      'mlp first layer ≠ xor inputs',
      withField('xor', 'model.layers', [1, 8, 1]),
      'model.layers[0]',
      /2 from the xor dataset/,
    ],
    [
      'mlp first layer ≠ mackey-glass inputs',
      withField('mackey-glass', 'model.layers', [1, 10, 1]),
      'model.layers[0]',
      /4 from the mackey-glass dataset/,
    ],
    [
      'mlp output size 2',
      withField('sine-mlp', 'model.layers', [1, 20, 2]),
      'model.layers[2]',
      'the output size must be 1, got 2',
    ],
    [
      'mlp of 7 layers',
      withField('sine-mlp', 'model.layers', [1, 2, 2, 2, 2, 2, 1]),
      'model.layers',
      /2 to 6 layer sizes/,
    ],
    ['mlp of 1 layer', withField('sine-mlp', 'model.layers', [1]), 'model.layers', /got 1/],
    [
      'mlp width 0',
      withField('sine-mlp', 'model.layers', [1, 0, 1]),
      'model.layers[1]',
      'must be an integer ≥ 1, got 0',
    ],
    [
      'mlp width 2.5',
      withField('sine-mlp', 'model.layers', [1, 2.5, 1]),
      'model.layers[1]',
      'must be an integer, got 2.5',
    ],
    ['unknown activation', withField('sine-mlp', 'model.activation', 'relu'), 'model.activation'],
    [
      'linear n = 201',
      withField('runge-legendre', 'model.n', 201),
      'model.n',
      'must be an integer in [1, 200], got 201',
    ],
    [
      'linear on 2D',
      withField('franke-mlp', 'model', { kind: 'linear', basis: 'legendre', n: 4 }),
      'model.kind',
      /1D inputs/,
    ],
    ['unknown basis', withField('runge-legendre', 'model.basis', 'wavelet'), 'model.basis'],
    [
      'tensor on 1D',
      withField('sine-mlp', 'model', { kind: 'tensor', format: 'cp', rank: 2, basis: 'legendre', n: 4 }),
      'model.kind',
      /2D inputs/,
    ],
    ['tensor format tt', withField('franke-tensor', 'model.format', 'tt'), 'model.format'],
    [
      'expression model parameter x',
      withField('bump-expression', 'model.params', ['x', 'b', 'c']),
      'model.params[0]',
      /input variable/,
    ],
    [
      'expression model bad formula',
      withField('bump-expression', 'model.expr', 'a*exp(-b*(x-c)^2'),
      'model.expr',
      /position/,
    ],
    [
      'expression model unknown parameter',
      withField('bump-expression', 'model.params', ['a', 'b']),
      'model.expr',
      /unknown symbol 'c'/,
    ],
    [
      'expression model without parameters',
      withField('bump-expression', 'model.params', []),
      'model.params',
      /at least one/,
    ],
    [
      'theta0 too short',
      withField('local-minimum', 'init.theta0', [1, 2]),
      'init.theta0',
      'must have 1 entry (the parameter count), got 2',
    ],
    [
      'theta0 entry a string',
      withField('parametrisation-bias', 'init.theta0', [1, 'a']),
      'init.theta0[1]',
      'must be a number, got "a"',
    ],
    [
      'theta0 entry null',
      withField('parametrisation-bias', 'init.theta0', [1, null]),
      'init.theta0[1]',
      'must be a number, got null',
    ],
    ['init without start', withField('sine-mlp', 'init', { scale: 1 }), 'init', /theta0 .* or seed/],
    ['init seed 1.5', withField('sine-mlp', 'init', { seed: 1.5 }), 'init.seed', 'must be an integer, got 1.5'],
    ['init scale < 0', withField('sine-mlp', 'init', { seed: 1, scale: -1 }), 'init.scale'],
    ['missing run', without('sine-mlp', 'run'), 'run', 'is required'],
    [
      '0 iterations',
      withField('sine-mlp', 'run.iterations', 0),
      'run.iterations',
      'must be an integer in [1, 100000], got 0',
    ],
    ['100001 iterations', withField('sine-mlp', 'run.iterations', 100001), 'run.iterations'],
    ['65 seeds', withField('sine-mlp', 'run.seeds', 65), 'run.seeds', 'must be an integer in [1, 64], got 65'],
    ['an ensemble from theta0', withField('local-minimum', 'run.seeds', 4), 'run.seeds', /needs a seeded random start/],
    ['no optimizers', withField('sine-mlp', 'optimizers', []), 'optimizers', 'must list 1 to 12 optimizers, got 0'],
    [
      '13 optimizers',
      withField(
        'sine-mlp',
        'optimizers',
        Array.from({ length: 13 }, (_, i) => ({ id: `o${i}`, preconditioner: 'identity' })),
      ),
      'optimizers',
      /got 13/,
    ],
    [
      'optimizers as object',
      withField('sine-mlp', 'optimizers', { gd: {} }),
      'optimizers',
      'must be an array, got an object',
    ],
    [
      'duplicated ids',
      withField('sine-mlp', 'optimizers[2].id', 'gd'),
      'optimizers[2].id',
      "duplicates optimizers[0].id 'gd' (ids must be unique)",
    ],
    ['empty id', withField('sine-mlp', 'optimizers[0].id', ''), 'optimizers[0].id', 'must not be empty'],
    [
      '41-character id',
      withField('sine-mlp', 'optimizers[0].id', 'x'.repeat(41)),
      'optimizers[0].id',
      'must be at most 40 characters, got 41',
    ],
    ['id with #', withField('sine-mlp', 'optimizers[0].id', 'a#1'), 'optimizers[0].id', /must not contain '#'/],
    ['missing id', without('sine-mlp', 'optimizers[1].id'), 'optimizers[1].id', 'is required'],
    ['beta = 1', withField('local-minimum', 'optimizers[1].beta', 1), 'optimizers[1].beta', 'must be in [0, 1), got 1'],
    [
      'beta < 0',
      withField('local-minimum', 'optimizers[1].beta', -0.1),
      'optimizers[1].beta',
      'must be in [0, 1), got -0.1',
    ],
    ['alpha = 0', withField('local-minimum', 'optimizers[0].alpha', 0), 'optimizers[0].alpha', 'must be > 0, got 0'],
    [
      'alpha as string',
      withField('local-minimum', 'optimizers[0].alpha', '0.5'),
      'optimizers[0].alpha',
      'must be a number, got "0.5"',
    ],
    [
      'unknown preconditioner',
      withField('local-minimum', 'optimizers[0].preconditioner', 'natural'),
      'optimizers[0].preconditioner',
      /must be one of 'identity', 'gram', 'loss-hessian', 'newton', 'adam', 'lbfgs', got "natural"/,
    ],
    [
      'missing preconditioner',
      without('local-minimum', 'optimizers[0].preconditioner'),
      'optimizers[0].preconditioner',
      /is required/,
    ],
    ['unknown momentum', withField('local-minimum', 'optimizers[1].momentum', 'polyak'), 'optimizers[1].momentum'],
    ['unknown transport', withField('local-minimum', 'optimizers[1].transport', 'parallel'), 'optimizers[1].transport'],
    [
      'unknown lookahead',
      withField('local-minimum', 'optimizers[2].lookahead', 'tangent-z'),
      'optimizers[2].lookahead',
    ],
    ['unknown restart', withField('local-minimum', 'optimizers[2].restart', 'gradient'), 'optimizers[2].restart'],
    [
      'negative eps',
      withField('local-minimum', 'optimizers[0].solver', { kind: 'cholesky', eps: -1 }),
      'optimizers[0].solver.eps',
      'must be ≥ 0, got -1',
    ],
    [
      'rcond = 1',
      withField('local-minimum', 'optimizers[0].solver', { kind: 'pinv', rcond: 1 }),
      'optimizers[0].solver.rcond',
      'must be in [0, 1), got 1',
    ],
    ['unknown solver', withField('local-minimum', 'optimizers[0].solver', { kind: 'qr' }), 'optimizers[0].solver.kind'],
    [
      'armijo shrink = 1',
      withField('local-minimum', 'optimizers[0].step', { rule: 'armijo', shrink: 1 }),
      'optimizers[0].step.shrink',
      'must be in (0, 1), got 1',
    ],
    [
      'armijo c = 0',
      withField('local-minimum', 'optimizers[0].step', { rule: 'armijo', c: 0 }),
      'optimizers[0].step.c',
      'must be in (0, 1), got 0',
    ],
    [
      'armijo initial = 0',
      withField('local-minimum', 'optimizers[0].step', { rule: 'armijo', initial: 0 }),
      'optimizers[0].step.initial',
      'must be > 0, got 0',
    ],
    [
      'unknown step rule',
      withField('local-minimum', 'optimizers[0].step', { rule: 'wolfe' }),
      'optimizers[0].step.rule',
    ],
    [
      'lstsq with identity',
      withField('local-minimum', 'optimizers[0]', { id: 'gd', preconditioner: 'identity', solver: { kind: 'lstsq' } }),
      'optimizers[0].solver.kind',
      /not 'identity'/,
    ],
    [
      'lstsq with newton',
      withField('newton-linear', 'optimizers[0].solver', { kind: 'lstsq' }),
      'optimizers[0].solver.kind',
      /not 'newton'/,
    ],
    [
      'gram + lstsq on a pde',
      withField('reaction-diffusion', 'optimizers[2].solver', { kind: 'lstsq' }),
      'optimizers[2].solver.kind',
      /no least-squares form for a pde loss/,
    ],
    ['beta2 = 1', withField('sine-mlp', 'optimizers[1].beta2', 1), 'optimizers[1].beta2', 'must be in [0, 1), got 1'],
    ['adamEps = 0', withField('sine-mlp', 'optimizers[1].adamEps', 0), 'optimizers[1].adamEps'],
    ['history 0', withField('runge-legendre', 'optimizers[2].history', 0), 'optimizers[2].history'],
    [
      'unknown line search',
      withField('runge-legendre', 'optimizers[2].lineSearch', 'backtracking'),
      'optimizers[2].lineSearch',
    ],
    ['optimizer null', withField('sine-mlp', 'optimizers[3]', null), 'optimizers[3]', 'must be an object, got null'],
    [
      'label a number',
      withField('sine-mlp', 'optimizers[0].label', 5),
      'optimizers[0].label',
      'must be a string, got 5',
    ],
    [
      'title of 201 characters',
      withField('sine-mlp', 'title', 't'.repeat(201)),
      'title',
      'must be at most 200 characters, got 201',
    ],
  ];

  for (const [name, input, path, message] of cases) {
    it(name, () => expectError(input, path, message));
  }

  it('rejects numbers that parse to Infinity (1e400) as not finite', () => {
    const base = JSON.stringify(preset('local-minimum'));
    const alpha = JSON.parse(base.replace('"alpha":0.5', '"alpha":1e400'));
    expectError(alpha, 'optimizers[0].alpha', 'must be finite, got Infinity');
    const theta = JSON.parse(base.replace('"theta0":[1.6]', '"theta0":[-1e400]'));
    expectError(theta, 'init.theta0[0]', 'must be finite, got -Infinity');
    const K = JSON.parse(base.replace('"K":[[4,0]', '"K":[[1e999,0]'));
    expectError(K, 'problem.loss.K[0][0]', 'must be finite, got Infinity');
    expectError(
      withField('sine-mlp', 'problem.domain', [[0, Number.NaN]]),
      'problem.domain[0][1]',
      'must be finite, got NaN',
    );
  });

  it('rejects p = 150001 (mlp [1, 50000, 1]) with the memory the Gram matrix would need', () => {
    const input = withField('sine-mlp', 'model.layers', [1, 50000, 1]);
    // 50000 weights + 50000 biases + 50000 weights + 1 bias; 150001² × 8 bytes = 1.8e11 bytes.
    expectError(input, 'model', '150001 parameters exceeds the limit of 2000 (the Gram matrix would need 180 GB)');
    expect(gramMemory(100000)).toBe('80 GB');
    expect(gramMemory(2000)).toBe('32 MB');
    expect(gramMemory(10)).toBe('800 bytes');
  });

  it('counts the nonlinear ansatz parameters towards the limit', () => {
    // [1, 999, 1]: 999 + 999 + 999 + 1 = 2998 > 2000; [1, 666, 1]: 1999, plus c and a = 2001.
    expectError(withField('nonlinear-neumann', 'model.layers', [1, 666, 1]), 'model', /^2001 parameters exceeds/);
    expect(validateScenario(withField('poisson', 'model.layers', [1, 666, 1]), { allowLarge: true }).ok).toBe(true); // the browser's cost budget refuses it
  });

  it('reports every error together', () => {
    const input = withFields('local-minimum', [
      ['version', 3],
      ['optimizers[0].alpha', -1],
      ['optimizers[1].beta', 1],
      ['optimizers[2].id', 'nhgd'],
      ['run.iterations', 0],
      ['problem.target.expr', 'x'],
      [
        'problem.loss.K',
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    const paths = errorsOf(input).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'version',
        'optimizers[0].alpha',
        'optimizers[1].beta',
        'optimizers[2].id',
        'run.iterations',
        'problem.loss.K',
      ]),
    );
  });

  it('caps the list of errors of a huge junk array', () => {
    const input = withFields('sine-mlp', [
      ['model', { kind: 'linear', basis: 'legendre', n: 3 }],
      ['init', { theta0: new Array<string>(100000).fill('junk') }],
    ]);
    const errors = errorsOf(input);
    expect(errors.length).toBeLessThanOrEqual(51);
    expect(errors[errors.length - 1]).toEqual({
      path: 'scenario',
      message: expect.stringMatching(/^\d+ more errors not shown$/),
    });
  });

  it('formats errors as "path: message"', () => {
    expect(formatFieldError({ path: 'optimizers[1].beta', message: 'must be in [0, 1)' })).toBe(
      'optimizers[1].beta: must be in [0, 1)',
    );
  });
});

describe('junk never throws', () => {
  it('answers non-objects with one error at the root', () => {
    for (const junk of [null, undefined, 42, 'x', [], true, Number.NaN, Infinity, () => 1, Symbol('s'), 10n]) {
      const errors = errorsOf(junk);
      expect(errors).toHaveLength(1);
      expect(errors[0].path).toBe('scenario');
    }
    expect(errorsOf({}).map((e) => e.path)).toEqual(['version', 'problem', 'model', 'init', 'optimizers', 'run']);
  });

  it('ignores prototype keys and survives throwing getters', () => {
    const proto = JSON.parse('{"__proto__": {"version": 1}, "constructor": 5}');
    expect(errorsOf(proto).map((e) => e.path)).toContain('version');
    const hostile = {
      get version(): number {
        throw new Error('boom');
      },
    };
    const errors = errorsOf(hostile);
    expect(errors[0].message).toMatch(/could not be checked \(boom\)/);
  });

  /** A random JSON value of depth ≤ depth. */
  function randomJson(rng: Rng, depth: number): Json {
    const pick = Math.floor(rng.next() * (depth > 0 ? 9 : 6));
    switch (pick) {
      case 0:
        return null;
      case 1:
        return rng.next() < 0.5;
      case 2:
        return [0, 1, -1, 0.5, 2, 1e308, -1e-300, 100000, 2000][Math.floor(rng.next() * 9)];
      case 3:
        return rng.uniform(-1e6, 1e6);
      case 4:
        return ['', 'x', 'sin(x)', 'gram', 'l2', 'mlp', 'tanh', '((((', 'exact', 'sampled'][
          Math.floor(rng.next() * 10)
        ];
      case 5:
        return Math.floor(rng.uniform(-3, 30));
      case 6:
      case 7:
        return Array.from({ length: Math.floor(rng.next() * 5) }, () => randomJson(rng, depth - 1));
      default: {
        const keys = [
          'version',
          'problem',
          'model',
          'init',
          'optimizers',
          'run',
          'kind',
          'space',
          'domain',
          'target',
          'loss',
          'quadrature',
          'layers',
          'theta0',
          'seed',
          'id',
          'alpha',
          'beta',
          'solver',
          'step',
          'K',
          'c',
          'n',
          'm',
          'expr',
          'params',
        ];
        const o: Record<string, Json> = {};
        const count = Math.floor(rng.next() * 6);
        for (let i = 0; i < count; i++) o[keys[Math.floor(rng.next() * keys.length)]] = randomJson(rng, depth - 1);
        return o;
      }
    }
  }

  /** Replace one random node of `value` (in place where possible) by junk. */
  function mutate(rng: Rng, value: Json, depth = 0): Json {
    if (rng.next() < 0.25 || value === null || typeof value !== 'object' || depth > 6) return randomJson(rng, 3);
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    if (keys.length === 0) return randomJson(rng, 3);
    const key = keys[Math.floor(rng.next() * keys.length)];
    const container = value as Record<string | number, Json>;
    if (rng.next() < 0.1 && !Array.isArray(value)) delete container[key];
    else container[key] = mutate(rng, container[key], depth + 1);
    return value;
  }

  it('survives 2000 random JSON values and 3000 mutated presets (seeded)', () => {
    const rng = new Rng(20260415);
    let valid = 0;
    const check = (input: Json): void => {
      const result = validateScenario(input);
      if (result.ok) {
        valid++;
        // The normalised copy is a fixed point of validation.
        const again = validateScenario(JSON.parse(JSON.stringify(result.scenario)));
        expect(again).toEqual(result);
      } else {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) {
          expect(typeof e.path).toBe('string');
          expect(e.path.length).toBeGreaterThan(0);
          expect(typeof e.message).toBe('string');
          expect(e.message.length).toBeGreaterThan(0);
        }
      }
    };
    for (let i = 0; i < 2000; i++) check(randomJson(rng, 6));
    for (let i = 0; i < 3000; i++) {
      const base = preset(SCENARIO_PRESETS[i % SCENARIO_PRESETS.length].key);
      let value = base;
      const rounds = 1 + Math.floor(rng.next() * 3);
      for (let k = 0; k < rounds; k++) value = mutate(rng, value);
      check(value);
    }
    // Some mutations are harmless (e.g. an unknown key): the fuzzer reaches both outcomes.
    expect(valid).toBeGreaterThan(0);
  });
});

describe('the default scenario', () => {
  it('is valid and is the local-minimum preset', () => {
    expect(validateScenario(DEFAULT_SCENARIO).ok).toBe(true);
    const local = SCENARIO_PRESETS.find((p) => p.key === 'local-minimum');
    expect(local?.scenario).toEqual(DEFAULT_SCENARIO as Scenario);
  });
});
