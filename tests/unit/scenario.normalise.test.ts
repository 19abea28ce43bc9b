// Validation's output is a contract: encoded links depend on the normalised scenario's key order, and
// users read its messages. The fixture holds, saved before the field table replaced the hand-written
// readers: the link of every preset and example, and a hash of validateScenario's full answer (scenario
// with key order, or every error message) for each of many variations of them — every leaf set to bad
// values, every key removed, every optimizer option injected, key order reversed.
// Regenerate only for a deliberate change: UPDATE_SCENARIO_FIXTURE=1 npx vitest run --project unit tests/unit/scenario.normalise.test.ts

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'fflate';
import { base64urlDecode } from '../../src/engine/scenario/base64url';
import { decodeScenario, encodeScenario } from '../../src/engine/scenario/codec';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { validateScenario } from '../../src/engine/scenario/validate';

const FIXTURE = new URL('../fixtures/scenario-normalisation.json', import.meta.url);
const EXAMPLES = new URL('../../examples/', import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Step = string | number;

function bases(): [string, Json][] {
  const list: [string, Json][] = SCENARIO_PRESETS.map((p) => [
    `preset:${p.key}`,
    structuredClone(p.scenario) as unknown as Json,
  ]);
  // Sweep files (sweep-*.json) are not scenarios.
  for (const file of readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json') && !f.startsWith('sweep-'))
    .sort()) {
    list.push([`example:${file}`, JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8')) as Json]);
  }
  return list;
}

function leaves(value: Json, at: Step[] = []): Step[][] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => leaves(v, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]))];
  return [at];
}

function set(root: Json, at: Step[], value: Json | undefined): Json {
  if (at.length === 0) return value ?? null;
  const copy = structuredClone(root);
  let node = copy as Record<string | number, Json>;
  for (const step of at.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  const last = at[at.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

function reversed(value: Json): Json {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
}

const BAD: Json[] = [null, 'x', -1, 0, 0.5, 1, 2.5, 1e9, -0.25, true, {}, [], [1, 2]];

/** Values injected into every optimizer (valid and not), so that fields the presets omit are read too. */
const OPTIMIZER_INJECTIONS: Record<string, Json[]> = {
  id: ['a#b', '', 'x'.repeat(41), 'nhgd', 'gd'],
  label: ['', 'x'.repeat(81)],
  color: ['#abcdef', 'x'.repeat(65)],
  preconditioner: ['identity', 'gram', 'loss-hessian', 'newton', 'adam', 'lbfgs', 'sgd'],
  momentum: ['none', 'heavy-ball', 'nesterov', 'polyak'],
  alpha: [0.01, 0, -1, 1e-300],
  beta: [0, 0.99, 1, -0.1],
  transport: ['parameter', 'projected-momentum', 'projected-difference', 'none'],
  lookahead: ['tangent-k', 'tangent-y', 'tangent'],
  restart: ['none', 'function', 'gradient'],
  step: [
    { rule: 'fixed' },
    { rule: 'fixed', initial: 3 },
    { rule: 'armijo' },
    { c: 0.1 },
    'armijo',
    { rule: 'armijo', initial: 2, shrink: 0.3, c: 0.1 },
    { rule: 'armijo', shrink: 1, c: 0, initial: 0 },
    { rule: 'armijo', c: 0.5, initial: 4 },
  ],
  solver: [
    { kind: 'cholesky' },
    { kind: 'cholesky', eps: 0 },
    { kind: 'cholesky', eps: -1, rcond: 0.1 },
    { kind: 'pinv', rcond: 0.5 },
    { kind: 'pinv', rcond: 1 },
    { kind: 'lstsq' },
    { kind: 'lstsq', rcond: 2 },
    { kind: 'lstsq', rcond: 1e-3 },
    { kind: 'qr' },
    { eps: 1 },
    7,
  ],
  beta1: [0.5, 1, -1],
  beta2: [0.9, 1.5],
  adamEps: [1e-6, 0],
  history: [1, 100, 101, 2.5, 0],
  lineSearch: ['armijo', 'strong-wolfe', 'wolfe'],
};

/** Reordered optimizer keys with every option written: the output order must not follow the input's. */
const FULL_OPTIMIZER: Json = {
  lineSearch: 'armijo',
  history: 5,
  adamEps: 1e-7,
  beta2: 0.99,
  beta1: 0.8,
  solver: { rcond: 1e-4, kind: 'pinv' },
  step: { c: 0.2, shrink: 0.6, initial: 2, rule: 'armijo' },
  restart: 'function',
  lookahead: 'tangent-y',
  transport: 'projected-momentum',
  beta: 0.7,
  alpha: 0.2,
  momentum: 'nesterov',
  preconditioner: 'loss-hessian',
  color: '#102030',
  label: 'Full',
  id: 'full',
};

const PROBLEM_INJECTIONS: [Step[], Json[]][] = [
  [
    ['problem', 'quadrature'],
    [
      { kind: 'monte-carlo', m: 50, resample: true, seed: 3 },
      { seed: 2, resample: false, m: 30, kind: 'grid' },
      { kind: 'grid', m: 1 },
      { kind: 'gauss-legendre', m: 20001 },
      { kind: 'monte-carlo', m: 50, resample: 'yes', seed: 1.5 },
    ],
  ],
  [
    ['problem', 'target'],
    [
      { kind: 'dataset', name: 'xor' },
      { seed: 4, noise: 0.2, n: 300, name: 'xor', kind: 'dataset' },
      { kind: 'dataset', name: 'mackey-glass', n: 1 },
      { kind: 'coefficients', c: [1, 2] },
      { kind: 'expression', expr: 'x^2' },
      { kind: 'expression', expr: 'x+y' },
      { kind: 'dataset', name: 'iris', noise: -1 },
    ],
  ],
  [
    ['problem', 'loss'],
    [
      {
        kind: 'l2',
        K: [
          [2, 0],
          [0, 1],
        ],
      },
      {
        kind: 'l2',
        K: [
          [1, 2],
          [2, 1],
        ],
      },
      { kind: 'h1' },
      { kind: 'cross-entropy' },
      { kind: 'pde', equation: 'reaction-diffusion', eps: 0.01 },
      { eps: 0, equation: 'reaction-diffusion', kind: 'pde' },
      { kind: 'pde', equation: 'poisson', f: 'sin(x)' },
      { kind: 'pde', equation: 'nonlinear' },
      { kind: 'pde', equation: 'heat' },
    ],
  ],
  [
    ['model'],
    [
      { kind: 'linear', basis: 'fourier', n: 5 },
      { n: 201, basis: 'hat', kind: 'linear' },
      { kind: 'tensor', format: 'cp', rank: 2, basis: 'legendre', n: 4 },
      { kind: 'mlp', layers: [1, 5, 1], activation: 'sin', output: 'sigmoid' },
      { output: 'identity', activation: 'tanh', layers: [2, 3, 1], kind: 'mlp' },
      { kind: 'mlp', layers: [1, 0.5, 2], activation: 'relu' },
      { kind: 'toy', name: 'quadratic', params: { s: 2, a: 1, phi_deg: 30 } },
      {
        kind: 'toy',
        name: 'linear',
        params: {
          B: [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
        },
      },
      { kind: 'expression', expr: 'a*x+b', params: ['a', 'b'] },
    ],
  ],
  [['init'], [{ seed: 3 }, { scale: 0.5, seed: 2 }, { seed: 1.5, scale: -1 }, { theta0: [1, 2] }, {}, { scale: 2 }]],
  [
    ['run'],
    [
      { iterations: 5, seeds: 3 },
      { seeds: 2, iterations: 10 },
      { iterations: 0 },
      { iterations: 100001, seeds: 65 },
      {},
    ],
  ],
];

function answer(value: Json): string {
  return JSON.stringify(validateScenario(value));
}

function hash(parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 20);
}

function variations(base: Json): Record<string, string> {
  const out: Record<string, string> = { base: hash([answer(base)]), reversed: hash([answer(reversed(base))]) };
  for (const at of leaves(base)) {
    const answers = BAD.map((v) => answer(set(base, at, v)));
    if (at.length > 0) answers.push(answer(set(base, at, undefined)));
    out[`leaf:${at.join('.')}`] = hash(answers);
  }
  const optimizers = (base as { optimizers: Json[] }).optimizers;
  optimizers.forEach((_, i) => {
    for (const [key, values] of Object.entries(OPTIMIZER_INJECTIONS)) {
      out[`optimizer:${i}.${key}`] = hash(values.map((v) => answer(set(base, ['optimizers', i, key], v))));
    }
    out[`optimizer:${i}.full`] = hash([answer(set(base, ['optimizers', i], FULL_OPTIMIZER))]);
  });
  for (const [at, values] of PROBLEM_INJECTIONS)
    out[`inject:${at.join('.')}`] = hash(values.map((v) => answer(set(base, at, v))));
  return out;
}

function current(): { links: Record<string, string>; variations: Record<string, Record<string, string>> } {
  const links: Record<string, string> = {};
  const all: Record<string, Record<string, string>> = {};
  for (const [name, base] of bases()) {
    const result = validateScenario(base);
    links[name] = result.ok ? encodeScenario(result.scenario) : `invalid: ${JSON.stringify(result.errors)}`;
    all[name] = variations(base);
  }
  return { links, variations: all };
}

describe('normalised scenarios and their messages', () => {
  const now = current();
  if (process.env.UPDATE_SCENARIO_FIXTURE === '1') {
    writeFileSync(FIXTURE, `${JSON.stringify(now, null, 1)}\n`);
  }
  const saved = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ReturnType<typeof current>;

  it('every preset and example normalises to the JSON text of its saved link, key order included', () => {
    // The saved links are format 1 (JSON deflated, no checksum); links are now written in format 2, so
    // the comparison is on the JSON text each link carries, which holds the canonical key order.
    expect(Object.keys(now.links)).toEqual(Object.keys(saved.links));
    for (const [name, link] of Object.entries(saved.links)) {
      const decoded = base64urlDecode(link.slice('1.'.length));
      if (!decoded.ok) throw new Error(`${name}: ${decoded.error}`);
      const before = new TextDecoder().decode(inflateSync(decoded.bytes));
      const after = validateScenario(JSON.parse(before));
      expect(after.ok ? JSON.stringify(after.scenario) : after.errors, name).toBe(before);
      const current = decodeScenario(now.links[name]);
      expect(current.ok && JSON.stringify(current.scenario), name).toBe(before);
    }
  });

  it('every variation validates to the saved answer (scenario with key order, or messages)', () => {
    for (const [name, saves] of Object.entries(saved.variations)) {
      expect(Object.keys(now.variations[name] ?? {}), name).toEqual(Object.keys(saves));
      for (const [key, h] of Object.entries(saves)) expect(now.variations[name][key], `${name} ${key}`).toBe(h);
    }
  });
});
