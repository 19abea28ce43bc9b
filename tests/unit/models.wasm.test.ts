// The SIMD tanh layer kernel (src/engine/models/wasm/tanh.wat) must return exactly the bits of the JS tanh
// (math/hyperbolic.ts), and the MLP's blocked passes (mlp.ts values/jacobian) exactly the bits of the
// textbook point-by-point forward pass and backpropagation, so that records are the same in the browser,
// the worker, the CLI and without WebAssembly SIMD.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import * as libm from '../../src/engine/math';
import { createModel, initialTheta, type PointSet } from '../../src/engine/models';
import { sigmoid } from '../../src/engine/models/activations';
import { tanhWasmKernel } from '../../src/engine/models/wasm/tanhKernel';
import { TANH_WASM_BASE64 } from '../../src/engine/models/wasm/tanhModule';
import { Rng } from '../../src/engine/random';
import type { Activation, ModelSpec } from '../../src/engine/scenario/types';

/** Index of the first entry whose bits differ (Object.is: tells +0 from −0, NaN equals NaN), or −1. */
function firstBitDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Inputs reaching every branch of tanh and of the expm1 it calls: special values, thresholds ± a few ulps, random. */
function tanhInputs(): Float64Array {
  const values: number[] = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e-300, 2 ** -55, 2 ** -56, 22, 30];
  // tanh's own bounds (2^-55, 1, 22) and those of expm1 on y = ±2|x| (|y| = ln2/2, 1.5 ln2; k = 20, 56).
  const bounds = [2 ** -55, 1, 22, Math.LN2 / 4, (1.5 * Math.LN2) / 2, (19.5 * Math.LN2) / 2, (56.5 * Math.LN2) / 2];
  for (const bound of bounds) {
    for (const direction of [1, -1]) {
      let x = bound;
      for (let q = 0; q < 200; q++) {
        values.push(x, -x);
        x *= 1 + direction * 2 ** -52 * ((q % 5) + 1);
      }
    }
  }
  const rng = new Rng(12);
  for (let i = 0; i < 40_000; i++) {
    const sign = rng.uniform(0, 1) < 0.5 ? -1 : 1;
    values.push(sign * 10 ** rng.uniform(-20, 1.6), rng.uniform(-3, 3));
  }
  return Float64Array.from(values);
}

describe('WebAssembly SIMD tanh layer kernel', () => {
  it('committed module bytes are the compilation of tanh.wat (no drift)', async () => {
    const watPath = fileURLToPath(new URL('../../src/engine/models/wasm/tanh.wat', import.meta.url));
    const wabt = await wabtInit();
    // Same options as scripts/build-wasm.mjs.
    const parsed = wabt.parseWat('tanh.wat', readFileSync(watPath, 'utf8'), { simd: true });
    parsed.resolveNames();
    parsed.validate();
    const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
    parsed.destroy();
    expect(Buffer.from(TANH_WASM_BASE64, 'base64').equals(Buffer.from(buffer))).toBe(true);
  });

  it('loads in Node (so the equality tests below really run the SIMD path)', () => {
    expect(tanhWasmKernel()).not.toBeNull();
  });

  it('a = tanh(z) and s = 1 − a² bit for bit as math/hyperbolic.ts, on every branch and odd n', () => {
    const kernel = tanhWasmKernel();
    if (kernel === null) throw new Error('kernel did not load');
    const z = tanhInputs();
    const n = z.length - (z.length % 2 === 0 ? 1 : 0); // odd: the padded last pair must not matter
    const size = n + 1;
    const heap = kernel.heap(size * 3 * 8) as Float64Array;
    heap.set(z.subarray(0, n), 0);
    kernel.tanhLayer(0, size * 8, 2 * size * 8, n);
    const view = kernel.heap(0) as Float64Array;
    const expectedA = new Float64Array(n);
    const expectedS = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      expectedA[i] = libm.tanh(z[i]);
      expectedS[i] = 1 - expectedA[i] * expectedA[i];
    }
    expect(firstBitDifference(view.subarray(size, size + n), expectedA)).toBe(-1);
    expect(firstBitDifference(view.subarray(2 * size, 2 * size + n), expectedS)).toBe(-1);
  });
});

/** v and J by the textbook point-by-point pass (σ from the scalar functions), in the model's operation order. */
function referenceJacobian(
  layers: number[],
  sigma: (z: number) => number,
  sigmaSlope: (z: number, a: number) => number,
  x: Float64Array,
  theta: Float64Array,
): { v: Float64Array; J: Float64Array } {
  const L = layers.length - 1;
  const m = x.length / layers[0];
  let p = 0;
  const wOffset = [0];
  const bOffset = [0];
  for (let l = 1; l <= L; l++) {
    wOffset.push(p);
    p += layers[l] * layers[l - 1];
    bOffset.push(p);
    p += layers[l];
  }
  const v = new Float64Array(m);
  const J = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    const a: number[][] = [Array.from(x.subarray(i * layers[0], (i + 1) * layers[0]))];
    const slope: number[][] = [[]];
    for (let l = 1; l <= L; l++) {
      const out: number[] = [];
      const ds: number[] = [];
      for (let r = 0; r < layers[l]; r++) {
        let z = theta[bOffset[l] + r];
        for (let c = 0; c < layers[l - 1]; c++) z += theta[wOffset[l] + r * layers[l - 1] + c] * a[l - 1][c];
        const value = l === L ? z : sigma(z); // identity output
        out.push(value);
        ds.push(l === L ? 1 : sigmaSlope(z, value));
      }
      a.push(out);
      slope.push(ds);
    }
    v[i] = a[L][0];
    let delta = [1 * slope[L][0]];
    for (let l = L; l >= 1; l--) {
      const nIn = layers[l - 1];
      for (let r = 0; r < layers[l]; r++) {
        for (let c = 0; c < nIn; c++) J[i * p + wOffset[l] + r * nIn + c] = delta[r] * a[l - 1][c];
        J[i * p + bOffset[l] + r] = delta[r];
      }
      if (l > 1) {
        const below: number[] = [];
        for (let c = 0; c < nIn; c++) {
          let sum = 0;
          for (let r = 0; r < layers[l]; r++) sum += theta[wOffset[l] + r * nIn + c] * delta[r];
          below.push(sum * slope[l - 1][c]);
        }
        delta = below;
      }
    }
  }
  return { v, J };
}

const SCALAR: Partial<Record<Activation, [(z: number) => number, (z: number, a: number) => number]>> = {
  tanh: [libm.tanh, (_z, t) => 1 - t * t],
  sigmoid: [sigmoid, (_z, s) => s * (1 - s)],
};

describe('mlp blocked passes (values, jacobian)', () => {
  const cases: [number[], Activation, number][] = [
    [[1, 50, 1], 'tanh', 300], // blocks of 128: two full and a partial one
    [[1, 7, 1], 'tanh', 1], // odd layer width, one point
    [[1, 5, 4, 1], 'tanh', 129], // two hidden layers, one point past a block
    [[2, 6, 1], 'tanh', 64],
    [[1, 9, 1], 'sigmoid', 200], // the JS activation path of the block
  ];
  for (const [layers, activation, m] of cases) {
    it(`[${layers.join(',')}] ${activation}, m = ${m}: bit for bit the point-by-point reference`, () => {
      const rng = new Rng(m + layers.length);
      const d = layers[0];
      const x = new Float64Array(m * d);
      for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-1, 1);
      const points: PointSet = { d, m, x, w: new Float64Array(m).fill(2 / m) };
      const spec: ModelSpec = { kind: 'mlp', layers, activation };
      const domain: [number, number][] = Array.from({ length: d }, () => [-1, 1]);
      const model = createModel(spec, points, domain);
      const theta = initialTheta(spec, { seed: 3, scale: 2 }, 0, d);
      const [sigma, slope] = SCALAR[activation]!;
      const expected = referenceJacobian(layers, sigma, slope, x, theta);
      const v = new Float64Array(m);
      const J = new Float64Array(m * model.p);
      model.jacobian(theta, v, J);
      expect(firstBitDifference(v, expected.v)).toBe(-1);
      expect(firstBitDifference(J, expected.J)).toBe(-1);
      const values = new Float64Array(m);
      model.values(theta, values);
      expect(firstBitDifference(values, expected.v)).toBe(-1);
    });
  }
});
