import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import { TWISTED_LOSS_PRESET } from '../../src/engine/scenario/presets/twisted';
import { validateScenario } from '../../src/engine/scenario/validate';

/** First k with L_k < level (−1: never). */
function firstBelow(losses: number[], level: number): number {
  return losses.findIndex((loss) => loss < level);
}

describe('preset "Beyond L2: a twisted loss"', () => {
  const run = runToEnd(TWISTED_LOSS_PRESET.scenario);
  const losses = (key: string) => {
    const status = run.status(key);
    expect(status.stopReason).toBeUndefined();
    return status.records.map((record) => record.loss);
  };
  const nhgd = losses('nhgd');
  const heavyBall = losses('natural-heavy-ball');
  const nesterov = losses('natural-nesterov');

  it('is a valid scenario', () => {
    expect(validateScenario(TWISTED_LOSS_PRESET.scenario).ok).toBe(true);
  });

  it('holds NHGD and natural Heavy-Ball on a plateau that natural Nesterov leaves much earlier', () => {
    // The plateau: NHGD's loss changes by less than 25% over 30 iterations, at a level between 1e-2 and 0.1.
    const plateau = nhgd[100];
    expect(plateau).toBeGreaterThan(1e-2);
    expect(plateau).toBeLessThan(0.1);
    expect(nhgd[95] / nhgd[125]).toBeLessThan(1.25);
    const exits = [nhgd, heavyBall, nesterov].map((curve) => firstBelow(curve, plateau / 4));
    for (const exit of exits) expect(exit).toBeGreaterThan(0);
    const [nhgdExit, heavyBallExit, nesterovExit] = exits;
    expect(heavyBallExit).toBeGreaterThan(1.3 * nesterovExit);
    expect(nhgdExit).toBeGreaterThan(1.3 * heavyBallExit);
    // every method reaches the plateau before leaving it
    for (const curve of [heavyBall, nesterov]) expect(Math.min(...curve.slice(0, 40))).toBeGreaterThan(plateau / 4);
  });

  it('takes natural Nesterov to rounding level within 100 iterations, monotonically enough to read', () => {
    const reached = firstBelow(nesterov, 1e-9);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(100);
    expect(Math.max(...nesterov)).toBe(nesterov[0]);
    expect(Math.max(...heavyBall)).toBe(heavyBall[0]);
  });
});
