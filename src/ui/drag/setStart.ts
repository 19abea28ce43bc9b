// Starting the race from a point picked on a plot (src/plots/startDrag.ts): init.theta0 is written and
// the race restarts from there at once (an explicit start replaces a seeded one). On the exact function-space
// plot the pick is a coefficient point; the worker finds the parameters nearest it.

import { useScenario } from '../../state/scenario';
import { startNearCoefficients } from '../../state/runner';

/** Four significant digits: a short link, and finer than a drag can aim. */
function tidy(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(4));
}

export function setStartTheta(theta: readonly number[]): void {
  const next = theta.map(tidy);
  const init = useScenario.getState().draft.init;
  if ('theta0' in init && init.theta0.length === next.length && init.theta0.every((v, i) => v === next[i])) return;
  useScenario.getState().update((draft) => {
    draft.init = { theta0: next };
  });
}

/** Start from the parameters whose coefficients c(θ) are nearest `c` (a pick on the exact function-space plot). */
export async function pickStartInFunctionSpace(c: readonly number[]): Promise<void> {
  const theta = await startNearCoefficients(c);
  if (theta !== null) setStartTheta(theta);
}
