import { createModel, initialTheta } from './src/engine/models';
import { mlpHessianOperations } from './src/engine/models/mlpHessian';
const m = 400;
const x = new Float64Array(m).map((_, i) => -1 + (2 * i) / (m - 1));
const best = (f: () => void, n = 5) => { let b = Infinity; for (let r = 0; r < n; r++) { const t = performance.now(); f(); b = Math.min(b, performance.now() - t); } return b; };
for (const [layers, output] of [[[1, 100, 1], 'identity'], [[1, 30, 1], 'identity'], [[1, 100, 1], 'sigmoid'], [[1, 20, 20, 1], 'identity'], [[1, 30, 30, 1], 'identity'], [[1, 10, 10, 10, 1], 'identity']] as const) {
  const spec: any = { kind: 'mlp', layers, activation: 'tanh', output };
  const model: any = createModel(spec, { d: 1, m, x, w: new Float64Array(m).fill(1 / m) }, [[-1, 1]]);
  const theta = initialTheta(spec, { seed: 1, scale: 1 }, 0, 1);
  const a = new Float64Array(m).fill(0.3);
  const out = new Float64Array(model.p * model.p);
  const v = new Float64Array(m), J = new Float64Array(m * model.p);
  const tJ = best(() => model.jacobian(theta, v, J));
  const t1 = best(() => model.hessianContraction(theta, a, out));
  const t3 = best(() => model.derivativeHessianContraction(theta, a, a, a, out));
  const o1 = mlpHessianOperations(layers, output, 1), o3 = mlpHessianOperations(layers, output, 3);
  console.log(JSON.stringify(layers), output, 'p', model.p, 'jac ns/(m p)', (1e6 * tJ / (m * model.p)).toFixed(1),
    'C1 ns/op', (1e6 * t1 / (m * o1)).toFixed(2), 'C3 ns/op', (1e6 * t3 / (m * o3)).toFixed(2), 'C1/jac', (t1 / tJ).toFixed(2), 'C3/jac', (t3/tJ).toFixed(2));
}
