// The offline stages of the process (worker, CLI, sweep worker), cached by their configuration's key: a
// run builds one problem per track, a sweep one run per cell, and all of them share one offline stage.
// The result is a pure function of the configuration (seeded), so the cache never changes a number. A
// stage the worker was stepping when its run was cancelled is kept and resumed by the next start.

import type { Scenario } from '../scenario/types';
import { romConfigKey, romConfigOf } from './config';
import { OfflineStage, type OfflineRom, type RomConfig } from './offline';

/** Finished stages kept (least recently used dropped first); a stage holds a few MB. */
const CAPACITY = 4;
const finished = new Map<string, OfflineRom>();
const pending = new Map<string, OfflineStage>();

/** The offline stage of `config`: from the cache, or computed now (resuming a pending one) and cached. */
export function offlineRom(config: RomConfig): OfflineRom {
  const key = romConfigKey(config);
  const hit = finished.get(key);
  if (hit !== undefined) {
    finished.delete(key);
    finished.set(key, hit);
    return hit;
  }
  const stage = pending.get(key) ?? new OfflineStage(config);
  while (!stage.finished) stage.advance(Infinity);
  pending.delete(key);
  const result = stage.result();
  finished.set(key, result);
  for (const old of finished.keys()) {
    if (finished.size <= CAPACITY) break;
    finished.delete(old);
  }
  return result;
}

/**
 * The stage a run of `scenario` still has to compute before its first iteration (to be stepped in slices,
 * then handed to offlineRom), or null when there is none or it is cached.
 */
export function pendingOfflineStage(scenario: Scenario): OfflineStage | null {
  if (scenario.model.kind !== 'rom') return null;
  const config = romConfigOf(scenario.model);
  const key = romConfigKey(config);
  if (finished.has(key)) return null;
  let stage = pending.get(key);
  if (stage === undefined) {
    pending.clear(); // only the latest unfinished stage is worth resuming
    stage = new OfflineStage(config);
    pending.set(key, stage);
  }
  return stage;
}

/** Forget every stage (tests). */
export function clearOfflineCache(): void {
  finished.clear();
  pending.clear();
}
