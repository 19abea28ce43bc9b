// Serialising finished runs: the CLI's result.json and the CSV (one row per track × iteration).
// The UI's exports use the same functions, so a file from the app and one from the CLI are alike.
import { FLAG_FIELDS, NUMBER_FIELDS, RECORD_FIELDS, recordField, type IterationRecord } from './records';
import type { Scenario } from './scenario/types';

export interface TrackResult {
  key: string;
  optimizerId: string;
  seedIndex: number;
  label: string;
  records: IterationRecord[];
  stopReason?: string;
  theta: Float64Array;
}

/** JSON numbers cannot be NaN or ±Infinity: those become null. */
function jsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export interface ResultJson {
  format: 'natural-momentum-result';
  version: 1;
  scenario: Scenario;
  /** Keyed by track key: the optimizer id, or `${id}#${seed}` for ensembles. */
  optimizers: Record<string, Record<string, unknown>>;
}

export function resultToJson(scenario: Scenario, tracks: TrackResult[]): ResultJson {
  const optimizers: Record<string, Record<string, unknown>> = {};
  for (const track of tracks) {
    const entry: Record<string, unknown> = {
      optimizer: track.optimizerId,
      seed: track.seedIndex,
      label: track.label,
      stopReason: track.stopReason ?? null,
      k: track.records.map((r) => r.k),
    };
    for (const field of NUMBER_FIELDS) {
      if (field === 'k') continue;
      const values = track.records.map((r) => r[field]);
      // Fields that are never known (e.g. error without an exact solution) are left out.
      if ('jsonOnlyWhenKnown' in recordField(field) && !values.some(Number.isFinite)) continue;
      entry[field] = values.map(jsonNumber);
    }
    for (const field of FLAG_FIELDS) entry[field] = track.records.map((r) => r[field]);
    entry.theta = Array.from(track.theta);
    if (track.records.every((r) => r.theta)) entry.thetas = track.records.map((r) => Array.from(r.theta!));
    optimizers[track.key] = entry;
  }
  return { format: 'natural-momentum-result', version: 1, scenario, optimizers };
}

const CSV_COLUMNS = ['track', 'optimizer', 'seed', ...RECORD_FIELDS.map((f) => f.csv)];

/** θ columns are written when p is at most this (wider tables stop being useful as CSV). */
const CSV_MAX_THETA = 50;

function csvCell(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function resultToCsv(tracks: TrackResult[]): string {
  const p = tracks[0]?.theta.length ?? 0;
  const withTheta = p <= CSV_MAX_THETA && tracks.every((t) => t.records.every((r) => r.theta));
  const header = withTheta ? [...CSV_COLUMNS, ...Array.from({ length: p }, (_, j) => `theta_${j}`)] : CSV_COLUMNS;
  const lines = [header.join(',')];
  for (const track of tracks) {
    for (const r of track.records) {
      const cells: (string | number | boolean)[] = [track.key, track.optimizerId, track.seedIndex];
      for (const field of RECORD_FIELDS) cells.push(r[field.key]);
      if (withTheta) for (let j = 0; j < p; j++) cells.push(r.theta![j]);
      lines.push(cells.map(csvCell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}
