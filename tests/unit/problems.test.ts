// Losses (value, g_z, H_z vs finite differences), targets, data sets.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import type { PointSet } from '../../src/engine/models/model';
import {
  CrossEntropyLoss,
  QuadraticFormLoss,
  WeightedL2Loss,
  lossMatrix,
  type VectorLoss,
} from '../../src/engine/problems/losses';
import {
  compileTarget,
  compileTargetDerivative,
  exactBasis,
  projectOntoExactBasis,
} from '../../src/engine/problems/targets';
import { datasetInputDim, datasetPoints, generateDataset, mackeyGlassSeries } from '../../src/engine/problems/datasets';

function randomVector(rng: Rng, n: number, lo = -1, hi = 1): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.uniform(lo, hi);
  return v;
}

/** Central differences of the loss: the gradient, and the Hessian from differences of the gradient. */
function checkLossDerivatives(loss: VectorLoss, z: Float64Array, tol: number): void {
  const n = loss.n;
  const g = new Float64Array(n);
  loss.evaluate(z, g);
  const zz = Float64Array.from(z);
  const gPlus = new Float64Array(n);
  const gMinus = new Float64Array(n);
  const H = loss.hessian(z);
  const Hcopy = H.kind === 'diag' ? Float64Array.from(H.d) : Float64Array.from(H.H);
  for (let i = 0; i < n; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(z[i]));
    zz[i] = z[i] + h;
    const fPlus = loss.evaluate(zz, gPlus);
    zz[i] = z[i] - h;
    const fMinus = loss.evaluate(zz, gMinus);
    zz[i] = z[i];
    expect(g[i]).toBeCloseTo((fPlus - fMinus) / (2 * h), -Math.log10(tol));
    for (let k = 0; k < n; k++) {
      const fd = (gPlus[k] - gMinus[k]) / (2 * h);
      const exact = H.kind === 'diag' ? (i === k ? Hcopy[i] : 0) : Hcopy[k * n + i];
      expect(Math.abs(exact - fd)).toBeLessThan(tol * Math.max(1, Math.abs(exact)));
    }
  }
}

describe('losses', () => {
  it('weighted l2: value, gradient and Hessian', () => {
    const rng = new Rng(3);
    const n = 7;
    const t = randomVector(rng, n);
    const w = randomVector(rng, n, 0.1, 2);
    const z = randomVector(rng, n, -2, 2);
    const loss = new WeightedL2Loss(t, w);
    let expected = 0;
    for (let i = 0; i < n; i++) expected += 0.5 * w[i] * (z[i] - t[i]) ** 2;
    expect(loss.evaluate(z, null)).toBeCloseTo(expected, 14);
    checkLossDerivatives(loss, z, 1e-7);
  });

  it('l2 with K: value, gradient and dense Hessian', () => {
    const rng = new Rng(5);
    const K = lossMatrix(
      [
        [4, 1, 0],
        [1, 3, -0.5],
        [0, -0.5, 2],
      ],
      3,
    );
    const cu = randomVector(rng, 3);
    const c = randomVector(rng, 3, -2, 2);
    const loss = new QuadraticFormLoss(cu, K);
    const d = [c[0] - cu[0], c[1] - cu[1], c[2] - cu[2]];
    let expected = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expected += 0.5 * d[i] * K[i * 3 + j] * d[j];
    expect(loss.evaluate(c, null)).toBeCloseTo(expected, 14);
    expect(loss.hessian(c).kind).toBe('dense');
    checkLossDerivatives(loss, c, 1e-7);
    expect(Array.from(lossMatrix(undefined, 2))).toEqual([1, 0, 0, 1]);
    expect(() => lossMatrix([[1, 0]], 2)).toThrow(/problem\.loss\.K/);
  });

  it('cross-entropy: value, gradient and Hessian match the table and finite differences', () => {
    const rng = new Rng(11);
    const n = 8;
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) labels[i] = i % 3 === 0 ? 1 : 0;
    const w = randomVector(rng, n, 0.2, 1);
    const v = randomVector(rng, n, 0.05, 0.95);
    const loss = new CrossEntropyLoss(labels, w);
    let expected = 0;
    for (let i = 0; i < n; i++) expected += w[i] * (-labels[i] * Math.log(v[i]) - (1 - labels[i]) * Math.log(1 - v[i]));
    expect(loss.evaluate(v, null)).toBeCloseTo(expected, 13);
    checkLossDerivatives(loss, v, 1e-6);
  });

  it('cross-entropy stays finite when a sigmoid saturates to exactly 0 or 1', () => {
    const loss = new CrossEntropyLoss(Float64Array.of(1, 0, 1, 0), Float64Array.of(1, 1, 1, 1));
    const v = Float64Array.of(1, 0, 0, 1);
    const g = new Float64Array(4);
    const value = loss.evaluate(v, g);
    expect(Number.isFinite(value)).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
    const H = loss.hessian(v);
    expect(H.kind === 'diag' && H.d.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    // Right labels at the saturated ends: ~0 loss; wrong ones: ≈ −log(1e-15) each.
    const right = loss.evaluate(Float64Array.of(1, 0, 1, 0), null);
    expect(right).toBeLessThan(1e-14);
    // (1 − 1e-15 is not exact in binary: the upper clamp leaves 1 − fl(1 − 1e-15) ≈ 1.11e-15.)
    expect(value).toBeCloseTo(-Math.log(1e-15) - Math.log(1 - (1 - 1e-15)), 10);
  });
});

function points1D(xs: number[]): PointSet {
  return { d: 1, m: xs.length, x: Float64Array.from(xs), w: new Float64Array(xs.length).fill(1) };
}

describe('targets', () => {
  it('evaluates expressions in x and in x, y, and differentiates in x', () => {
    const u = compileTarget('sin(2*pi*x) + x^2', 1);
    const pts = points1D([-0.3, 0.1, 0.7]);
    const out = new Float64Array(3);
    u.values(pts, out);
    for (let i = 0; i < 3; i++) {
      const x = pts.x[i];
      expect(out[i]).toBeCloseTo(Math.sin(2 * Math.PI * x) + x * x, 14);
    }
    const du = compileTargetDerivative('sin(2*pi*x) + x^2');
    du.values(pts, out);
    for (let i = 0; i < 3; i++) {
      const x = pts.x[i];
      const h = 1e-6;
      const fd =
        (Math.sin(2 * Math.PI * (x + h)) + (x + h) ** 2 - Math.sin(2 * Math.PI * (x - h)) - (x - h) ** 2) / (2 * h);
      expect(out[i]).toBeCloseTo(fd, 7);
    }
    const u2 = compileTarget('x*y - y', 2);
    const pts2: PointSet = { d: 2, m: 2, x: Float64Array.of(0.5, 2, -1, 3), w: Float64Array.of(1, 1) };
    const out2 = new Float64Array(2);
    u2.values(pts2, out2);
    expect(Array.from(out2)).toEqual([0.5 * 2 - 2, -3 - 3]);
  });

  it('reports a bad expression with its field and position', () => {
    expect(() => compileTarget('sin(x) + z', 1)).toThrow(/^problem\.target\.expr: .*position/);
    expect(() => compileTarget('x + y', 1)).toThrow(/problem\.target\.expr/);
  });

  it('projects an expression on the exact basis (sin 2πx, cos 2πx)', () => {
    const c = projectOntoExactBasis(compileTarget('0.3*sin(2*pi*x) - 0.7*cos(2*pi*x)', 1));
    expect(c[0]).toBeCloseTo(0.3, 13);
    expect(c[1]).toBeCloseTo(-0.7, 13);
    const phi = new Float64Array(2);
    exactBasis(0.125, phi);
    expect(phi[0]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(phi[1]).toBeCloseTo(Math.SQRT1_2, 15);
  });
});

describe('datasets', () => {
  it('xor: labels are 1 exactly when x·y > 0, balanced, deterministic, in [−1, 1]²', () => {
    const data = generateDataset({ name: 'xor', n: 1000, noise: 0, seed: 7 });
    expect(datasetInputDim('xor')).toBe(2);
    expect(data.inputDim).toBe(2);
    expect(data.test).toBeNull();
    const { inputs, labels, n } = data.train;
    expect(n).toBe(1000);
    let ones = 0;
    for (let i = 0; i < n; i++) {
      const x = inputs[2 * i];
      const y = inputs[2 * i + 1];
      expect(Math.abs(x)).toBeLessThanOrEqual(1);
      expect(Math.abs(y)).toBeLessThanOrEqual(1);
      expect(labels[i]).toBe(x * y > 0 ? 1 : 0);
      ones += labels[i];
    }
    expect(ones / n).toBeGreaterThan(0.45);
    expect(ones / n).toBeLessThan(0.55);
    const again = generateDataset({ name: 'xor', n: 1000, noise: 0, seed: 7 });
    expect(Array.from(again.train.inputs)).toEqual(Array.from(inputs));
    const other = generateDataset({ name: 'xor', n: 1000, noise: 0, seed: 8 });
    expect(Array.from(other.train.inputs)).not.toEqual(Array.from(inputs));
    const points = datasetPoints(data);
    expect(points.d).toBe(2);
    expect(points.m).toBe(1000);
    expect(points.w[0]).toBe(1 / 1000);
  });

  it('xor with noise: inputs move off the clean quadrant pattern, labels stay 0/1', () => {
    const data = generateDataset({ name: 'xor', n: 500, noise: 0.3, seed: 1 });
    const { inputs, labels, n } = data.train;
    let disagreements = 0;
    for (let i = 0; i < n; i++) {
      expect(labels[i] === 0 || labels[i] === 1).toBe(true);
      if ((inputs[2 * i] * inputs[2 * i + 1] > 0 ? 1 : 0) !== labels[i]) disagreements++;
    }
    expect(disagreements).toBeGreaterThan(10); // noise flips some points across the axes
    expect(disagreements).toBeLessThan(n / 2);
  });

  /** An independent straightforward loop: history 1.2 for t ≤ 0, a map keyed by t. */
  function referenceMackeyGlass(tMax: number): Map<number, number> {
    const z = new Map<number, number>();
    for (let t = -17; t <= 0; t++) z.set(t, 1.2);
    for (let t = 0; t < tMax; t++) {
      const now = z.get(t)!;
      const lag = z.get(t - 17)!;
      z.set(t + 1, 0.9 * now + (0.2 * lag) / (1 + Math.pow(lag, 10)));
    }
    return z;
  }

  it('mackey-glass: the series and samples agree with an independent loop', () => {
    const n = 100;
    const data = generateDataset({ name: 'mackey-glass', n, noise: 0, seed: 1 });
    expect(datasetInputDim('mackey-glass')).toBe(4);
    const ref = referenceMackeyGlass(300 + 18 + n + 6 + 5);
    const nTrain = 80;
    expect(data.train.n).toBe(nTrain);
    expect(data.test!.n).toBe(n - nTrain);
    const sample = (i: number) => {
      const t = 318 + i;
      return { inputs: [ref.get(t)!, ref.get(t - 6)!, ref.get(t - 12)!, ref.get(t - 18)!], label: ref.get(t + 6)! };
    };
    for (const i of [0, 1, 37, nTrain - 1]) {
      const s = sample(i);
      for (let l = 0; l < 4; l++) expect(data.train.inputs[i * 4 + l]).toBe(s.inputs[l]);
      expect(data.train.labels[i]).toBe(s.label);
    }
    for (const j of [0, n - nTrain - 1]) {
      const s = sample(nTrain + j);
      for (let l = 0; l < 4; l++) expect(data.test!.inputs[j * 4 + l]).toBe(s.inputs[l]);
      expect(data.test!.labels[j]).toBe(s.label);
    }
    const series = data.series!;
    expect(series.t[0]).toBe(300);
    expect(series.z.length).toBe(18 + n + 6);
    expect(series.z[5]).toBe(ref.get(305));
    // Pinned values of the map (computed by the loop above; the first few steps by hand:
    // z(1) = 0.9·1.2 + 0.2·1.2/(1 + 1.2^10)).
    const z = mackeyGlassSeries(20);
    expect(z[0]).toBe(1.2);
    expect(z[1]).toBeCloseTo(0.9 * 1.2 + (0.2 * 1.2) / (1 + 1.2 ** 10), 15);
    expect(z[19]).toBe(ref.get(19));
  });

  it('mackey-glass: deterministic and bounded in (0.2, 1.5)', () => {
    const a = generateDataset({ name: 'mackey-glass', n: 500 });
    const b = generateDataset({ name: 'mackey-glass', n: 500 });
    expect(Array.from(a.series!.z)).toEqual(Array.from(b.series!.z));
    const z = mackeyGlassSeries(5000);
    for (let t = 300; t < z.length; t++) {
      expect(z[t]).toBeGreaterThan(0.2);
      expect(z[t]).toBeLessThan(1.5);
    }
    // not constant: the attractor oscillates
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 300; t < z.length; t++) {
      lo = Math.min(lo, z[t]);
      hi = Math.max(hi, z[t]);
    }
    expect(hi - lo).toBeGreaterThan(0.3);
  });

  it('rejects bad sizes', () => {
    expect(() => generateDataset({ name: 'xor', n: 0 })).toThrow(/problem\.target\.n/);
    expect(() => generateDataset({ name: 'xor', noise: -1 })).toThrow(/problem\.target\.noise/);
  });
});
