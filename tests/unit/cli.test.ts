// The command-line runner, as a user runs it (a child process), against the engine run in-process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import { linkHash } from '../../src/engine/scenario/codec';
import { DEFAULT_SCENARIO, SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = (...args: string[]) =>
  spawnSync(tsx, [join(root, 'cli', 'main.ts'), ...args], { encoding: 'utf8', cwd: root });
/** The CLI with every run step throwing (tests/fixtures/failing-engine.ts), as an engine bug would. */
const failingCli = (...args: string[]) =>
  spawnSync(
    tsx,
    ['--import', join(root, 'tests', 'fixtures', 'failing-engine.ts'), join(root, 'cli', 'main.ts'), ...args],
    { encoding: 'utf8', cwd: root },
  );

describe('cli run', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nm-cli-'));

  it('writes result.json (N + 1 losses per optimizer, final θ) and a CSV, equal to the in-process run', () => {
    const out = join(dir, 'result.json');
    const csv = join(dir, 'result.csv');
    const result = cli(
      'run',
      join(root, 'examples', 'local-minimum.json'),
      '--iterations',
      '40',
      '--out',
      out,
      '--csv',
      csv,
    );
    expect(result.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const reference = runToEnd(DEFAULT_SCENARIO, 40);
    expect(json.scenario).toEqual(DEFAULT_SCENARIO);
    for (const track of reference.tracks) {
      const entry = json.optimizers[track.key];
      const records = reference.status(track.key).records;
      expect(entry.loss).toHaveLength(41);
      expect(entry.loss).toEqual(records.map((r) => r.loss));
      expect(entry.alpha.slice(0, 40)).toEqual(records.slice(0, 40).map((r) => r.alpha));
      expect(entry.alpha[40]).toBeNull();
      expect(entry.theta).toEqual(Array.from(reference.status(track.key).theta));
    }
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['track', 'optimizer', 'seed', 'k', 'loss']);
    expect(lines).toHaveLength(1 + 41 * reference.tracks.length);
    expect(result.stdout).toMatch(/natural-nesterov\s+k = 40/);
  });

  it('accepts a link copied from the app', () => {
    const out = join(dir, 'link.json');
    const result = cli('run', `http://localhost:5173/${linkHash(DEFAULT_SCENARIO)}`, '--iterations', '5', '--out', out);
    expect(result.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.optimizers.nhgd.loss).toEqual(
      runToEnd(DEFAULT_SCENARIO, 5)
        .status('nhgd')
        .records.map((r) => r.loss),
    );
  });

  it('a bad scenario exits with code 2 and lists every error', () => {
    const bad = structuredClone(DEFAULT_SCENARIO) as unknown as {
      optimizers: { beta?: number; alpha?: number }[];
      run: { iterations: number };
    };
    bad.optimizers[1].beta = 1;
    bad.optimizers[2].alpha = -1;
    bad.run.iterations = 0;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const result = cli('run', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('optimizers[1].beta');
    expect(result.stderr).toContain('optimizers[2].alpha');
    expect(result.stderr).toContain('run.iterations');
  });

  it('a corrupt link, a missing file and bad arguments exit with code 2 and a reason', () => {
    const corrupt = cli('run', 'http://localhost/#s=1.AAAA');
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr.length).toBeGreaterThan(10);
    const missing = cli('run', join(dir, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const usage = cli('run', join(root, 'examples', 'local-minimum.json'), '--iterations', 'many');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--iterations');
  });

  it('prints each track as finished or diverged at k = …', () => {
    const result = cli('run', join(root, 'examples', 'local-minimum.json'), '--iterations', '3');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/natural-nesterov\s+k = 3 .* finished$/m);
    const diverging = structuredClone(SCENARIO_PRESETS.find((p) => p.key === 'bump-mlp')!.scenario) as Scenario;
    diverging.optimizers = [{ id: 'wild', preconditioner: 'identity', alpha: 1e6 }];
    const file = join(dir, 'diverging.json');
    writeFileSync(file, JSON.stringify(diverging));
    const diverged = cli('run', file, '--iterations', '50');
    expect(diverged.status).toBe(0);
    expect(diverged.stdout).toMatch(/^wild\s+k = \d+ .* diverged at k = \d+: L = /m);
    expect(diverged.stdout).not.toContain('finished');
  });

  it('an engine failure exits with code 3 and one line, no stack trace', () => {
    const result = failingCli('run', join(root, 'examples', 'local-minimum.json'));
    expect(result.status).toBe(3);
    expect(result.stderr).toBe('run failed: simulated engine failure\n');
  });

  it('refuses a run over the browser budget, runs it with --allow-large, refuses what cannot fit in memory', () => {
    const heavy = structuredClone(SCENARIO_PRESETS.find((p) => p.key === 'sine-mlp')!.scenario) as Scenario;
    heavy.model = { kind: 'mlp', layers: [1, 25, 25, 1], activation: 'tanh' }; // Newton's exact term: dense on 2 layers
    heavy.problem.quadrature = { kind: 'grid', m: 1000 };
    heavy.optimizers = [{ id: 'newton', preconditioner: 'newton' }];
    heavy.run = { iterations: 1 };
    const file = join(dir, 'heavy.json');
    writeFileSync(file, JSON.stringify(heavy));
    const refused = cli('run', file);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /would take about [\d.]+ (s|min) on a slow laptop .* over the browser's budget of 2 s/,
    );
    const allowed = cli('run', file, '--allow-large');
    expect(allowed.stderr).toBe('');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/^newton\s+k = 1 /m);
    const huge = structuredClone(heavy);
    huge.model = { kind: 'mlp', layers: [1, 600, 1, 1], activation: 'tanh' };
    huge.problem.quadrature = { kind: 'grid', m: 20000 };
    huge.run = { iterations: 1, seeds: 64 };
    huge.init = { seed: 1 };
    writeFileSync(file, JSON.stringify(huge));
    const tooBig = cli('run', file, '--allow-large');
    expect(tooBig.status).toBe(2);
    expect(tooBig.stderr).toMatch(
      /would need about [\d.]+ (GB|TB) of memory .* over the memory allowed with --allow-large of 16 GB/,
    );
  });
});
