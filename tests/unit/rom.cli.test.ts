// `cli run` and `cli sweep` on the reduced-order model with a small offline stage, as a user runs them
// (child processes): the offline stage is reported once, and the numbers equal the in-process run's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import { ROM_SCENARIO } from '../../src/engine/scenario/presets/rom';
import { cellCount, cellCsvRows, parseSweep, runCell, sweepCsvHeader } from '../../src/engine/sweep';
import type { Scenario } from '../../src/engine/scenario/types';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = (...args: string[]) =>
  spawnSync(tsx, [join(root, 'cli', 'main.ts'), ...args], { encoding: 'utf8', cwd: root });

const SMALL: Scenario = {
  ...structuredClone(ROM_SCENARIO),
  model: {
    kind: 'rom',
    variant: 'nonlinear',
    modes: 4,
    total_modes: 10,
    grid: 128,
    snapshots: 40,
    width: 8,
    training: 25,
    seed: 7,
  },
  run: { iterations: 15 },
};

describe('cli on the reduced-order model', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nm-rom-'));

  it('runs the scenario with its offline stage and writes the in-process numbers', () => {
    const file = join(dir, 'rom.json');
    const csv = join(dir, 'rom.csv');
    writeFileSync(file, JSON.stringify(SMALL));
    const result = cli('run', file, '--csv', csv);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^offline stage: \d+\.\d s \(decoder training RMS error \d\.\d\de[-+]\d+\)\n$/);
    const reference = runToEnd(SMALL);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const relColumn = header.indexOf('rel_error');
    for (const track of reference.tracks) {
      const records = reference.status(track.key).records;
      const rows = lines
        .slice(1)
        .map((line) => line.split(','))
        .filter((row) => row[0] === track.key);
      expect(rows.length).toBe(records.length);
      expect(Number(rows[rows.length - 1][relColumn])).toBe(records[records.length - 1].relError);
    }
  });

  it('sweeps the number of samples as the in-process engine does', () => {
    const sweepFile = {
      version: 1,
      scenario: SMALL,
      axes: [{ path: 'problem.target.samples', values: [2, 16] }],
      measure: { iterations: 10, tolerance: 5e-3 },
    };
    const file = join(dir, 'sweep.json');
    const out = join(dir, 'sweep.csv');
    writeFileSync(file, JSON.stringify(sweepFile));
    const result = cli('sweep', file, '--jobs', '1', '--out', out);
    expect(result.status, result.stderr).toBe(0);
    const parsed = parseSweep(sweepFile);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    let expected = sweepCsvHeader(parsed.sweep);
    for (let cell = 0; cell < cellCount(parsed.sweep); cell++) expected += cellCsvRows(runCell(parsed.sweep, cell));
    expect(readFileSync(out, 'utf8')).toBe(expected);
    expect(expected.split('\n').filter((l) => /^\d/.test(l)).length).toBe(2 * SMALL.optimizers.length);
  });

  it('ships the m-sweep files, valid and over m = 1 … 128', () => {
    for (const name of ['sweep-rom-samples.json', 'sweep-rom-samples-linear.json']) {
      const parsed = parseSweep(JSON.parse(readFileSync(join(root, 'examples', name), 'utf8')));
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      expect(parsed.sweep.axes[0]).toMatchObject({
        path: 'problem.target.samples',
        values: [1, 2, 4, 8, 16, 32, 64, 128],
      });
    }
  });
});
