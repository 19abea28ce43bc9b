// Running sweep cells against direct runs, invalid cells, the CSV, and merging shards byte for byte.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import { DEFAULT_SCENARIO } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';
import {
  cellCount,
  cellCsvRows,
  mergeSweepCsv,
  parseCsvRecords,
  parseSweep,
  runCell,
  shardCells,
  sweepCsvHeader,
  type Shard,
  type Sweep,
  type TrackMeasures,
} from '../../src/engine/sweep';

function parsed(input: unknown): Sweep {
  const result = parseSweep(input);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.sweep;
}

/** The local-minimum toy with α of natural Heavy-Ball × β of every optimizer (5 × 2 = 10 cells). */
const SWEEP = parsed({
  version: 1,
  scenario: DEFAULT_SCENARIO,
  axes: [
    { path: 'optimizers.natural-heavy-ball.alpha', range: { from: 0.05, to: 4, steps: 5, scale: 'log' } },
    { path: 'optimizers.*.beta', values: [0.5, 0.9] },
  ],
  measure: { iterations: 60, tolerance: 1e-8 },
});

function sweepCsv(sweep: Sweep, shard?: Shard): string {
  let csv = sweepCsvHeader(sweep);
  for (const cell of shardCells(cellCount(sweep), shard)) csv += cellCsvRows(runCell(sweep, cell));
  return csv;
}

describe('a cell', () => {
  it('measures what a direct run of the same scenario records (same bits)', () => {
    for (const cell of [0, 7, 9]) {
      const result = runCell(SWEEP, cell);
      const [alpha, beta] = result.values;
      const scenario: Scenario = structuredClone(DEFAULT_SCENARIO);
      scenario.optimizers[1].alpha = alpha;
      for (const o of scenario.optimizers) o.beta = beta;
      scenario.run.iterations = 60;
      const run = runToEnd(scenario);
      expect(result.rows).toHaveLength(3);
      run.tracks.forEach((track, i) => {
        const row = result.rows[i] as TrackMeasures;
        const { records, stopReason } = run.status(track.key);
        const losses = records.map((r) => r.loss);
        expect(row.optimizer).toBe(scenario.optimizers[i].id);
        expect(row.seed).toBe(0);
        expect(Object.is(row.finalLoss, losses[losses.length - 1])).toBe(true);
        expect(Object.is(row.bestLoss, Math.min(...losses))).toBe(true);
        const reached = records.find((r) => r.loss <= 1e-8);
        expect(row.kToTolerance).toBe(reached?.k);
        expect(row.diverged).toBe(stopReason !== undefined && stopReason.startsWith('diverged'));
      });
    }
  });

  it('a diverging track is marked diverged; rows come one per optimizer and seed', () => {
    const sweep = parsed({
      version: 1,
      scenario: {
        ...DEFAULT_SCENARIO,
        optimizers: [{ id: 'gd', preconditioner: 'identity', alpha: 1 }],
        init: { seed: 3 },
        run: { iterations: 10, seeds: 3 },
      },
      axes: [{ path: 'optimizers.gd.alpha', values: [1, 1e6] }],
      measure: { iterations: 40 },
    });
    const calm = runCell(sweep, 0).rows as TrackMeasures[];
    const wild = runCell(sweep, 1).rows as TrackMeasures[];
    expect(calm.map((r) => [r.optimizer, r.seed, r.diverged])).toEqual([
      ['gd', 0, false],
      ['gd', 1, false],
      ['gd', 2, false],
    ]);
    expect(wild.map((r) => r.diverged)).toEqual([true, true, true]);
    expect(cellCsvRows(runCell(sweep, 1)).split('\n')[0]).toMatch(/^1,1000000,gd,0,[^,]*,[^,]*,,true,,$/);
  });

  it('an invalid cell gets one row per optimizer with diverged empty and the validation message', () => {
    const sweep = parsed({
      version: 1,
      scenario: DEFAULT_SCENARIO,
      axes: [{ path: 'optimizers.natural-nesterov.beta', values: [0.5, 1] }],
      measure: { iterations: 5 },
    });
    expect(runCell(sweep, 0).rows.every((r) => !('invalid' in r))).toBe(true);
    const invalid = runCell(sweep, 1);
    expect(invalid.rows).toEqual(
      ['nhgd', 'natural-heavy-ball', 'natural-nesterov'].map((optimizer) => ({
        optimizer,
        invalid: 'optimizers[2].beta: must be in [0, 1), got 1',
      })),
    );
    const lines = cellCsvRows(invalid).trimEnd().split('\n');
    expect(lines[0]).toBe('1,1,nhgd,,,,,,,"optimizers[2].beta: must be in [0, 1), got 1"');
    const header = parseCsvRecords(sweepCsvHeader(sweep));
    const fields = (parseCsvRecords(lines[2] + '\n') as { fields: string[] }[])[0].fields;
    expect(typeof header !== 'string' && header[0].fields.length).toBe(fields.length);
  });
});

describe('the CSV and merge', () => {
  const whole = sweepCsv(SWEEP);

  it('has the columns of the spec in order, rows by cell then optimizer', () => {
    const lines = whole.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'cell,optimizers.natural-heavy-ball.alpha,optimizers.*.beta,optimizer,seed,final_loss,best_loss,k_to_tolerance,diverged,final_error,invalid',
    );
    expect(lines).toHaveLength(1 + 10 * 3);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(
      Array.from({ length: 30 }, (_, i) => {
        const cell = Math.floor(i / 3);
        return [
          cell,
          SWEEP.axes[0].values[Math.floor(cell / 2)],
          cell % 2 ? 0.9 : 0.5,
          DEFAULT_SCENARIO.optimizers[i % 3].id,
        ].join(',');
      }),
    );
    for (const line of lines.slice(1)) {
      const finalLoss = line.split(',')[5];
      expect(String(Number(finalLoss))).toBe(finalLoss);
    }
  });

  it('merging 3 uneven shards, in any order, gives the unsharded CSV byte for byte', () => {
    const parts = [1, 2, 3].map((index) => ({ name: `part${index}.csv`, text: sweepCsv(SWEEP, { index, count: 3 }) }));
    expect(parts.map((p) => p.text.split('\n').length - 2)).toEqual([4 * 3, 3 * 3, 3 * 3]);
    expect(mergeSweepCsv(parts)).toEqual({ ok: true, csv: whole, cells: 10 });
    expect(mergeSweepCsv([parts[2], parts[0], parts[1]], 10)).toEqual({ ok: true, csv: whole, cells: 10 });
    const eleven = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((index) => ({
      name: `${index}`,
      text: sweepCsv(SWEEP, { index, count: 11 }),
    }));
    expect(mergeSweepCsv(eleven)).toEqual({ ok: true, csv: whole, cells: 10 });
  });

  it('says precisely why parts do not belong together', () => {
    const parts = [1, 2, 3].map((index) => ({ name: `part${index}.csv`, text: sweepCsv(SWEEP, { index, count: 3 }) }));
    const errors = (result: ReturnType<typeof mergeSweepCsv>): string[] => (result.ok ? [] : result.errors);
    expect(errors(mergeSweepCsv([parts[0], parts[2]]))).toEqual([
      '3 cells are missing: 1, 4, 7 (a shard not given, or one that did not finish?)',
    ]);
    expect(errors(mergeSweepCsv([parts[0], parts[1]], 10))).toEqual([
      '3 cells are missing: 2, 5, 8 (a shard not given, or one that did not finish?)',
    ]);
    expect(errors(mergeSweepCsv([...parts, parts[1]]))[0]).toBe(
      'part2.csv line 2: cell 1 is also in an earlier argument: the same file given twice (parts of one sharding hold each cell once)',
    );
    const other = { name: 'other.csv', text: parts[2].text.replace('optimizers.*.beta', 'optimizers.*.alpha') };
    expect(errors(mergeSweepCsv([parts[0], parts[1], other]))[0]).toMatch(
      /^other\.csv: its header differs from part1\.csv's/,
    );
    const cut = { name: 'cut.csv', text: parts[0].text.replace(/,false,,\n/, ',false\n') };
    expect(errors(mergeSweepCsv([cut, parts[1], parts[2]]))[0]).toBe('cut.csv line 2: 9 fields, the header has 11');
    expect(errors(mergeSweepCsv([{ name: 'x.csv', text: 'a,b\n1,2\n' }]))[0]).toMatch(
      /^x\.csv: line 1 is not a sweep header/,
    );
  });

  it('reads quoted fields back (commas, quotes and line breaks)', () => {
    const records = parseCsvRecords('a,"b,""c""\nd",e\n1,2,3');
    expect(records).toEqual([
      { line: 1, raw: 'a,"b,""c""\nd",e\n', fields: ['a', 'b,"c"\nd', 'e'] },
      { line: 3, raw: '1,2,3\n', fields: ['1', '2', '3'] },
    ]);
    expect(parseCsvRecords('"open')).toBe('line 1: a quoted field is not closed');
  });
});
