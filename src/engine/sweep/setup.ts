// What the browser's Sweep panel edits and what a link carries beside the scenario (docs/SCENARIO.md
// "Views of a link"): one or two range axes, the iterations and tolerance of each cell, and the measure
// shown. The base scenario is the link's own (#s=…), so the setup alone turns a link into a sweep file.

import { base64urlDecode, base64urlEncode } from '../scenario/base64url';
import { sweepableFields } from '../scenario/sweepable';
import type { Scenario } from '../scenario/types';
import { MAX_ITERATIONS } from '../scenario/limits';
import { parseSweep, type SweepParse } from './parse';
import { MAX_AXIS_VALUES, SWEEP_VERSION, type AxisScale } from './types';

export const SWEEP_MEASURES = ['final_loss', 'best_loss', 'k_to_tolerance', 'final_error', 'success_rate'] as const;
export type SweepMeasureName = (typeof SWEEP_MEASURES)[number];

export const MEASURE_LABELS: Record<SweepMeasureName, string> = {
  final_loss: 'final loss',
  best_loss: 'best loss',
  k_to_tolerance: 'iterations to tolerance',
  final_error: 'final error',
  success_rate: 'success rate over seeds',
};

/** The browser draws maps of one or two axes (the CLI takes three). */
export const MAX_PANEL_AXES = 2;

export interface SweepAxisSetup {
  path: string;
  from: number;
  to: number;
  steps: number;
  scale: AxisScale;
}

export interface SweepSetup {
  axes: SweepAxisSetup[];
  iterations: number;
  tolerance?: number;
  measure: SweepMeasureName;
}

/** An axis the picker offers: a field of the scenario, or one field of every optimizer at once. */
export interface AxisChoice {
  path: string;
  label: string;
  scale: AxisScale;
  integer: boolean;
  from: number;
  to: number;
}

/**
 * Every sweepable field of `s` by its label; first, for a field every optimizer has, the same field of
 * all of them at once ('optimizers.*.alpha'), which gives each optimizer its own map over one axis.
 */
export function axisChoices(s: Scenario): AxisChoice[] {
  const fields = sweepableFields(s);
  const choices: AxisChoice[] = [];
  if (s.optimizers.length > 1) {
    const first = `optimizers.${s.optimizers[0].id}.`;
    for (const f of fields) {
      if (!f.path.startsWith(first)) continue;
      const rest = f.path.slice(first.length);
      if (!s.optimizers.every((o) => fields.some((g) => g.path === `optimizers.${o.id}.${rest}`))) continue;
      const label = f.label.slice(f.label.indexOf(': ') + 2);
      choices.push({
        path: `optimizers.*.${rest}`,
        label: `every optimizer: ${label}`,
        scale: f.scale,
        integer: f.integer,
        ...f.defaultRange,
      });
    }
  }
  for (const f of fields)
    choices.push({ path: f.path, label: f.label, scale: f.scale, integer: f.integer, ...f.defaultRange });
  return choices;
}

export function axisFromChoice(choice: AxisChoice, steps: number): SweepAxisSetup {
  return { path: choice.path, from: choice.from, to: choice.to, steps, scale: choice.scale };
}

/** The JSON of the sweep file the command line reads (`npm run cli -- sweep`). */
export function sweepFileOf(s: Scenario, setup: SweepSetup): Record<string, unknown> {
  const measure: Record<string, number> = { iterations: setup.iterations };
  if (setup.tolerance !== undefined) measure.tolerance = setup.tolerance;
  return {
    version: SWEEP_VERSION,
    scenario: s,
    axes: setup.axes.map((a) => ({ path: a.path, range: { from: a.from, to: a.to, steps: a.steps, scale: a.scale } })),
    measure,
  };
}

/** The checked sweep of a setup on `s` (every problem listed, as for a sweep file). */
export function checkSetup(s: Scenario, setup: SweepSetup): SweepParse {
  if (setup.axes.length < 1 || setup.axes.length > MAX_PANEL_AXES) {
    return { ok: false, errors: [`axes: pick 1 or ${MAX_PANEL_AXES} axes, got ${setup.axes.length}`] };
  }
  return parseSweep(sweepFileOf(s, setup));
}

// ---- in a link: ?sweep=1.<base64url of the setup's JSON> ----------------------------------------------

export const SWEEP_QUERY_KEY = 'sweep';
const SETUP_LINK_VERSION = '1';

export function encodeSetup(setup: SweepSetup): string {
  return `${SETUP_LINK_VERSION}.${base64urlEncode(new TextEncoder().encode(JSON.stringify(setup)))}`;
}

export type SetupDecode = { ok: true; setup: SweepSetup } | { ok: false; errors: string[] };

export function decodeSetup(text: string): SetupDecode {
  const dot = text.indexOf('.');
  if (dot < 0 || text.slice(0, dot) !== SETUP_LINK_VERSION)
    return { ok: false, errors: ['sweep: unknown sweep link format version'] };
  const bytes = base64urlDecode(text.slice(dot + 1));
  if (!bytes.ok) return { ok: false, errors: [`sweep: ${bytes.error}`] };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.bytes));
  } catch {
    return { ok: false, errors: ['sweep: is not JSON'] };
  }
  return readSetup(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isCount = (x: unknown, lo: number, hi: number): x is number =>
  Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi;

/** The shape of a setup; what the values mean in the scenario is checkSetup's. */
export function readSetup(value: unknown): SetupDecode {
  const errors: string[] = [];
  if (!isRecord(value)) return { ok: false, errors: ['sweep: must be an object'] };
  const axes = Array.isArray(value.axes) ? value.axes : [];
  if (axes.length < 1 || axes.length > MAX_PANEL_AXES) errors.push(`sweep.axes: must list 1 or ${MAX_PANEL_AXES} axes`);
  axes.forEach((axis: unknown, i) => {
    const at = `sweep.axes[${i}]`;
    if (!isRecord(axis)) return errors.push(`${at}: must be an object`);
    if (typeof axis.path !== 'string' || axis.path === '') errors.push(`${at}.path: must be a field path`);
    if (!isNumber(axis.from) || !isNumber(axis.to)) errors.push(`${at}: from and to must be numbers`);
    if (!isCount(axis.steps, 2, MAX_AXIS_VALUES))
      errors.push(`${at}.steps: must be an integer in [2, ${MAX_AXIS_VALUES}]`);
    if (axis.scale !== 'linear' && axis.scale !== 'log') errors.push(`${at}.scale: must be 'linear' or 'log'`);
  });
  if (!isCount(value.iterations, 1, MAX_ITERATIONS))
    errors.push(`sweep.iterations: must be an integer in [1, ${MAX_ITERATIONS}]`);
  if (value.tolerance !== undefined && !(isNumber(value.tolerance) && value.tolerance >= 0))
    errors.push('sweep.tolerance: must be a number ≥ 0');
  if (!SWEEP_MEASURES.includes(value.measure as SweepMeasureName))
    errors.push(`sweep.measure: must be one of ${SWEEP_MEASURES.join(', ')}`);
  if (errors.length > 0) return { ok: false, errors };
  const setup: SweepSetup = {
    axes: (axes as SweepAxisSetup[]).map(({ path, from, to, steps, scale }) => ({ path, from, to, steps, scale })),
    iterations: value.iterations as number,
    measure: value.measure as SweepMeasureName,
  };
  if (value.tolerance !== undefined) setup.tolerance = value.tolerance as number;
  return { ok: true, setup };
}

/**
 * The setup the panel opens with: α of every optimizer (else the first field offered), against β where
 * the same optimizers have one; at most `iterations` of the scenario's budget (and 200).
 */
export function defaultSetup(s: Scenario, tolerance: number): SweepSetup | null {
  const choices = axisChoices(s);
  const first = choices.find((c) => c.path.endsWith('.alpha')) ?? choices[0];
  if (first === undefined) return null;
  const betaPath = first.path.replace(/\.alpha$/, '.beta');
  const second = first.path.endsWith('.alpha') ? choices.find((c) => c.path === betaPath) : undefined;
  const axes =
    second === undefined ? [axisFromChoice(first, 24)] : [axisFromChoice(first, 16), axisFromChoice(second, 16)];
  return { axes, iterations: Math.min(s.run.iterations, 200), tolerance, measure: 'final_loss' };
}
