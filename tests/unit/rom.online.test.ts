import { describe, expect, it } from 'vitest';
import { buildOfflineRom, KDV_ROM_CONFIG, type RomConfig } from '../../src/engine/rom/offline';
import {
  KDV_TEST_STATE,
  ONLINE_METHODS,
  onlineProblem,
  runOnlineMethod,
  samplePointIndices,
} from '../../src/engine/rom/online';

// A smaller offline stage than the experiment's (coarser grid, fewer snapshots, shorter training): the
// properties tested here hold for any decoder.
const CONFIG: RomConfig = {
  ...KDV_ROM_CONFIG,
  gridSize: 256,
  snapshots: 120,
  decoder: { ...KDV_ROM_CONFIG.decoder, hidden: [32], iterations: 300 },
};

describe('online reconstruction of the KdV test state', () => {
  const rom = buildOfflineRom(CONFIG);
  const method = (key: string) => {
    const found = ONLINE_METHODS.find((m) => m.key === key);
    if (!found) throw new Error(key);
    return found;
  };
  const all = Int32Array.from({ length: rom.grid.n }, (_, i) => i);
  const fullGrid = onlineProblem(rom, KDV_TEST_STATE, all);
  const sampled = onlineProblem(rom, KDV_TEST_STATE, samplePointIndices(rom.grid.n, 128, 3));

  it('draws nested, distinct, seeded sample points', () => {
    const a = samplePointIndices(256, 16, 3);
    const b = samplePointIndices(256, 32, 3);
    expect(new Set(a).size).toBe(16);
    for (const i of a) expect(Array.from(b)).toContain(i);
    expect(Array.from(samplePointIndices(256, 16, 4))).not.toEqual(Array.from(a));
  });

  it('starts from the linear least-squares fit: on the full grid, the projection on the first n modes', () => {
    const linear = runOnlineMethod(fullGrid, method('linear'));
    // Orthonormal modes: the least-squares coefficients are the inner products ⟨u, φ_k⟩.
    const { basis } = rom;
    for (let k = 0; k < CONFIG.n; k++) {
      let inner = 0;
      for (let i = 0; i < basis.n; i++) inner += fullGrid.truth[i] * basis.modes[k * basis.n + i];
      expect(fullGrid.theta0[k]).toBeCloseTo(basis.weight * inner, 9);
    }
    expect(linear.relativeError).toBeGreaterThan(0.2); // six modes cannot hold a narrow soliton
  });

  it('lands the NGD fit at m = 128 within 1.5× of the same fit to the full grid, below the linear ROM', () => {
    const ngd = method('ngd');
    const onSamples = runOnlineMethod(sampled, ngd);
    const onGrid = runOnlineMethod(fullGrid, ngd);
    expect(onSamples.stopReason).toBeUndefined();
    expect(onSamples.converged).toBe(true);
    expect(onSamples.relativeError).toBeLessThan(1.5 * onGrid.relativeError);
    expect(onSamples.relativeError).toBeLessThan(0.5 * runOnlineMethod(sampled, method('linear')).relativeError);
  });
});
