// Command-line runner on the same engine as the app (docs/SCENARIO.md "On the command line"):
//   npm run cli -- run <scenario.json | URL> [--iterations N] [--out result.json] [--csv result.csv] [--allow-large]
//   npm run cli -- sweep … and merge … (cli/sweep.ts, cli/merge.ts)
// Exit codes: 0 done (each track's outcome is printed: finished, or diverged at k = …), 2 bad arguments or
// an invalid scenario (every error listed), 3 the engine failed (`run failed: <message>`, no stack trace).
// Scenarios over the browser's cost budget (src/engine/scenario/cost.ts) are refused unless --allow-large,
// which lifts the time budget and raises the memory budget; what cannot fit in memory is still refused.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resultToCsv, resultToJson, type TrackResult } from '../src/engine/export';
import { describeOutcome, trackOutcome } from '../src/engine/outcome';
import { Run } from '../src/engine/run';
import { offlineRom } from '../src/engine/rom/cache';
import { romConfigOf } from '../src/engine/rom/config';
import { scenarioFromLink } from '../src/engine/scenario/codec';
import { allowLargeRuns, checkCost } from '../src/engine/scenario/cost';
import { parseGuardedJson } from '../src/engine/scenario/jsonGuard';
import type { Scenario } from '../src/engine/scenario/types';
import { formatFieldError, validateScenario } from '../src/engine/scenario/validate';
import { MERGE_USAGE, mergeCommand } from './merge';
import { SWEEP_USAGE, sweepCommand } from './sweep';

const USAGE = [
  'usage: npm run cli -- run <scenario.json | URL> [--iterations N] [--out result.json] [--csv result.csv] [--allow-large]',
  `       ${SWEEP_USAGE}`,
  `       ${MERGE_USAGE}`,
].join('\n');

interface Options {
  source: string;
  iterations?: number;
  out?: string;
  csv?: string;
  allowLarge: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const options: Partial<Options> = { allowLarge: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--iterations') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 100_000)
        throw new UsageError('--iterations must be an integer in [0, 100000]');
      options.iterations = n;
    } else if (arg === '--out') options.out = value();
    else if (arg === '--csv') options.csv = value();
    else if (arg === '--allow-large') options.allowLarge = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (options.source === undefined) options.source = arg;
    else throw new UsageError(`unexpected argument '${arg}'`);
  }
  if (!options.source) throw new UsageError('missing <scenario.json | URL>');
  return options as Options;
}

/** A link (anything with '#s=' or an http URL) or a JSON file. Returns the scenario or the error lines. */
function loadScenario(source: string, allowLarge: boolean): { scenario: Scenario } | { errors: string[] } {
  if (source.includes('#s=') || /^https?:\/\//.test(source)) {
    const decoded = scenarioFromLink(source, { allowLarge });
    return decoded.ok ? { scenario: decoded.scenario } : { errors: decoded.errors };
  }
  if (!existsSync(source)) return { errors: [`cannot read ${source}: no such file`] };
  const parsed = parseGuardedJson(readFileSync(source, 'utf8'));
  if (!parsed.ok) return { errors: [`${source} is not valid JSON: ${parsed.error}`] };
  const validation = validateScenario(parsed.value, { allowLarge });
  return validation.ok ? { scenario: validation.scenario } : { errors: validation.errors.map(formatFieldError) };
}

function invalid(errors: string[]): number {
  process.stderr.write(`invalid scenario (${errors.length} error${errors.length === 1 ? '' : 's'}):\n`);
  for (const line of errors) process.stderr.write(`  ${line}\n`);
  return 2;
}

function runScenario(scenario: Scenario, options: Options): void {
  if (scenario.model.kind === 'rom') {
    // The offline stage (snapshots, POD, decoder training) once, before the tracks share it (rom/cache.ts).
    const started = performance.now();
    const rom = offlineRom(romConfigOf(scenario.model));
    const training =
      rom.training === null ? 'no decoder' : `decoder training RMS error ${rom.training.rmsError.toExponential(2)}`;
    process.stderr.write(`offline stage: ${((performance.now() - started) / 1000).toFixed(1)} s (${training})\n`);
  }
  const run = new Run(scenario);
  if (options.iterations !== undefined) run.iterations = options.iterations;
  while (!run.done) run.step();
  const tracks: TrackResult[] = run.tracks.map((info) => {
    const status = run.status(info.key);
    return { ...info, records: status.records, stopReason: status.stopReason, theta: status.theta };
  });
  for (const info of run.tracks) {
    const status = run.status(info.key);
    const last = status.records[status.records.length - 1];
    const summary = last ? `k = ${last.k}  L = ${last.loss.toExponential(6)}` : 'no iterations';
    const error = last && Number.isFinite(last.error) ? `  error = ${last.error.toExponential(3)}` : '';
    process.stdout.write(`${info.key.padEnd(20)} ${summary}${error}  ${describeOutcome(trackOutcome(status))}\n`);
  }
  if (options.out) writeFileSync(options.out, JSON.stringify(resultToJson(scenario, tracks)) + '\n');
  if (options.csv) writeFileSync(options.csv, resultToCsv(tracks));
}

function main(argv: string[]): number {
  let options: Options;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  // The run validates its scenario again: it must use the same budget.
  allowLargeRuns(options.allowLarge);
  const loaded = loadScenario(options.source, options.allowLarge);
  if ('errors' in loaded) return invalid(loaded.errors);
  const { scenario } = loaded;
  if (options.iterations !== undefined && options.iterations > scenario.run.iterations) {
    // More iterations keep more records: the budget is checked for the iterations that will run.
    const longer = { ...scenario, run: { ...scenario.run, iterations: options.iterations } };
    const errors = checkCost(longer, { allowLarge: options.allowLarge });
    if (errors.length > 0)
      return invalid(
        errors.map((e) => formatFieldError(e.path === 'run.iterations' ? { ...e, path: '--iterations' } : e)),
      );
  }
  try {
    runScenario(scenario, options);
  } catch (error) {
    process.stderr.write(`run failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  }
  return 0;
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'sweep') process.exitCode = await sweepCommand(rest);
  else if (command === 'merge') process.exitCode = mergeCommand(rest);
  else process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`run failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
