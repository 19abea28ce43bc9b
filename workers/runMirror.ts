// The run worker's copy of a race whose tracks its track workers step (workers/trackPool.ts): the records
// arrive in batches and are kept as a Run keeps them, so the views (workers/views.ts), the start picker and
// the batches to the main thread read it exactly as they read a Run.

import { planTracks, startTheta, type RunRecords, type TrackInfo, type TrackStatus } from '../src/engine/run';
import { buildProblem, type BuiltProblem } from '../src/engine/problems/build';
import type { IterationRecord } from '../src/engine/records';
import type { Scenario } from '../src/engine/scenario/types';
import { unpackRecords } from './batches';
import type { TrackShare } from './trackProtocol';

interface MirroredTrack {
  records: IterationRecord[];
  done: boolean;
  stopReason?: string;
  theta: Float64Array;
}

export class RunMirror implements RunRecords {
  readonly scenario: Scenario;
  readonly tracks: readonly TrackInfo[];
  readonly p: number;
  private readonly byKey = new Map<string, MirroredTrack>();
  private readonly built: BuiltProblem;

  /** Builds one problem of the scenario (for p, the tracks' θ₀ and the views); throws as a Run would. */
  constructor(scenario: Scenario) {
    this.scenario = scenario;
    this.tracks = planTracks(scenario);
    this.built = buildProblem(scenario);
    this.p = this.built.p;
    for (const info of this.tracks) {
      const theta = startTheta(scenario, this.built, info.seedIndex);
      this.byKey.set(info.key, { records: [], done: false, theta });
    }
  }

  /** Add a track's new records (a record whose k is already there replaces it and what follows). */
  receive(share: TrackShare): IterationRecord[] {
    const track = this.byKey.get(share.key);
    if (!track) return [];
    const added: IterationRecord[] = [];
    for (const batch of share.batches) {
      for (const record of unpackRecords(batch, this.p)) {
        track.records.length = Math.min(track.records.length, record.k);
        track.records.push(record);
        added.push(record);
      }
    }
    track.done = share.done;
    track.stopReason = share.stopReason;
    track.theta = share.theta;
    return added;
  }

  /**
   * A new budget: tracks not stopped may go on, until their workers say otherwise (so that no batch says
   * `done` on the strength of the old budget while a worker has yet to answer).
   */
  reopen(): void {
    for (const track of this.byKey.values()) if (track.stopReason === undefined) track.done = false;
  }

  get done(): boolean {
    for (const track of this.byKey.values()) if (!track.done) return false;
    return true;
  }

  status(key: string): TrackStatus {
    const track = this.byKey.get(key);
    if (!track) throw new Error(`unknown track ${key}`);
    return { key, records: track.records, done: track.done, stopReason: track.stopReason, theta: track.theta };
  }

  problem(_key: string): BuiltProblem {
    return this.built;
  }
}
