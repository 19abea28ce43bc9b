// The KdV reduced-order-modelling problem (docs/ALGORITHMS.md §5, docs/SCENARIO.md "rom"): the test state
// observed at m grid points, fitted by the linear or nonlinear ROM whose offline stage (snapshots, POD,
// decoder) comes from the process's cache (rom/cache.ts), computed once for all tracks of a run.

import type { BuiltProblem } from './build';
import type { PointSet } from '../models/model';
import type { Scenario } from '../scenario/types';
import { KDV_DEFAULTS, kdvTestState, romConfigOf } from '../rom/config';
import { offlineRom } from '../rom/cache';
import { periodicSoliton } from '../rom/kdv';
import { onlineProblem, samplePointIndices } from '../rom/online';
import { ReducedOrderModel } from '../rom/romModel';

export function buildRomProblem(scenario: Scenario): BuiltProblem {
  const { model: spec, problem } = scenario;
  const target = problem.target;
  if (spec.kind !== 'rom' || target?.kind !== 'kdv')
    throw new Error("model.kind: the KdV problem needs a rom model and a 'kdv' target");
  const rom = offlineRom(romConfigOf(spec));
  const state = kdvTestState(target);
  const indices = samplePointIndices(
    rom.grid.n,
    target.samples ?? KDV_DEFAULTS.samples,
    target.seed ?? KDV_DEFAULTS.seed,
  );
  const online = onlineProblem(rom, state, indices);
  const points: PointSet = {
    d: 1,
    m: indices.length,
    x: Float64Array.from(indices, (i) => rom.grid.x[i]),
    w: new Float64Array(indices.length).fill((2 * Math.PI) / indices.length),
  };
  const n = rom.config.n;
  return {
    objective: online.objective,
    p: n,
    inputDim: 1,
    points,
    bindModel: (at: PointSet) => new ReducedOrderModel(rom.basis, n, rom.decoder, at.x),
    referenceValues: (at: PointSet) => Float64Array.from(at.x, (x) => periodicSoliton(state, x, 0)),
    exactSpace: null,
    dataset: null,
    domain: problem.domain,
    extraParameters: 0,
    pde: null,
    start: Float64Array.from(online.theta0),
    rom: {
      linearFit: (at: PointSet) => linearFitAt(rom, n, online.theta0, at),
      linearError: online.relativeError(linearOnGrid(online)),
    },
  };
}

function linearOnGrid(online: ReturnType<typeof onlineProblem>): Float64Array {
  const v = new Float64Array(online.linearModel.m);
  online.linearModel.values(online.theta0, v);
  return v;
}

function linearFitAt(rom: ReturnType<typeof offlineRom>, n: number, theta0: Float64Array, at: PointSet): Float64Array {
  const model = new ReducedOrderModel(rom.basis, n, null, at.x);
  const v = new Float64Array(model.m);
  model.values(theta0, v);
  return v;
}
