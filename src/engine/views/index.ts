// Plot geometry computed in the worker (docs/DESIGN.md "Plots"): pure functions of a built problem and iterates.
export type * from './types';
export { approximationView, CURVE_POINTS, FIELD_POINTS_PER_SIDE, XOR_WINDOW } from './approximation';
export { parameterPlaneView, type ParameterPlaneOptions } from './parameterPlane';
export { functionSpaceView, type FunctionSpaceOptions } from './functionSpace';
export type { ViewProblem } from './problem';
export { viewProblemOf } from './problem';
export {
  lossView,
  ensembleSummaries,
  ensembleCurves,
  groupByOptimizer,
  quantileOfSorted,
  LOSS_POINTS,
  DEFAULT_TOLERANCE,
} from './ensemble';
export { thinIndices } from './thin';
export { trackNotesView, stalledSince, type NotedTrack } from './trackNotes';
export { curveRange, lossClip } from './clipping';
