import { buildProblem } from './src/engine/problems/build';
import { initialTheta } from './src/engine/models';
import { gram } from './src/engine/linalg';
const s: any = { version: 1, problem: { space: 'sampled', domain: [[-1, 1]], loss: { kind: 'pde', equation: 'nonlinear' }, quadrature: { kind: 'grid', m: 1000 } },
    model: { kind: 'mlp', layers: [1, 100, 1], activation: 'tanh' }, init: { seed: 1, scale: 1 }, optimizers: [{ id: 'n', preconditioner: 'newton' }], run: { iterations: 1 } };
const problem = buildProblem(s);
const o: any = problem.objective;
const theta = initialTheta(s.model, s.init, 0, problem.inputDim);
const ev = o.createEvaluation();
o.evaluate(theta, ev, true);
const model = o.model; const p = o.p, m = 1000;
const d = o.derivativeBuffers;
const out = new Float64Array(p * p);
const c = [new Float64Array(m).fill(0.1), new Float64Array(m).fill(0.1), new Float64Array(m).fill(0.1)];
for (let r = 0; r < 3; r++) {
  let t = performance.now(); model.jacobian(theta, d.v, d.J); console.log('jac', (performance.now() - t).toFixed(1));
  t = performance.now(); model.derivativeHessianContraction(theta, c[0], c[1], c[2], out); console.log('contract', (performance.now() - t).toFixed(1));
  const g = new Float64Array(m).fill(-0.01);
  t = performance.now(); gram(d.J, m, p, g, out); console.log('gram', (performance.now() - t).toFixed(1));
  t = performance.now(); o.hessianContraction(theta, ev.gz, out); console.log('all', (performance.now() - t).toFixed(1));
}
console.log(Math.max(...Array.from(ev.gz).map(Math.abs)));
