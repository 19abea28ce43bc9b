// npx tsx bench/hostile.ts <case> — times one hostile reproducer of issue 11 (not part of npm test).
// Cases: tower-N (bump-expression, model a^a^…^a with N levels, Newton, one iteration), sin-N (sin(sin(…))
// N deep, 3 iterations), h1-N (H1 target x^x^… N deep: building the run), poisson-N (f = x^x^… N deep:
// building the run), bomb, nesting, product (p = 1999, m = 20000, 12 optimizers × 64 seeds: validation).
import { deflateSync, strToU8 } from 'fflate';
import { Run } from '../src/engine/run';
import { base64urlEncode } from '../src/engine/scenario/base64url';
import { decodeScenario } from '../src/engine/scenario/codec';
import { SCENARIO_PRESETS } from '../src/engine/scenario/presets';
import type { Scenario } from '../src/engine/scenario/types';
import { formatFieldError, validateScenario } from '../src/engine/scenario/validate';

const preset = (key: string): Scenario => structuredClone(SCENARIO_PRESETS.find((p) => p.key === key)!.scenario);
const tower = (name: string, levels: number): string => Array.from({ length: levels }, () => name).join('^');
const nested = (levels: number): string => `${'sin('.repeat(levels)}a*x${')'.repeat(levels)}`;

function timed(what: string, action: () => unknown): void {
  const started = performance.now();
  let outcome: string;
  try {
    const result = action();
    outcome = typeof result === 'string' ? result : 'ok';
  } catch (error) {
    outcome = `threw: ${(error instanceof Error ? error.message : String(error)).slice(0, 160)}`;
  }
  console.log(`${what}: ${((performance.now() - started) / 1000).toFixed(3)} s — ${outcome}`);
}

function runIterations(s: Scenario, iterations: number): string {
  const valid = validateScenario(s);
  if (!valid.ok) return `refused: ${valid.errors.map(formatFieldError).join('; ').slice(0, 300)}`;
  const run = new Run(valid.scenario);
  for (let k = 0; k < iterations; k++) run.step();
  return 'ran';
}

function payloadOf(bytes: Uint8Array): string {
  return `1.${base64urlEncode(deflateSync(bytes, { level: 9 }))}`;
}

const [name = 'tower-10'] = process.argv.slice(2);
const [kind, sizeText] = name.split('-');
const size = Number(sizeText);
switch (kind) {
  case 'tower': {
    const s = preset('bump-expression');
    s.model = { kind: 'expression', expr: tower('a', size), params: ['a'] };
    s.init = { theta0: [0.9] };
    s.optimizers = [{ id: 'newton', preconditioner: 'newton', alpha: 0.5 }];
    timed(`${name} (${tower('a', size).length} characters), Newton, 1 iteration`, () => runIterations(s, 1));
    break;
  }
  case 'sin': {
    const s = preset('bump-expression');
    s.model = { kind: 'expression', expr: nested(size), params: ['a'] };
    s.init = { theta0: [0.9] };
    s.optimizers = [{ id: 'newton', preconditioner: 'newton', alpha: 0.5 }];
    timed(`${name}, Newton, 3 iterations`, () => runIterations(s, 3));
    break;
  }
  case 'h1': {
    const s = preset('bump-expression');
    s.problem.loss = { kind: 'h1' };
    s.problem.target = { kind: 'expression', expr: tower('x', size) };
    s.model = { kind: 'linear', basis: 'legendre', n: 8 };
    s.init = { seed: 1 };
    s.optimizers = [
      { id: 'gd', preconditioner: 'identity' },
      { id: 'ngd', preconditioner: 'gram' },
    ];
    timed(`${name}: validate + build the run`, () => runIterations(s, 0));
    break;
  }
  case 'poisson': {
    const s = preset('poisson');
    s.problem.loss = { kind: 'pde', equation: 'poisson', f: tower('x', size) };
    timed(`${name}: validate + build the run`, () => runIterations(s, 0));
    break;
  }
  case 'bomb': {
    const link = payloadOf(new Uint8Array(size || 150_000_000).fill(32));
    timed(`bomb (${link.length} characters)`, () => JSON.stringify(decodeScenario(link)).slice(0, 200));
    break;
  }
  case 'nesting': {
    const link = payloadOf(strToU8(`${'['.repeat(999_500)}${']'.repeat(999_500)}`));
    timed(`nesting (${link.length} characters)`, () => JSON.stringify(decodeScenario(link)).slice(0, 200));
    break;
  }
  case 'product': {
    const bump = preset('bump-expression');
    const s: Scenario = {
      ...bump,
      problem: { ...bump.problem, quadrature: { kind: 'grid', m: 20_000 } },
      model: { kind: 'mlp', layers: [1, 665, 1, 1], activation: 'tanh' },
      init: { seed: 1 },
      optimizers: Array.from({ length: 12 }, (_, i) => ({ id: `ngd${i}`, preconditioner: 'gram' as const })),
      run: { iterations: 100, seeds: 64 },
    };
    timed('product: validate', () => {
      const valid = validateScenario(s);
      return valid.ok ? 'accepted' : `refused: ${valid.errors.map(formatFieldError).join('; ')}`;
    });
    break;
  }
  case 'exact': {
    const s = preset('orthonormal-gd');
    s.problem.target = { kind: 'expression', expr: '0/0' };
    timed('exact-space target 0/0: validate + 1 iteration', () => runIterations(s, 1));
    break;
  }
  default:
    console.log(`unknown case ${name}`);
}
