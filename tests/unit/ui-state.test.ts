// The app shell's logic without a browser: the run worker's API driven directly in Node (its records
// must equal a Run stepped by hand, whatever the slicing, pausing and budget changes), the runs store's
// columnar appends, the scenario store's keep-the-last-valid rule, the coherent scenario edits, and the
// KaTeX formulas of every optimizer preset.

import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { runHostApi } from '../../workers/run.worker';
import type { Batch, TrackView, ViewKind, ViewMessage } from '../../workers/protocol';
import { runToEnd } from '../../src/engine/run';
import { DEFAULT_SCENARIO, SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { validateScenario } from '../../src/engine/scenario/validate';
import { resolveOptimizer } from '../../src/engine/scenario/defaults';
import { OPTIMIZER_PRESET_NAMES, optimizerFromPreset } from '../../src/engine/scenario/optimizerPresets';
import type { Scenario } from '../../src/engine/scenario/types';
import { useRuns, totalRecords } from '../../src/state/runs';
import { createScenarioStore } from '../../src/state/scenario';
import { numericIdentity } from '../../src/state/runner';
import { optimizerFormulaLines } from '../../src/ui/optimizerFormula';
import { addOptimizer } from '../../src/engine/scenario/coherence/optimizers';
import { setLossKind } from '../../src/engine/scenario/coherence/problemTypes';
import { switchModel, switchToy, type ModelKind } from '../../src/engine/scenario/coherence/models';
import { parseNumberList, parseWidths } from '../../src/ui/controls/parseText';

let generation = 100;

/** Start `scenario` in the run worker and feed its batches into the runs store; resolves when `until` holds. */
/** The latest view of each kind the worker pushed. */
const pushed = new Map<ViewKind, TrackView<ViewKind>>();
const pushedView = <K extends ViewKind>(kind: K) => pushed.get(kind) as TrackView<K> | undefined;

async function drive(scenario: Scenario, control: (batches: Batch[]) => Promise<void>): Promise<Batch[]> {
  const batches: Batch[] = [];
  const g = ++generation;
  useRuns.getState().begin(g);
  pushed.clear();
  const onView = ({ update }: ViewMessage) => pushed.set(update.kind, update.view);
  const result = runHostApi.start(
    scenario,
    g,
    (batch) => {
      batches.push(batch);
      useRuns.getState().appendBatch(batch);
    },
    false,
    onView,
  );
  useRuns.getState().started(result, false, scenario.optimizers);
  expect(result.ok).toBe(true);
  await control(batches);
  return batches;
}

function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 2);
    };
    poll();
  });
}

function expectSameAsRun(scenario: Scenario, iterations?: number): void {
  const reference = runToEnd(scenario, iterations);
  const state = useRuns.getState();
  for (const info of reference.tracks) {
    const expected = reference.status(info.key).records;
    const track = state.tracks[info.key];
    expect(track.count).toBe(expected.length);
    expect(track.records.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      expect(track.columns.k[i]).toBe(expected[i].k);
      expect(track.columns.loss[i]).toBe(expected[i].loss);
      expect(Object.is(track.columns.alpha[i], expected[i].alpha)).toBe(true);
      expect(track.records[i].loss).toBe(expected[i].loss);
      expect(Array.from(track.records[i].theta!)).toEqual(Array.from(expected[i].theta!));
    }
  }
}

describe('run worker API (in Node)', () => {
  it('streams exactly the records of a Run stepped by hand', async () => {
    runHostApi.setSpeed(Infinity);
    await drive(DEFAULT_SCENARIO, async () => {
      runHostApi.resume();
      await waitFor(() => useRuns.getState().status === 'done');
    });
    expectSameAsRun(DEFAULT_SCENARIO);
  });

  it('stepN steps exactly n iterations and a paused engine posts nothing more', async () => {
    runHostApi.setSpeed(Infinity);
    const batches = await drive(DEFAULT_SCENARIO, async () => {
      runHostApi.stepN(3);
      await waitFor(() => totalRecords(useRuns.getState()) === 3 * DEFAULT_SCENARIO.optimizers.length);
    });
    const before = batches.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(batches.length).toBe(before);
    for (const key of useRuns.getState().keys)
      expect(Array.from(useRuns.getState().tracks[key].columns.k.subarray(0, 3))).toEqual([0, 1, 2]);
    runHostApi.cancel();
  });

  it('a larger budget replaces the final record and continues like a longer run', async () => {
    runHostApi.setSpeed(Infinity);
    const short = structuredClone(DEFAULT_SCENARIO);
    short.run.iterations = 5;
    await drive(short, async () => {
      runHostApi.resume();
      await waitFor(() => useRuns.getState().status === 'done');
      expect(useRuns.getState().tracks.nhgd.count).toBe(6);
      runHostApi.setIterations(8);
      await waitFor(() => useRuns.getState().tracks.nhgd.count === 9 && useRuns.getState().status === 'done');
    });
    expectSameAsRun(short, 8);
  });

  it('a speed limit spaces the iterations out', async () => {
    runHostApi.setSpeed(100);
    const started = Date.now();
    await drive(DEFAULT_SCENARIO, async () => {
      runHostApi.resume();
      await waitFor(() => (useRuns.getState().tracks.nhgd?.count ?? 0) >= 20);
    });
    // 20 iterations at 100 it/s take about 0.2 s (first step free); far less would mean no limit.
    expect(Date.now() - started).toBeGreaterThan(120);
    runHostApi.cancel();
    runHostApi.setSpeed(Infinity);
  });

  it('answers an invalid scenario with field errors', () => {
    const bad = structuredClone(DEFAULT_SCENARIO) as Scenario;
    bad.optimizers[0].beta = 2;
    const result = runHostApi.start(bad, ++generation, () => undefined, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.path === 'optimizers[0].beta')).toBe(true);
  });

  it('pushes the views of the current run, the approximation at the requested iteration', async () => {
    runHostApi.setViewRequest({
      hoveredK: null,
      tolerance: 1e-6,
      wanted: ['approximation', 'parameterPlane', 'functionSpace', 'loss'],
    });
    await drive(DEFAULT_SCENARIO, async () => {
      runHostApi.stepN(4);
      await waitFor(
        () => totalRecords(useRuns.getState()) === 12 && pushed.get('approximation')?.ks[0] === 3 && pushed.size === 4,
      );
    });
    const approximation = pushed.get('approximation');
    expect(approximation?.keys).toEqual(['nhgd', 'natural-heavy-ball', 'natural-nesterov']);
    expect(approximation?.ks).toEqual([3, 3, 3]);
    expect(pushedView('approximation')?.view.kind).toBe('curve');
    expect(pushedView('parameterPlane')?.view.kind).toBe('curve'); // p = 1: L(θ) with the iterates on it
    expect(pushedView('functionSpace')?.view.kind).toBe('coefficients');
    runHostApi.setViewRequest({ hoveredK: 1, tolerance: 1e-6, wanted: ['approximation'] });
    await waitFor(() => pushed.get('approximation')?.ks[0] === 1);
    expect(pushed.get('approximation')?.ks).toEqual([1, 1, 1]);
    runHostApi.cancel();
    runHostApi.setViewRequest({
      hoveredK: null,
      tolerance: 1e-6,
      wanted: ['approximation', 'parameterPlane', 'functionSpace', 'loss'],
    });
  });
});

describe('scenario store', () => {
  it('keeps the last valid scenario while the draft is invalid, and what was typed', () => {
    const store = createScenarioStore(DEFAULT_SCENARIO);
    const firstValid = store.getState().valid;
    store.getState().update((d) => {
      d.problem.target = { kind: 'expression', expr: 'sin(2*pi*x' };
    });
    const state = store.getState();
    expect(state.valid).toBe(firstValid);
    expect(state.errors.some((e) => e.path === 'problem.target.expr')).toBe(true);
    expect(state.draft.problem.target).toEqual({ kind: 'expression', expr: 'sin(2*pi*x' });
    store.getState().update((d) => {
      d.problem.target = { kind: 'expression', expr: 'sin(2*pi*x)' };
    });
    expect(store.getState().errors).toEqual([]);
    expect(store.getState().valid.problem.target).toEqual({ kind: 'expression', expr: 'sin(2*pi*x)' });
    expect(store.getState().revision).toBe(1);
  });
});

describe('scenario edits keep scenarios valid', () => {
  const kinds: ModelKind[] = ['linear', 'mlp', 'expression', 'toy'];
  it.each(kinds)('switching the default scenario to a %s model', (kind) => {
    const s = structuredClone(DEFAULT_SCENARIO);
    switchModel(s, kind);
    const result = validateScenario(s);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(s.model.kind).toBe(kind);
  });

  it('every toy, every sampled loss, every PDE', () => {
    for (const toy of ['linear', 'kernel', 'quadratic', 'curve'] as const) {
      const s = structuredClone(SCENARIO_PRESETS.find((p) => p.key === 'sine-mlp')!.scenario);
      switchModel(s, 'toy');
      switchToy(s, toy);
      expect(validateScenario(s).ok).toBe(true);
    }
    for (const loss of ['l2', 'h1', 'cross-entropy', 'pde'] as const) {
      const s = structuredClone(DEFAULT_SCENARIO);
      switchModel(s, 'mlp');
      setLossKind(s, loss);
      const result = validateScenario(s);
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
    for (const equation of ['reaction-diffusion', 'nonlinear', 'poisson'] as const) {
      const s = structuredClone(DEFAULT_SCENARIO);
      switchModel(s, 'linear');
      setLossKind(s, 'pde', equation);
      const result = validateScenario(s);
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
  });

  it('adding a preset twice gives unique ids', () => {
    const s = structuredClone(DEFAULT_SCENARIO);
    addOptimizer(s, 'natural-nesterov');
    expect(s.optimizers.map((o) => o.id)).toEqual([
      'nhgd',
      'natural-heavy-ball',
      'natural-nesterov',
      'natural-nesterov-2',
    ]);
    expect(validateScenario(s).ok).toBe(true);
  });

  it('parses widths and θ lists, with a message for anything else', () => {
    expect(parseWidths('1, 20,1')).toEqual({ ok: true, layers: [1, 20, 1] });
    expect(parseWidths('1,20,').ok).toBe(false);
    expect(parseWidths('1,2.5,1').ok).toBe(false);
    expect(parseNumberList('1.6, -0.5')).toEqual({ ok: true, values: [1.6, -0.5] });
    expect(parseNumberList('1.6, x').ok).toBe(false);
  });

  it('only numeric changes restart a run', () => {
    const a = structuredClone(DEFAULT_SCENARIO);
    const b = structuredClone(a);
    b.run.iterations = 500;
    b.optimizers[0].label = 'renamed';
    b.optimizers[1].color = '#123456';
    expect(numericIdentity(b)).toBe(numericIdentity(a));
    b.optimizers[0].alpha = 0.25;
    expect(numericIdentity(b)).not.toBe(numericIdentity(a));
  });
});

describe('update formulas', () => {
  it.each(OPTIMIZER_PRESET_NAMES)('%s renders with KaTeX and says what the engine runs', (name) => {
    const resolved = resolveOptimizer(optimizerFromPreset(name));
    const lines = optimizerFormulaLines(resolved);
    for (const tex of lines) expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
    const all = lines.join(' ');
    if (resolved.momentum === 'nesterov') expect(all).toContain('y_k');
    if (resolved.momentum === 'heavy-ball') expect(all).toContain('\\beta m_k');
    if (resolved.momentum === 'none' && name !== 'adam' && name !== 'lbfgs') expect(all).not.toContain('m_k');
    if (resolved.preconditioner === 'loss-hessian') expect(all).toContain('G^{H}');
    if (resolved.preconditioner === 'gram') expect(all).toMatch(/G_\{k\}/);
    if (resolved.transport === 'projected-difference' && resolved.momentum !== 'none')
      expect(all).toContain('v(\\theta_{k-1})');
  });
});

describe('thinning long runs for the charts', () => {
  it('plane views of a long run number their iterates by iteration', async () => {
    const long = structuredClone(DEFAULT_SCENARIO);
    long.run.iterations = 600;
    await drive(long, async () => {
      runHostApi.setSpeed(Infinity);
      runHostApi.resume();
      await waitFor(() => useRuns.getState().status === 'done');
    });
    await waitFor(() => pushed.get('parameterPlane')?.ks[0] === 601);
    const trajectory = pushedView('parameterPlane')!.view.trajectories[0];
    expect(trajectory.k.length).toBeLessThanOrEqual(160);
    expect(trajectory.k[trajectory.k.length - 1]).toBe(600);
    // The iterate drawn for iteration k is θ_k: for p = 1 its abscissa is θ_k itself.
    const records = useRuns.getState().tracks.nhgd.records;
    for (let i = 0; i < trajectory.k.length; i += 17) expect(trajectory.x[i]).toBe(records[trajectory.k[i]].theta![0]);
    runHostApi.cancel();
  });
});
