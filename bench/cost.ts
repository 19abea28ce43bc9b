// npx tsx bench/cost.ts — the cost model (src/engine/scenario/cost.ts) against measured time: for
// scenarios of growing size, the estimated build + first iteration and the measured one (not part of npm test).
import { Run } from '../src/engine/run';
import { allowLargeRuns, estimateCost } from '../src/engine/scenario/cost';
import { formatBytes } from '../src/engine/scenario/costFormat';
import { SCENARIO_PRESETS } from '../src/engine/scenario/presets';
import type { ModelSpec, OptimizerSpec, Scenario } from '../src/engine/scenario/types';

const base = (key: string): Scenario => structuredClone(SCENARIO_PRESETS.find((p) => p.key === key)!.scenario);

function sized(key: string, model: ModelSpec | null, m: number, optimizers: OptimizerSpec[]): Scenario {
  const s = base(key);
  if (model !== null) s.model = model;
  if (s.problem.quadrature) s.problem.quadrature = { ...s.problem.quadrature, m };
  s.init = { seed: 1 };
  s.optimizers = optimizers;
  s.run = { iterations: 10 };
  return s;
}

const mlp = (width: number, depth = 1): ModelSpec => ({
  kind: 'mlp',
  layers: [1, ...Array.from({ length: depth }, () => width), 1],
  activation: 'tanh',
});
const cases: [string, Scenario][] = [
  ['ngd mlp w100 m2000', sized('sine-mlp', mlp(100), 2000, [{ id: 'ngd', preconditioner: 'gram' }])],
  ['ngd mlp w300 m2000', sized('sine-mlp', mlp(300), 2000, [{ id: 'ngd', preconditioner: 'gram' }])],
  ['ngd mlp 30x30 m5000', sized('sine-mlp', mlp(30, 2), 5000, [{ id: 'ngd', preconditioner: 'gram' }])],
  ['newton mlp w60 m2000', sized('sine-mlp', mlp(60), 2000, [{ id: 'n', preconditioner: 'newton' }])],
  [
    'lstsq mlp w100 m1000',
    sized('sine-mlp', mlp(100), 1000, [{ id: 'l', preconditioner: 'gram', solver: { kind: 'lstsq' } }]),
  ],
  [
    'pinv mlp w150 m1000',
    sized('sine-mlp', mlp(150), 1000, [{ id: 'l', preconditioner: 'gram', solver: { kind: 'pinv' } }]),
  ],
  ['adam mlp w300 m5000', sized('sine-mlp', mlp(300), 5000, [{ id: 'a', preconditioner: 'adam' }])],
  [
    'nesterov-y mlp w100 m2000',
    sized('sine-mlp', mlp(100), 2000, [
      { id: 'n', preconditioner: 'gram', momentum: 'nesterov', beta: 0.5, lookahead: 'tangent-y' },
    ]),
  ],
  ['pde nhgd w60 m2000', sized('poisson', mlp(60), 2000, [{ id: 'e', preconditioner: 'loss-hessian' }])],
  ['pde newton w30 m1000', sized('poisson', mlp(30), 1000, [{ id: 'e', preconditioner: 'newton' }])],
  [
    'linear legendre 200 m5000',
    sized('runge-legendre', { kind: 'linear', basis: 'legendre', n: 200 }, 5000, [{ id: 'g', preconditioner: 'gram' }]),
  ],
  ['expression bump newton m20000', sized('bump-expression', null, 20000, [{ id: 'n', preconditioner: 'newton' }])],
  [
    '6 × ngd mlp w60 m2000',
    sized(
      'sine-mlp',
      mlp(60),
      2000,
      Array.from({ length: 6 }, (_, i) => ({ id: `g${i}`, preconditioner: 'gram' as const })),
    ),
  ],
];
allowLargeRuns(true);
for (const [name, scenario] of cases) {
  const estimate = estimateCost(scenario);
  if ('error' in estimate) {
    console.log(`${name}: ${estimate.error.message}`);
    continue;
  }
  const started = performance.now();
  const run = new Run(scenario);
  const built = performance.now();
  run.step();
  const seconds = (performance.now() - started) / 1000;
  const stepped = performance.now();
  run.step();
  const second = (performance.now() - stepped) / 1000;
  console.log(
    `${name.padEnd(32)} p = ${String(estimate.p).padStart(5)}: estimated ${estimate.seconds.toFixed(3)} s, measured ${seconds.toFixed(3)} s (ratio ${(estimate.seconds / seconds).toFixed(2)}; build ${((built - started) / 1000).toFixed(3)} s, second iteration ${second.toFixed(3)} s); memory ${formatBytes(estimate.bytes)}`,
  );
}
