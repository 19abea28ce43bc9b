// The loop: scenario in, per-iteration records out (docs/ALGORITHMS.md §6). A Run is a stepping iterator:
// the caller decides when to step, so it can be paused, resumed and cancelled between steps.
import { initialTheta } from './models';
import { createOptimizer, divergedReason, isStop, type Optimizer } from './optimizers';
import { buildProblem, problemParameterCount, type BuiltProblem } from './problems/build';
import { blankRecord, copyStepReport, type IterationRecord } from './records';
import { resolveOptimizer } from './scenario/defaults';
import type { ConditionMode, ResolvedOptimizer, Scenario } from './scenario/types';
import { formatFieldError, validateScenario } from './scenario/validate';

/** θ is recorded for every iteration only up to this many parameters (docs/ALGORITHMS.md §6). */
export const MAX_RECORDED_THETA = 1000;
/**
 * …and only while all tracks' θ histories together stay below this many numbers (160 MB): 12 optimizers
 * × 100,000 iterations × 1000 parameters would not fit in a browser tab.
 */
export const MAX_RECORDED_THETA_VALUES = 20_000_000;

/**
 * How many leading iterates k = 0..n−1 carry θ_k: while every track's θ history up to k fits in
 * `maxValues` numbers. It depends on k alone, not on the budget (which can grow during a run), so records
 * of one run agree at each k and the run never holds more than `maxValues` numbers of θ.
 */
export function recordedThetaIterations(
  p: number,
  trackCount: number,
  maxValues: number = MAX_RECORDED_THETA_VALUES,
): number {
  if (p > MAX_RECORDED_THETA) return 0;
  return Math.floor(maxValues / (Math.max(1, p) * Math.max(1, trackCount)));
}

export interface RunLimits {
  /** Cap on the θ numbers a run records (tests lower it). */
  maxRecordedThetaValues?: number;
  /**
   * Build and step only these tracks (a pool worker's share of a race, workers/trackHost.ts). The θ-history
   * cap still counts every track of the scenario, so a track's records do not depend on how a race is split.
   */
  trackKeys?: readonly string[];
}

/** One optimizer started from one seed. key = optimizer id, or `${id}#${seedIndex}` when run.seeds > 1. */
export interface TrackInfo {
  key: string;
  optimizerId: string;
  seedIndex: number;
  label: string;
  optimizer: ResolvedOptimizer;
}

export interface TrackStatus {
  key: string;
  records: IterationRecord[];
  done: boolean;
  stopReason?: string;
  /** θ of the last record (always kept, whatever p). */
  theta: Float64Array;
}

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

class Track {
  readonly info: TrackInfo;
  readonly problem: BuiltProblem;
  readonly optimizer: Optimizer;
  readonly records: IterationRecord[] = [];
  /** Next iteration to compute. */
  k = 0;
  stopReason: string | undefined;
  /** The last record is the end-of-budget record (no step taken from it yet). */
  private closed = false;
  private elapsed = 0;

  /** Records carry θ_k for k below this (the same for every track of a run). */
  private readonly thetaIterations: number;

  constructor(
    info: TrackInfo,
    problem: BuiltProblem,
    theta0: Float64Array,
    thetaIterations: number,
    condition: ConditionMode,
  ) {
    this.info = info;
    this.problem = problem;
    this.thetaIterations = thetaIterations;
    this.optimizer = createOptimizer(problem.objective, info.optimizer, theta0, { condition });
  }

  get theta(): Float64Array {
    return this.optimizer.theta;
  }

  finished(iterations: number): boolean {
    return this.stopReason !== undefined || (this.closed && this.k >= iterations);
  }

  /** Produce the record of iteration k: one step while k < iterations, the final record at k = iterations. */
  advance(iterations: number): IterationRecord | null {
    if (this.stopReason !== undefined) return null;
    if (this.closed) {
      if (this.k >= iterations) return null;
      // The budget grew: the final record is replaced by a full one.
      this.records.pop();
      this.closed = false;
    }
    const k = this.k;
    const objective = this.problem.objective;
    const thetaK = Float64Array.from(this.theta);
    if (k >= iterations) {
      const started = now();
      objective.resample?.(k);
      const loss = objective.loss(thetaK);
      this.elapsed += now() - started;
      if (!Number.isFinite(loss)) {
        this.stopReason = divergedReason(k, loss);
        return null;
      }
      this.closed = true;
      return this.push(this.record(k, thetaK, loss));
    }
    const started = now();
    const report = this.optimizer.step(k);
    this.elapsed += now() - started;
    if (isStop(report)) {
      this.stopReason = report.stop;
      return null;
    }
    const record = this.record(k, thetaK, report.loss);
    copyStepReport(record, report);
    this.k = k + 1;
    return this.push(record);
  }

  private push(record: IterationRecord): IterationRecord {
    this.records.push(record);
    return record;
  }

  private record(k: number, theta: Float64Array, loss: number): IterationRecord {
    const objective = this.problem.objective;
    const error = objective.error(theta);
    const record = blankRecord(k, loss);
    if (k < this.thetaIterations) record.theta = theta;
    if (error) {
      record.error = error.abs;
      record.relError = error.rel;
    }
    if (objective.evalLoss) record.evalLoss = objective.evalLoss(theta);
    record.time = this.elapsed;
    return record;
  }
}

/** What views read of a run: a Run, or the run worker's copy of a race whose tracks a worker pool steps. */
export interface RunRecords {
  readonly scenario: Scenario;
  readonly tracks: readonly TrackInfo[];
  readonly p: number;
  status(key: string): TrackStatus;
  /** A problem of the run (plots evaluate models and losses through it). */
  problem(key: string): BuiltProblem;
}

export class Run implements RunRecords {
  readonly scenario: Scenario;
  readonly tracks: TrackInfo[] = [];
  readonly p: number;
  /** Iteration budget; can be changed between steps. */
  iterations: number;
  private readonly live: Track[] = [];
  private readonly byKey = new Map<string, Track>();

  /** The scenario must be valid (see validateScenario); throws with every error otherwise. */
  constructor(scenario: Scenario, limits: RunLimits = {}) {
    const validation = validateScenario(scenario);
    if (!validation.ok) throw new Error(validation.errors.map(formatFieldError).join('\n'));
    this.scenario = validation.scenario;
    this.iterations = this.scenario.run.iterations;
    const infos = planTracks(this.scenario);
    const only = limits.trackKeys === undefined ? null : new Set(limits.trackKeys);
    let p = 0;
    for (const info of infos) {
      if (only !== null && !only.has(info.key)) continue;
      // Each track owns its problem: objectives keep buffers (and resampling state) of their own.
      const problem = buildProblem(this.scenario);
      p = problem.p;
      const theta0 = startTheta(this.scenario, problem, info.seedIndex);
      const thetaIterations = recordedThetaIterations(problem.p, infos.length, limits.maxRecordedThetaValues);
      const track = new Track(info, problem, theta0, thetaIterations, this.scenario.run.condition ?? 'auto');
      this.tracks.push(info);
      this.live.push(track);
      this.byKey.set(info.key, track);
    }
    this.p = this.live.length > 0 ? p : problemParameterCount(this.scenario);
  }

  /**
   * Advance every unfinished track by one iteration and return the records produced. A record whose k
   * equals the previous one of its track replaces it (the budget grew after the final record).
   */
  step(): { key: string; record: IterationRecord }[] {
    const produced: { key: string; record: IterationRecord }[] = [];
    for (const track of this.live) {
      const record = track.advance(this.iterations);
      if (record) produced.push({ key: track.info.key, record });
    }
    return produced;
  }

  get done(): boolean {
    return this.live.every((track) => track.finished(this.iterations));
  }

  status(key: string): TrackStatus {
    const track = this.byKey.get(key);
    if (!track) throw new Error(`unknown track ${key}`);
    return {
      key,
      records: track.records,
      done: track.finished(this.iterations),
      stopReason: track.stopReason,
      theta: track.theta,
    };
  }

  /** The problem a track runs on (plots evaluate models and losses through it, in the worker). */
  problem(key: string): BuiltProblem {
    const track = this.byKey.get(key);
    if (!track) throw new Error(`unknown track ${key}`);
    return track.problem;
  }
}

/** The tracks of a valid scenario, in run order (optimizer in scenario order, then seed), before any is built. */
export function planTracks(scenario: Scenario): TrackInfo[] {
  const seeds = scenario.run.seeds ?? 1;
  return scenario.optimizers.flatMap((spec) => {
    const optimizer = resolveOptimizer(spec);
    return Array.from({ length: seeds }, (_, seedIndex): TrackInfo => ({
      key: seeds > 1 ? `${spec.id}#${seedIndex}` : spec.id,
      optimizerId: spec.id,
      seedIndex,
      label: optimizer.label,
      optimizer,
    }));
  });
}

/** θ₀ of a track: the problem's fitted start (init.fit) or the seeded initialisation of its seed. */
export function startTheta(scenario: Scenario, problem: BuiltProblem, seedIndex: number): Float64Array {
  const init = scenario.init;
  return 'fit' in init
    ? fittedStart(problem)
    : initialTheta(scenario.model, init, seedIndex, problem.inputDim, problem.extraParameters);
}

/** θ₀ fitted by the problem (init.fit); validation lets init.fit through only where the problem has one. */
function fittedStart(problem: BuiltProblem): Float64Array {
  if (problem.start === undefined) throw new Error('init.fit: this problem has no fitted start');
  return Float64Array.from(problem.start);
}

/** Run to the end (CLI, tests). */
export function runToEnd(scenario: Scenario, iterations?: number): Run {
  const run = new Run(scenario);
  if (iterations !== undefined) run.iterations = iterations;
  while (!run.done) run.step();
  return run;
}
