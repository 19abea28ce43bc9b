// The sweep CSV (docs/SCENARIO.md "Sweeps"): one row per cell × optimizer × seed, columns `cell`, one per
// axis path, `optimizer`, `seed`, `final_loss`, `best_loss`, `k_to_tolerance`, `diverged`, `final_error`,
// `invalid`. Numbers are written as String(x) does (the shortest form that reads back as the same
// double); unknown values are empty. The header is the same for every shard, so shards merge by bytes.

import type { CellResult, TrackMeasures } from './measure';
import type { Sweep } from './types';

export const MEASURE_COLUMNS = [
  'optimizer',
  'seed',
  'final_loss',
  'best_loss',
  'k_to_tolerance',
  'diverged',
  'final_error',
  'invalid',
] as const;

export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function numberField(x: number | undefined): string {
  return x !== undefined && Number.isFinite(x) ? String(x) : '';
}

export function sweepCsvHeader(sweep: Pick<Sweep, 'axes'>): string {
  return ['cell', ...sweep.axes.map((axis) => axis.path), ...MEASURE_COLUMNS].map(csvField).join(',') + '\n';
}

function isValidRow(row: CellResult['rows'][number]): row is TrackMeasures {
  return !('invalid' in row);
}

/** The cell's rows, each ending with '\n'. */
export function cellCsvRows(result: CellResult): string {
  const lead = [String(result.cell), ...result.values.map(numberField)];
  let text = '';
  for (const row of result.rows) {
    const fields = isValidRow(row)
      ? [
          row.optimizer,
          String(row.seed),
          numberField(row.finalLoss),
          numberField(row.bestLoss),
          numberField(row.kToTolerance),
          String(row.diverged),
          numberField(row.finalError),
          '',
        ]
      : [row.optimizer, '', '', '', '', '', '', row.invalid];
    text += [...lead, ...fields].map(csvField).join(',') + '\n';
  }
  return text;
}
