// The lint configuration (.oxlintrc.json) enforces the architecture and the hooks/promise rules: run
// oxlint with it on fixture files that break each rule once (and on code that is allowed), in a
// temporary copy of the project layout, and check every rule fires exactly where it should.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const FIXTURES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      strict: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
      noEmit: true,
    },
    include: ['src'],
  }),
  'src/engine/imports.ts': [
    "import { useState } from 'react';",
    "import { select } from 'd3';",
    "import { scaleLog } from 'd3-scale';",
    "import { useRuns } from '../state/runs';",
    "import { App } from '../ui/App';",
    "import { palette } from '../plots/colors';",
    "import { protocol } from '../../workers/protocol';",
    "import { cosh } from './math';",
    'export const all = [useState, select, scaleLog, useRuns, App, palette, protocol, cosh];',
  ].join('\n'),
  'src/engine/numbers.ts': [
    'export const bad = Math.exp(1) + Math.log(2) + Math.pow(2, 0.5) + Math.atan2(1, 2) + Math.hypot(3, 4);',
    'export const fine = Math.sqrt(2) + Math.abs(-1) + Math.min(1, 2) + Math.max(1, 2) + Math.floor(1.5) + Math.PI;',
  ].join('\n'),
  'src/engine/dom.ts': 'export const title = () => document.title + window.name;',
  'src/engine/math/exp.ts': 'export const reference = (x: number) => Math.exp(x);',
  'src/state/imports.ts': [
    "import { palette } from '../plots/colors';",
    "import { Panel } from '../ui/Panel';",
    "import { run } from '../engine/run';",
    'export const all = [palette, Panel, run];',
  ].join('\n'),
  'src/ui/Hooks.tsx': [
    "import { useEffect, useState } from 'react';",
    'export function Conditional({ on }: { on: boolean }) {',
    '  if (on) {',
    '    const [value] = useState(0);',
    '    return <p>{value}</p>;',
    '  }',
    '  return null;',
    '}',
    'export function Missing({ id }: { id: string }) {',
    '  useEffect(() => {',
    '    document.title = id;',
    '  }, []);',
    '  return <p>{id}</p>;',
    '}',
  ].join('\n'),
  'src/ui/promises.ts': [
    'async function load(): Promise<number> {',
    '  return 1;',
    '}',
    'export function start(): void {',
    '  load();',
    '}',
    'export async function awaited(): Promise<number> {',
    '  return await load();',
    '}',
  ].join('\n'),
};

interface Finding {
  file: string;
  rule: string;
}

let dir = '';
let findings: Finding[] = [];

function rulesIn(file: string): string[] {
  return findings.filter((f) => f.file === file).map((f) => f.rule);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'natural-momentum-lint-'));
  writeFileSync(join(dir, '.oxlintrc.json'), readFileSync(join(ROOT, '.oxlintrc.json')));
  for (const [path, text] of Object.entries(FIXTURES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text + '\n');
  }
  const result = spawnSync(join(ROOT, 'node_modules/.bin/oxlint'), ['--type-aware', '-f', 'unix', 'src'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  // unix format: "path:line:column: message [Error/plugin(rule)]"
  findings = result.stdout
    .split('\n')
    .map((line) => /^(.+?):\d+:\d+: .*\[\w+\/[\w-]+\(([\w-]+)\)\]$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1], rule: m[2] }));
  expect(result.status, result.stderr).toBe(1);
}, 90_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lint rules', () => {
  it('src/engine imports no React, D3, src/state, src/ui, src/plots or workers', () => {
    // react, d3, d3-scale, state, ui, plots, workers — not ./math.
    expect(rulesIn('src/engine/imports.ts')).toEqual(Array(7).fill('no-restricted-imports'));
  });

  it('src/engine calls no Math transcendental outside src/engine/math', () => {
    expect(rulesIn('src/engine/numbers.ts')).toEqual(Array(5).fill('no-restricted-properties'));
    expect(rulesIn('src/engine/math/exp.ts')).toEqual([]);
  });

  it('src/engine uses no DOM globals', () => {
    expect(rulesIn('src/engine/dom.ts')).toEqual(['no-restricted-globals', 'no-restricted-globals']);
  });

  it('src/state imports nothing from src/plots or src/ui', () => {
    expect(rulesIn('src/state/imports.ts')).toEqual(['no-restricted-imports', 'no-restricted-imports']);
  });

  it('hooks follow the rules of hooks and list their dependencies', () => {
    expect(rulesIn('src/ui/Hooks.tsx').sort()).toEqual(['exhaustive-deps', 'rules-of-hooks']);
  });

  it('no promise is left floating (type-aware)', () => {
    expect(rulesIn('src/ui/promises.ts')).toEqual(['no-floating-promises']);
  });
});
