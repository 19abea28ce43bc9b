// Start-up in small tasks: the page's heavy parts (the plot cards, the optimizer list, the problem and
// model controls) mount one per task, in the order of their `turn`, instead of all in the first render.
// A part shows a placeholder of about its size until its turn; the next part is scheduled only after the
// previous one has committed and run its effects (first chart draws included), in a fresh macrotask, so
// the browser can paint and handle input in between. Later mounts (presets, mode changes) are immediate.

import { useEffect, useState, type ReactNode } from 'react';

interface Waiting {
  turn: number;
  start(): void;
}

const waiting: Waiting[] = [];
let busy = false;
/** Set once the start-up queue has drained: parts mounted after it render at once. */
let settled = false;

function runNext(): void {
  waiting.sort((a, b) => a.turn - b.turn);
  const next = waiting.shift();
  if (next === undefined) {
    busy = false;
    settled = true;
    return;
  }
  busy = true;
  next.start();
}

// A message to ourselves is a fresh macrotask without setTimeout's clamping of nested timers to 4 ms.
const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
if (channel) channel.port1.onmessage = runNext;

function scheduleNext(): void {
  if (channel) channel.port2.postMessage(null);
  else setTimeout(runNext, 0);
}

export function Staggered({
  turn,
  placeholder,
  children,
}: {
  /** Lower turns mount first. */
  turn: number;
  placeholder: ReactNode;
  children: ReactNode;
}) {
  const [mounted, setMounted] = useState(settled);
  useEffect(() => {
    if (mounted) return;
    let live = true;
    waiting.push({
      turn,
      start: () => {
        if (live) setMounted(true);
        else scheduleNext(); // unmounted while waiting: pass the turn on
      },
    });
    if (!busy) {
      busy = true;
      scheduleNext();
    }
    return () => {
      live = false;
    };
    // The queue is entered once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    // Effects run children first: the part's own effects (its first draw) are done; hand over.
    if (mounted && !settled) scheduleNext();
  }, [mounted]);
  return mounted ? children : placeholder;
}
