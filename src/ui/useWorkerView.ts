// Plot geometry requested from the worker: at most one request in flight per view, a minimum interval
// between requests, and the newest trigger always served last (so a burst of batches costs one request).

import { useEffect, useRef, useState } from 'react';
import { workerRemote } from '../state/runner';

type Remote = NonNullable<ReturnType<typeof workerRemote>>;

/** An answer that has not come after this long is taken as lost (its worker was replaced). */
const LOST_AFTER_MS = 4000;

export function useWorkerView<V>(
  request: (api: Remote) => Promise<V | null>,
  trigger: string,
  minIntervalMs: number,
): V | null {
  const [view, setView] = useState<V | null>(null);
  const requestRef = useRef(request);
  requestRef.current = request;
  const state = useRef({ inFlight: false, wanted: '', served: '', last: 0, timer: 0 as ReturnType<typeof setTimeout> | 0, alive: true });

  useEffect(() => {
    const s = state.current;
    s.alive = true;
    return () => {
      s.alive = false;
      if (s.timer) clearTimeout(s.timer);
    };
  }, []);

  useEffect(() => {
    const s = state.current;
    s.wanted = trigger;
    const fire = () => {
      s.timer = 0;
      if (!s.alive || s.inFlight || s.wanted === s.served) return;
      const wait = s.last + minIntervalMs - performance.now();
      if (wait > 0) {
        s.timer = setTimeout(fire, wait);
        return;
      }
      const api = workerRemote();
      if (!api) return;
      const serving = s.wanted;
      s.inFlight = true;
      s.last = performance.now();
      const lost = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('view request lost')), LOST_AFTER_MS));
      Promise.race([requestRef.current(api), lost]).then(
        (result) => {
          s.inFlight = false;
          s.served = serving;
          if (!s.alive) return;
          if (result !== null) setView(result);
          if (s.wanted !== s.served) fire();
        },
        () => {
          // A respawned worker drops its pending answers: try again with the next trigger.
          s.inFlight = false;
          s.served = serving;
          if (s.alive && s.wanted !== s.served) fire();
        },
      );
    };
    if (!s.timer) fire();
  }, [trigger, minIntervalMs]);

  return view;
}
