import { createModel, initialTheta } from './src/engine/models';
const m = 1000;
const x = new Float64Array(m).map((_, i) => -1 + (2 * i) / (m - 1));
const spec: any = { kind: 'mlp', layers: [1, 100, 1], activation: 'tanh' };
const model: any = createModel(spec, { d: 1, m, x, w: new Float64Array(m).fill(1 / m) }, [[-1, 1]]);
const theta = initialTheta(spec, { seed: 1, scale: 1 }, 0, 1);
const a = new Float64Array(m).fill(0.3);
const out = new Float64Array(model.p * model.p);
for (let r = 0; r < 8; r++) { const t = performance.now(); model.hessianContraction(theta, a, out); console.log('C1', (performance.now() - t).toFixed(2)); }
for (let r = 0; r < 4; r++) { const t = performance.now(); model.derivativeHessianContraction(theta, a, a, a, out); console.log('C3', (performance.now() - t).toFixed(2)); }
