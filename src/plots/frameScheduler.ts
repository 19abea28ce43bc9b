// The one scheduler of chart redraws: store changes (records, views, hover) reach a chart only through it.
// Once per animation frame, pending draws run (oldest first) until a small time budget is spent, so five
// live charts never pile their work into one long task; draws take at most a third of the main thread
// (slow draws make redraws rarer), and a chart off screen schedules nothing until it is back.
// The draws run in a task of their own posted from the frame callback, not inside the frame's rendering
// step, so a chart's redraw and the browser's style/layout/paint of the frame are two separate tasks.
// A draw is a state update flushed synchronously (flushSync): the chart's render and its D3 effect run
// inside that task and the budget measures them.

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** Time per frame given to chart redraws; one draw always runs, however long it takes. */
const FRAME_BUDGET_MS = 8;

/** Name of the User Timing measure each draw leaves (detail: { id }), for tests and DevTools. */
export const DRAW_MEASURE = 'chart-draw';
/** Measures kept in the performance timeline before it is cleared (observers still see every one). */
const MAX_BUFFERED_MEASURES = 500;

const pending = new Map<string, () => void>();
let requested = false;
let buffered = 0;

function measureDraw(id: string, start: number, end: number): void {
  if (typeof performance.measure !== 'function') return;
  performance.measure(DRAW_MEASURE, { start, end, detail: { id } });
  if (++buffered >= MAX_BUFFERED_MEASURES) {
    performance.clearMeasures(DRAW_MEASURE);
    buffered = 0;
  }
}

/** Chart draws take at most this share of the main thread: after draws of d ms, the next wait 2d. */
const DRAW_SHARE = 1 / 3;
/** When the next draws may run (performance.now() ms). */
let resumeAt = 0;

function runDraws(): void {
  requested = false;
  const started = performance.now();
  if (started < resumeAt) {
    request();
    return;
  }
  let now = started;
  // Map order is the turn order: a chart drawn now goes to the back when it schedules again.
  for (const [id, draw] of pending) {
    pending.delete(id);
    const drawStart = now;
    flushSync(draw);
    now = performance.now();
    measureDraw(id, drawStart, now);
    if (now - started > FRAME_BUDGET_MS) break;
  }
  resumeAt = now + ((now - started) * (1 - DRAW_SHARE)) / DRAW_SHARE;
  if (pending.size > 0) request();
}

const channel = typeof MessageChannel !== 'undefined' ? new MessageChannel() : null;
if (channel) channel.port1.onmessage = runDraws;

function afterFrame(): void {
  if (channel) channel.port2.postMessage(null);
  else setTimeout(runDraws, 0);
}

function request(): void {
  if (requested) return;
  requested = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(afterFrame);
  else setTimeout(runDraws, 16);
}

/** Run `draw` in an upcoming frame; a newer draw for the same id replaces an older one (keeping its turn). */
export function scheduleDraw(id: string, draw: () => void): void {
  pending.set(id, draw);
  request();
}

/** Run every pending draw now (an export must show the latest data, not a frame the budget postponed). */
export function flushDraws(): void {
  for (const [id, draw] of pending) {
    pending.delete(id);
    flushSync(draw);
  }
}

export function cancelDraw(id: string): void {
  pending.delete(id);
}

/**
 * The props a chart shows: `next` once the scheduler gives this chart its turn. A change (new data, hover,
 * axis) schedules one redraw while the chart is on screen; the caller memoises the chart element on the
 * returned object, so renders of the card in between (store updates, a click in the controls) do not
 * redraw the chart.
 */
export function useScheduledProps<T extends object>(id: string, next: T, onScreen: boolean): T {
  const [shown, setShown] = useState(next);
  const latest = useRef(next);
  const changed = (Object.keys(next) as (keyof T)[]).some((key) => next[key] !== shown[key]);
  useLayoutEffect(() => {
    latest.current = next;
  });
  useEffect(() => {
    if (changed && onScreen) scheduleDraw(id, () => setShown(latest.current));
    else if (!onScreen) cancelDraw(id);
  });
  useEffect(() => () => cancelDraw(id), [id]);
  return shown;
}
