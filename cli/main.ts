// Command-line runner on the same engine as the app (docs/SCENARIO.md "On the command line"):
//   npm run cli -- run <scenario.json | URL> [--iterations N] [--out result.json] [--csv result.csv]
//   npm run cli -- sweep … and merge … (cli/sweep.ts, cli/merge.ts)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resultToCsv, resultToJson, type TrackResult } from '../src/engine/export';
import { runToEnd } from '../src/engine/run';
import { scenarioFromLink } from '../src/engine/scenario/codec';
import type { Scenario } from '../src/engine/scenario/types';
import { formatFieldError, validateScenario } from '../src/engine/scenario/validate';
import { MERGE_USAGE, mergeCommand } from './merge';
import { SWEEP_USAGE, sweepCommand } from './sweep';

const USAGE = [
  'usage: npm run cli -- run <scenario.json | URL> [--iterations N] [--out result.json] [--csv result.csv]',
  `       ${SWEEP_USAGE}`,
  `       ${MERGE_USAGE}`,
].join('\n');

interface Options {
  source: string;
  iterations?: number;
  out?: string;
  csv?: string;
}

class UsageError extends Error {}

function parseArguments(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const options: Partial<Options> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--iterations') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new UsageError('--iterations must be an integer in [0, 100000]');
      options.iterations = n;
    } else if (arg === '--out') options.out = value();
    else if (arg === '--csv') options.csv = value();
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (options.source === undefined) options.source = arg;
    else throw new UsageError(`unexpected argument '${arg}'`);
  }
  if (!options.source) throw new UsageError('missing <scenario.json | URL>');
  return options as Options;
}

/** A link (anything with '#s=' or an http URL) or a JSON file. Returns the scenario or the error lines. */
function loadScenario(source: string): { scenario: Scenario } | { errors: string[] } {
  if (source.includes('#s=') || /^https?:\/\//.test(source)) {
    const decoded = scenarioFromLink(source);
    return decoded.ok ? { scenario: decoded.scenario } : { errors: decoded.errors };
  }
  if (!existsSync(source)) return { errors: [`cannot read ${source}: no such file`] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(source, 'utf8'));
  } catch (error) {
    return { errors: [`${source} is not valid JSON: ${(error as Error).message}`] };
  }
  const validation = validateScenario(parsed);
  return validation.ok ? { scenario: validation.scenario } : { errors: validation.errors.map(formatFieldError) };
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
  const loaded = loadScenario(options.source);
  if ('errors' in loaded) {
    process.stderr.write(`invalid scenario (${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'}):\n`);
    for (const line of loaded.errors) process.stderr.write(`  ${line}\n`);
    return 2;
  }
  const { scenario } = loaded;
  const run = runToEnd(scenario, options.iterations);
  const tracks: TrackResult[] = run.tracks.map((info) => {
    const status = run.status(info.key);
    return { ...info, records: status.records, stopReason: status.stopReason, theta: status.theta };
  });
  for (const track of tracks) {
    const last = track.records[track.records.length - 1];
    const summary = last ? `k = ${last.k}  L = ${last.loss.toExponential(6)}` : 'no iterations';
    const error = last && Number.isFinite(last.error) ? `  error = ${last.error.toExponential(3)}` : '';
    const stop = track.stopReason ? `  (${track.stopReason})` : '';
    process.stdout.write(`${track.key.padEnd(20)} ${summary}${error}${stop}\n`);
  }
  if (options.out) writeFileSync(options.out, JSON.stringify(resultToJson(scenario, tracks)) + '\n');
  if (options.csv) writeFileSync(options.csv, resultToCsv(tracks));
  return 0;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'sweep') process.exitCode = await sweepCommand(rest);
else if (command === 'merge') process.exitCode = mergeCommand(rest);
else process.exitCode = main(process.argv.slice(2));
