// `npm run cli -- merge <part.csv>... --out sweep.csv [--cells N]`: the shards of one sweep merged into the
// CSV of the unsharded sweep, byte for byte (docs/SCENARIO.md "Sweeps"). Parts that do not belong together
// (another header, a cell twice, a cell missing) exit 2 with every problem. --cells N also checks the
// last cells are there (the sweep's first stderr line gives the count).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mergeSweepCsv, type CsvPart } from '../src/engine/sweep';

export const MERGE_USAGE = 'npm run cli -- merge <part.csv>... --out sweep.csv [--cells N]';

export function mergeCommand(args: string[]): number {
  const files: string[] = [];
  let out: string | undefined;
  let cells: number | undefined;
  let problem: string | undefined;
  for (let i = 0; i < args.length && problem === undefined; i++) {
    const arg = args[i];
    if (arg === '--out' || arg === '--cells') {
      const value = args[++i];
      if (value === undefined) problem = `${arg} needs a value`;
      else if (arg === '--out') out = value;
      else if (/^\d+$/.test(value) && Number(value) >= 1) cells = Number(value);
      else problem = `--cells must be a positive integer, got '${value}'`;
    } else if (arg.startsWith('--')) problem = `unknown option ${arg}`;
    else files.push(arg);
  }
  if (problem === undefined && files.length === 0) problem = 'missing <part.csv>...';
  if (problem === undefined && out === undefined) problem = 'missing --out sweep.csv';
  if (problem !== undefined || out === undefined) {
    process.stderr.write(`${problem}\nusage: ${MERGE_USAGE}\n`);
    return 2;
  }
  const parts: CsvPart[] = [];
  const errors: string[] = [];
  for (const file of files) {
    if (existsSync(file)) parts.push({ name: file, text: readFileSync(file, 'utf8') });
    else errors.push(`cannot read ${file}: no such file`);
  }
  const merged = errors.length === 0 ? mergeSweepCsv(parts, cells) : undefined;
  if (merged !== undefined && !merged.ok) errors.push(...merged.errors);
  if (merged === undefined || !merged.ok) {
    process.stderr.write(`cannot merge (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n`);
    for (const line of errors) process.stderr.write(`  ${line}\n`);
    return 2;
  }
  writeFileSync(out, merged.csv);
  process.stderr.write(
    `merge: ${merged.cells} cells from ${parts.length} part${parts.length === 1 ? '' : 's'} → ${out}\n`,
  );
  return 0;
}
