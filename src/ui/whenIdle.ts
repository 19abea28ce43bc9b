// Work that can wait (text alternatives, coincidence checks) runs when the main thread is idle, so it
// never lands in the same task as a chart's redraw; at the latest after `timeoutMs`.

export function whenIdle(work: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}
