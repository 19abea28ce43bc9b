// Sweeps: a grid of scenarios (docs/SCENARIO.md "Sweeps"). Pure engine code, shared by the command line
// and the browser's Sweep panel.
export * from './types';
export { parseSweep, type SweepParse } from './parse';
export { rangeValues, type AxisValues } from './axes';
export { cellCount, cellScenario, cellValues, shardCells, type CellScenario, type Shard } from './cells';
export {
  CellRun,
  invalidCell,
  measureTrack,
  runCell,
  type CellResult,
  type InvalidRow,
  type TrackMeasures,
} from './measure';
export { cellCsvRows, csvField, sweepCsvHeader, MEASURE_COLUMNS } from './csv';
export { mergeSweepCsv, parseCsvRecords, type CsvPart, type MergeResult } from './merge';
export { checkSweepPath, readSweepPath, writeSweepPath, type SweepPathCheck, type SweepPathWrite } from './paths';
