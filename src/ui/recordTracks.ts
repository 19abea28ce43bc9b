// Records as the charts take them, thinned for long runs (a path of a few thousand points per track is
// all a chart can show), and refreshed at a bounded rate so that streaming never floods the main thread.

import { useEffect, useRef, useState } from 'react';
import type { IterationRecord } from '../engine/records';
import type { RecordTrack } from '../plots/types';
import { useRuns, type RunsState, type TrackSeries } from '../state/runs';

/** Records kept per track for the charts; the first DENSE_HEAD are always all kept. */
export const MAX_CHART_RECORDS = 1000;
const DENSE_HEAD = 300;

/**
 * The first `count` records, thinned to at most `max` (dense head, evenly spread tail, last kept). Always
 * a new array: the store's arrays grow in place, and a chart must see the snapshot it was given.
 */
export function thinRecords(records: readonly IterationRecord[], count: number, max = MAX_CHART_RECORDS): readonly IterationRecord[] {
  if (count <= max) return records.slice(0, count);
  const head = Math.min(DENSE_HEAD, max >> 1);
  const tail = max - head;
  const out: IterationRecord[] = records.slice(0, head);
  for (let j = 0; j < tail; j++) out.push(records[head + Math.round((j * (count - 1 - head)) / (tail - 1))]);
  return out;
}

export function chartTracks(state: RunsState): RecordTrack[] {
  const out: RecordTrack[] = [];
  for (const key of state.keys) {
    const t: TrackSeries | undefined = state.tracks[key];
    if (!t) continue;
    out.push({ key: t.key, optimizerId: t.optimizerId, label: t.label, color: t.color, records: thinRecords(t.records, t.count) });
  }
  return out;
}

/** Chart tracks and the runs version, refreshed at most every `intervalMs` (the last update always lands). */
export function useThrottledChartTracks(intervalMs: number): { tracks: RecordTrack[]; version: number } {
  const [snapshot, setSnapshot] = useState(() => {
    const state = useRuns.getState();
    return { tracks: chartTracks(state), version: state.version };
  });
  const last = useRef(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const draw = () => {
      last.current = performance.now();
      const state = useRuns.getState();
      setSnapshot({ tracks: chartTracks(state), version: state.version });
    };
    const due = () => {
      timer = null;
      draw();
    };
    draw();
    const unsubscribe = useRuns.subscribe((state, previous) => {
      if (state.version === previous.version || timer !== null) return;
      timer = setTimeout(due, Math.max(0, last.current + intervalMs - performance.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [intervalMs]);
  return snapshot;
}

/**
 * `${generation}:${version}` of the runs store, refreshed at most every `intervalMs` (a new generation at
 * once, the last version always lands). Components that only need to know "new records arrived" re-render
 * at this rate instead of with every batch (about 60 a second).
 */
export function useThrottledRunsVersion(intervalMs: number): string {
  const [stamp, setStamp] = useState(() => stampOf(useRuns.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = performance.now();
    const update = () => {
      timer = null;
      last = performance.now();
      setStamp(stampOf(useRuns.getState()));
    };
    update();
    const unsubscribe = useRuns.subscribe((state, previous) => {
      if (state.generation !== previous.generation) {
        if (timer !== null) clearTimeout(timer);
        update();
        return;
      }
      if (state.version === previous.version || timer !== null) return;
      timer = setTimeout(update, Math.max(0, last + intervalMs - performance.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [intervalMs]);
  return stamp;
}

function stampOf(state: RunsState): string {
  return `${state.generation}:${state.version}`;
}
