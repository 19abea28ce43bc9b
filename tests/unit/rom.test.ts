import { describe, expect, it } from 'vitest';
import { periodicSoliton, solitonOnLine, solitonSpeed } from '../../src/engine/rom/kdv';
import { trainDecoder, type TrainingData } from '../../src/engine/rom/decoder';
import { VectorNetwork } from '../../src/engine/rom/network';
import { podBasis, projectOnModes } from '../../src/engine/rom/pod';
import { ReducedOrderModel } from '../../src/engine/rom/romModel';
import { generateSnapshots, periodicGrid } from '../../src/engine/rom/snapshots';
import { Rng } from '../../src/engine/random';

/** Residual u_t + 4 u u_x + u_xxx of a function of (x, t) by central differences (step h in x, τ in t). */
function kdvResidual(u: (x: number, t: number) => number, x: number, t: number, h: number, tau: number): number {
  const ut = (u(x, t + tau) - u(x, t - tau)) / (2 * tau);
  const ux = (u(x + h, t) - u(x - h, t)) / (2 * h);
  const uxxx = (u(x + 2 * h, t) - 2 * u(x + h, t) + 2 * u(x - h, t) - u(x - 2 * h, t)) / (2 * h * h * h);
  return ut + 4 * u(x, t) * ux + uxxx;
}

describe('KdV soliton on a background of 1', () => {
  const soliton = { amplitude: 24, position: -1 };
  const peakTerm = 4 * soliton.amplitude * soliton.amplitude * Math.sqrt(soliton.amplitude / 3); // size of 4 u u_x

  it('peaks at 1 + a at the position and travels at 4 + 4a/3', () => {
    expect(periodicSoliton(soliton, -1, 0)).toBeCloseTo(25, 6);
    const t = 0.01;
    expect(solitonOnLine(soliton, -1 + solitonSpeed(24) * t, t)).toBeCloseTo(25, 12);
  });

  it('satisfies u_t + 4 u u_x + u_xxx = 0 to discretisation accuracy (error O(h²) as h halves)', () => {
    const line = (x: number, t: number) => solitonOnLine(soliton, x, t);
    const maxResidual = (h: number) => {
      let worst = 0;
      for (let x = -2; x <= 0; x += 0.05) worst = Math.max(worst, Math.abs(kdvResidual(line, x, 0.003, h, h * 0.01)));
      return worst;
    };
    const coarse = maxResidual(2e-3);
    const fine = maxResidual(1e-3);
    expect(coarse / peakTerm).toBeLessThan(1e-3);
    expect(coarse / fine).toBeGreaterThan(3.5); // second order
    expect(coarse / fine).toBeLessThan(4.5);
  });

  it('wrapped on [−π, π) it is periodic and solves KdV up to the images’ overlap (smallest amplitude 8)', () => {
    const small = { amplitude: 8, position: 2.5 };
    const wrapped = (x: number, t: number) => periodicSoliton(small, x, t);
    expect(wrapped(-Math.PI, 0)).toBeCloseTo(wrapped(Math.PI, 0), 12);
    let worst = 0;
    for (let x = -Math.PI; x < Math.PI; x += 0.05)
      worst = Math.max(worst, Math.abs(kdvResidual(wrapped, x, 0, 1e-3, 1e-5)));
    const scale = 4 * 8 * 8 * Math.sqrt(8 / 3);
    expect(worst / scale).toBeLessThan(2e-3);
  });
});

describe('POD of soliton snapshots', () => {
  const grid = periodicGrid(128);
  const snapshots = generateSnapshots(grid, { amplitude: [8, 32], position: [-Math.PI, Math.PI] }, 60, 5);
  const basis = podBasis(snapshots, 20);

  it('gives modes orthonormal in the quadrature inner product', () => {
    for (let k = 0; k < basis.count; k++) {
      for (let l = 0; l < basis.count; l++) {
        let sum = 0;
        for (let i = 0; i < grid.n; i++) sum += basis.modes[k * grid.n + i] * basis.modes[l * grid.n + i];
        expect(Math.abs(grid.weight * sum - (k === l ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('captures the snapshots’ energy as the singular values say (Σ σ_k² = Σ ‖P u_s‖²)', () => {
    const c = new Float64Array(basis.count);
    let captured = 0;
    for (let s = 0; s < snapshots.count; s++) {
      projectOnModes(basis, snapshots.values.subarray(s * grid.n, (s + 1) * grid.n), c);
      for (const x of c) captured += x * x;
    }
    let sigma2 = 0;
    for (const s of basis.singularValues) sigma2 += s * s;
    expect(captured / sigma2).toBeCloseTo(1, 10);
    for (let k = 1; k < basis.count; k++)
      expect(basis.singularValues[k]).toBeLessThanOrEqual(basis.singularValues[k - 1]);
  });

  it('is the same from the same seed, and different from another', () => {
    const again = podBasis(generateSnapshots(grid, { amplitude: [8, 32], position: [-Math.PI, Math.PI] }, 60, 5), 20);
    expect(Array.from(again.modes)).toEqual(Array.from(basis.modes));
    const other = generateSnapshots(grid, { amplitude: [8, 32], position: [-Math.PI, Math.PI] }, 60, 6);
    expect(other.solitons[0]).not.toEqual(snapshots.solitons[0]);
  });
});

function randomArray(rng: Rng, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => rng.uniform(-scale, scale));
}

describe('decoder network and reduced-order model', () => {
  it('has exact weight gradients and input Jacobians (central differences)', () => {
    const rng = new Rng(3);
    const network = new VectorNetwork([3, 5, 4, 2], 'tanh');
    const w = randomArray(rng, network.p);
    const X = randomArray(rng, 4 * 3);
    const Y = randomArray(rng, 4 * 2);
    const g = new Float64Array(network.p);
    network.squaredError(w, X, Y, 4, g);
    const h = 1e-6;
    for (let j = 0; j < network.p; j += 3) {
      const plus = Float64Array.from(w);
      const minus = Float64Array.from(w);
      plus[j] += h;
      minus[j] -= h;
      const fd = (network.squaredError(plus, X, Y, 4, null) - network.squaredError(minus, X, Y, 4, null)) / (2 * h);
      expect(Math.abs(g[j] - fd)).toBeLessThan(1e-7);
    }
    const x = randomArray(rng, 3);
    const y = new Float64Array(2);
    const J = new Float64Array(6);
    network.inputJacobian(w, x, y, J);
    const yPlus = new Float64Array(2);
    const yMinus = new Float64Array(2);
    for (let k = 0; k < 3; k++) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[k] += h;
      minus[k] -= h;
      network.forward(w, plus, yPlus);
      network.forward(w, minus, yMinus);
      for (let r = 0; r < 2; r++) expect(Math.abs(J[r * 3 + k] - (yPlus[r] - yMinus[r]) / (2 * h))).toBeLessThan(1e-8);
    }
  });

  const grid = periodicGrid(64);
  const snapshots = generateSnapshots(grid, { amplitude: [8, 32], position: [-Math.PI, Math.PI] }, 40, 2);
  const basis = podBasis(snapshots, 9);
  const data: TrainingData = (() => {
    const inputs = new Float64Array(40 * 3);
    const targets = new Float64Array(40 * 6);
    const c = new Float64Array(9);
    for (let s = 0; s < 40; s++) {
      projectOnModes(basis, snapshots.values.subarray(s * 64, (s + 1) * 64), c);
      inputs.set(c.subarray(0, 3), s * 3);
      targets.set(c.subarray(3), s * 6);
    }
    return { inputs, targets, count: 40, n: 3, outputs: 6 };
  })();
  const options = { hidden: [8], activation: 'tanh' as const, seed: 11, iterations: 40, optimizer: 'lbfgs' as const };

  it('trains the decoder reproducibly bit for bit from its seed, and the training lowers the loss', () => {
    const first = trainDecoder(data, options);
    const second = trainDecoder(data, options);
    expect(Array.from(second.decoder.weights)).toEqual(Array.from(first.decoder.weights));
    expect(second.report.losses).toEqual(first.report.losses);
    const other = trainDecoder(data, { ...options, seed: 12 });
    expect(Array.from(other.decoder.weights)).not.toEqual(Array.from(first.decoder.weights));
    const losses = first.report.losses;
    expect(losses[losses.length - 1]).toBeLessThan(0.2 * losses[0]);
  });

  it('has the exact Jacobian v(θ) = Φ_n θ + Φ_rest D(θ) (central differences)', () => {
    const { decoder } = trainDecoder(data, options);
    const points = Int32Array.from([0, 5, 17, 33, 50, 63]);
    const model = new ReducedOrderModel(basis, 3, decoder, points);
    const theta = Float64Array.from(data.inputs.subarray(6, 9)).map((x, k) => x + 0.1 * (k + 1));
    const v = new Float64Array(6);
    const J = new Float64Array(18);
    model.jacobian(theta, v, J);
    const values = new Float64Array(6);
    model.values(theta, values);
    expect(Array.from(values)).toEqual(Array.from(v));
    const vPlus = new Float64Array(6);
    const vMinus = new Float64Array(6);
    const h = 1e-6;
    for (let k = 0; k < 3; k++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[k] += h;
      minus[k] -= h;
      model.values(plus, vPlus);
      model.values(minus, vMinus);
      for (let i = 0; i < 6; i++) expect(Math.abs(J[i * 3 + k] - (vPlus[i] - vMinus[i]) / (2 * h))).toBeLessThan(1e-7);
    }
    // the linear ROM is the first n modes: its Jacobian is Φ_n at the points
    const linear = new ReducedOrderModel(basis, 3, null, points);
    linear.jacobian(theta, v, J);
    for (let i = 0; i < 6; i++) for (let k = 0; k < 3; k++) expect(J[i * 3 + k]).toBe(basis.modes[k * 64 + points[i]]);
  });
});
