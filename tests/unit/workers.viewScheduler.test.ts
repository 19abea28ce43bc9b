// The worker's view scheduler: one view per turn within a time share while the run steps, and every
// out-of-date view at once when stepping stops (the views of the final records precede the `done` batch).
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../src/engine/scenario/presets';
import { runToEnd } from '../../src/engine/run';
import { VIEW_KINDS, ViewScheduler } from '../../workers/views';

describe('ViewScheduler', () => {
  const run = runToEnd(structuredClone(findPreset('curved-manifold')!.scenario), 20);
  const steps = 20;

  it('allStale computes every wanted view once, although the time share would hold `next` back', () => {
    const views = new ViewScheduler();
    views.setRequest({ hoveredK: null, tolerance: 1e-6, wanted: ['loss', 'trackNotes', 'approximation'] });
    // A clock that jumps 1 s per reading: after one view, the share forbids the next for seconds.
    let clock = 0;
    const now = () => (clock += 1000);
    expect(views.next(run, steps, now)?.kind).toBeDefined();
    expect(views.next(run, steps, now)).toBeNull();
    expect(views.stale(steps)).toBe(true);
    const kinds = views.allStale(run, steps).map((u) => u.kind);
    expect(kinds).toHaveLength(2);
    expect(new Set(kinds).size).toBe(2);
    expect(views.stale(steps)).toBe(false);
    expect(views.allStale(run, steps)).toEqual([]);
    // New records make every wanted view stale again.
    expect(
      views
        .allStale(run, steps + 1)
        .map((u) => u.kind)
        .sort(),
    ).toEqual(['approximation', 'loss', 'trackNotes']);
  });

  it('allStale leaves unwanted views alone', () => {
    const views = new ViewScheduler();
    views.setRequest({ hoveredK: null, tolerance: 1e-6, wanted: ['loss'] });
    expect(views.allStale(run, steps).map((u) => u.kind)).toEqual(['loss']);
    expect(VIEW_KINDS.length).toBeGreaterThan(1);
  });
});
