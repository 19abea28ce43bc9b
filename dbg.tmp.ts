import { buildProblem } from './src/engine/problems/build';
import { initialTheta } from './src/engine/models';
for (const loss of [{ kind: 'l2' }, { kind: 'pde', equation: 'nonlinear' }] as const) {
  const s: any = { version: 1, problem: { space: 'sampled', domain: [[-1, 1]], ...(loss.kind === 'pde' ? {} : { target: { kind: 'expression', expr: 'sin(2*pi*x)' } }), loss, quadrature: { kind: 'grid', m: 1000 } },
    model: { kind: 'mlp', layers: [1, 100, 1], activation: 'tanh' }, init: { seed: 1, scale: 1 }, optimizers: [{ id: 'n', preconditioner: 'newton' }], run: { iterations: 1 } };
  const problem = buildProblem(s);
  const o = problem.objective;
  console.log(loss.kind, o.exactHessianTerm, o.constructor.name);
  const theta = initialTheta(s.model, s.init, 0, problem.inputDim);
  const ev = o.createEvaluation();
  o.evaluate(theta, ev, true);
  const out = new Float64Array(o.p * o.p);
  for (let r = 0; r < 5; r++) { const t = performance.now(); o.hessianContraction(theta, ev.gz, out); console.log((performance.now() - t).toFixed(2)); }
}
