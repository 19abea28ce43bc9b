// The end-to-end tests need two Debian packages: Chromium (the browser they drive) and python3-pandas
// (the export test reads the CSV with pandas.read_csv). When one is missing and this runs as root with
// apt-get, install it; otherwise fail naming the exact command. Never skip silently.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const PYTHON = '/usr/bin/python3';
export const APT_GET = '/usr/bin/apt-get';

export interface Machine {
  /** Where the tests look for Chromium ($CHROMIUM_PATH or /usr/bin/chromium). */
  chromiumPath: string;
  executable(path: string): boolean;
  /** /usr/bin/python3 imports pandas. */
  pandas(): boolean;
  root: boolean;
  aptGet: boolean;
}

/** What to do: install these Debian packages (possibly none), or fail with this message. */
export type Plan = { install: string[] } | { fail: string };

export function plan(machine: Machine): Plan {
  const missing: string[] = [];
  const customPath = machine.chromiumPath !== DEFAULT_CHROMIUM;
  if (!machine.executable(machine.chromiumPath)) {
    // Installing puts Chromium at /usr/bin/chromium, which does not help a CHROMIUM_PATH set elsewhere.
    if (customPath)
      return { fail: `Chromium not found at CHROMIUM_PATH=${machine.chromiumPath}: fix the path or unset it.` };
    missing.push('chromium');
  }
  if (!machine.pandas()) missing.push('python3-pandas');
  if (missing.length === 0 || (machine.root && machine.aptGet)) return { install: missing };
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  return {
    fail:
      `The end-to-end tests need ${missing.join(' and ')} (not installed). Install: ` +
      (machine.root ? command : `sudo sh -c '${command}'`),
  };
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pandas(): boolean {
  return executable(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
}

function run(args: string[]): void {
  console.error(`$ ${args.join(' ')}`);
  const result = spawnSync(args[0], args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    console.error(`${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

export function main(): void {
  const machine: Machine = {
    chromiumPath: process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM,
    executable,
    pandas,
    root: process.getuid?.() === 0,
    aptGet: executable(APT_GET),
  };
  const first = plan(machine);
  if ('fail' in first) {
    console.error(first.fail);
    process.exit(1);
  }
  if (first.install.length === 0) return;
  console.error(`Installing what the end-to-end tests need: ${first.install.join(', ')}`);
  run([APT_GET, 'update']);
  run([APT_GET, 'install', '-y', ...first.install]);
  const after = plan(machine);
  if ('fail' in after || after.install.length > 0) {
    console.error(`Still missing after apt-get install: ${'fail' in after ? after.fail : after.install.join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
