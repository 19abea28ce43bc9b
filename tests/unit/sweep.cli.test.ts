// `cli sweep` and `cli merge` as a user runs them (child processes), against the engine run in-process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkHash } from '../../src/engine/scenario/codec';
import { DEFAULT_SCENARIO } from '../../src/engine/scenario/presets';
import { cellCount, cellCsvRows, parseSweep, runCell, sweepCsvHeader } from '../../src/engine/sweep';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = (...args: string[]) =>
  spawnSync(tsx, [join(root, 'cli', 'main.ts'), ...args], { encoding: 'utf8', cwd: root });

/** α of natural Heavy-Ball × β of every optimizer on the local-minimum toy: 4 × 3 = 12 cells. */
const SWEEP_FILE = {
  version: 1,
  scenario: DEFAULT_SCENARIO,
  axes: [
    { path: 'optimizers.natural-heavy-ball.alpha', range: { from: 0.1, to: 3, steps: 4, scale: 'log' } },
    { path: 'optimizers.*.beta', range: { from: 0.3, to: 0.9, steps: 3, scale: 'linear' } },
  ],
  measure: { iterations: 80, tolerance: 1e-8 },
};

function inProcessCsv(file: unknown): string {
  const parsed = parseSweep(file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let csv = sweepCsvHeader(parsed.sweep);
  for (let cell = 0; cell < cellCount(parsed.sweep); cell++) csv += cellCsvRows(runCell(parsed.sweep, cell));
  return csv;
}

describe('cli sweep and merge', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nm-sweep-'));
  const write = (name: string, content: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const expected = inProcessCsv(SWEEP_FILE);
  const sweepFile = write('sweep.json', SWEEP_FILE);

  it('writes the CSV of the in-process sweep, with a progress line on stderr', () => {
    const out = join(dir, 'jobs1.csv');
    const result = cli('sweep', sweepFile, '--out', out);
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected);
    expect(result.stderr).toContain('sweep: 12 cells × 3 optimizers, 1 job');
    expect(result.stderr).toMatch(/sweep: 12\/12 cells in [\d.]+ s/);
  });

  it('--jobs 2 (worker threads) writes the same bytes as --jobs 1; without --out the CSV goes to stdout', () => {
    const out = join(dir, 'jobs2.csv');
    const result = cli('sweep', sweepFile, '--jobs', '2', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('2 jobs');
    expect(readFileSync(out, 'utf8')).toBe(expected);
    const piped = cli('sweep', sweepFile, '--jobs', '3');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(expected);
  });

  it('a sweep of a link copied from the app gives the same CSV', () => {
    const { scenario: _scenario, ...rest } = SWEEP_FILE;
    const linked = write('linked.json', { ...rest, link: `http://localhost:5173/${linkHash(DEFAULT_SCENARIO)}` });
    const result = cli('sweep', linked);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected);
  });

  it('shards 1/3, 2/3, 3/3 merged give the unsharded CSV byte for byte', () => {
    const parts = [1, 2, 3].map((k) => {
      const out = join(dir, `part${k}.csv`);
      expect(cli('sweep', sweepFile, '--shard', `${k}/3`, '--out', out).status).toBe(0);
      return out;
    });
    const merged = join(dir, 'merged.csv');
    const result = cli('merge', parts[2], parts[0], parts[1], '--out', merged, '--cells', '12');
    expect(result.status).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(expected);
    // Without --cells, merge sees the gaps up to the last cell it holds; with it, the missing tail too.
    const gaps = cli('merge', parts[0], parts[1], '--out', join(dir, 'incomplete.csv'));
    expect(gaps.status).toBe(2);
    expect(gaps.stderr).toContain('3 cells are missing: 2, 5, 8 ');
    const tail = cli('merge', parts[0], parts[1], '--out', join(dir, 'incomplete.csv'), '--cells', '12');
    expect(tail.stderr).toContain('4 cells are missing: 2, 5, 8, 11 ');
  });

  it('a bad sweep file exits 2 naming every problem', () => {
    const bad = write('bad.json', {
      ...SWEEP_FILE,
      axes: [
        { path: 'optimizers.nhb.alpha', values: [0.1, 0.2] },
        { path: 'model.params.nothing', values: [1] },
        { path: 'optimizers.nhgd.alpha', values: [] },
        { path: 'init.theta0.0', values: [1, 2] },
      ],
    });
    const result = cli('sweep', bad);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('invalid sweep file');
    expect(result.stderr).toContain('(4 errors)');
    expect(result.stderr).toContain('axes: must list 1 to 3 axes, got 4');
    expect(result.stderr).toContain("axes[0].path: 'optimizers.nhb.alpha': no optimizer has the id 'nhb'");
    expect(result.stderr).toContain(
      "axes[1].path: 'model.params.nothing': 'model.params.nothing' names no field of a scenario",
    );
    expect(result.stderr).toContain('axes[2].values: is empty');
  });

  it('bad arguments and unreadable files exit 2 with the reason', () => {
    const jobs = cli('sweep', sweepFile, '--jobs', 'many');
    expect(jobs.status).toBe(2);
    expect(jobs.stderr).toContain("--jobs must be an integer in [1, 64], got 'many'");
    const shard = cli('sweep', sweepFile, '--shard', '4/3');
    expect(shard.status).toBe(2);
    expect(shard.stderr).toContain('--shard must be K/N with 1 ≤ K ≤ N');
    const missing = cli('sweep', join(dir, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const noOut = cli('merge', join(dir, 'part1.csv'));
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('missing --out sweep.csv');
  });
});
