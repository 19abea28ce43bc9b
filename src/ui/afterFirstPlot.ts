// "The first plot is up and the page is idle": when parts that the first plot does not need (KaTeX, the
// gallery's cards, the expression parser) may load without competing with the first batch's draws.

import { useRuns } from '../state/runs';
import { whenIdle } from './whenIdle';

let settled: Promise<void> | null = null;

/** Resolves once the first batch of records has arrived (or 10 s have passed) and the main thread is idle (at most 3 s later). */
export function afterFirstPlot(): Promise<void> {
  settled ??= new Promise<void>((resolve) => {
    const idle = () => whenIdle(resolve, 3000);
    if (typeof window === 'undefined' || window.__runnerReady) {
      idle();
      return;
    }
    // A run that never streams (a crashed worker) must not keep these parts away for good.
    const fallback = setTimeout(() => {
      unsubscribe();
      idle();
    }, 10_000);
    const unsubscribe = useRuns.subscribe(() => {
      if (!window.__runnerReady) return;
      unsubscribe();
      clearTimeout(fallback);
      idle();
    });
  });
  return settled;
}
