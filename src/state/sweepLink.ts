// The sweep in the address: `?sweep=<setup>` beside the scenario's `#s=…` (docs/SCENARIO.md "Views of a
// link"). Opening such a link opens the Sweep panel and runs the sweep on the link's scenario
// (openSweepFromLocation in state/sweep.ts); while the panel is open the query names the last sweep
// started (with the measure shown), so a shared link reopens the same map. The scenario's hash is left to
// state/link.ts, which keeps the query.

import { SWEEP_QUERY_KEY, decodeSetup, defaultSetup, encodeSetup, type SweepSetup } from '../engine/sweep/setup';
import { useScenario } from './scenario';
import { useSweep } from './sweepStore';
import { useTolerance } from './tolerance';

const PREFIX = `${SWEEP_QUERY_KEY}=`;

/** `search` without the sweep entry, and with `value` as the sweep entry when given. */
export function withSweepQuery(search: string, value: string | null): string {
  const parts = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && part !== SWEEP_QUERY_KEY && !part.startsWith(PREFIX));
  if (value !== null) parts.push(`${PREFIX}${value}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function sweepQueryValue(search: string): string | null {
  const part = search
    .replace(/^\?/, '')
    .split('&')
    .find((p) => p.startsWith(PREFIX));
  return part === undefined ? null : decodeURIComponent(part.slice(PREFIX.length));
}

/**
 * The sweep the address names (null: none): its setup and no errors, or, for a broken sweep link, the
 * scenario's default setup (null when nothing can be swept) and the link's errors.
 */
export function setupFromLocation(): { setup: SweepSetup | null; errors: string[] } | null {
  const text = sweepQueryValue(window.location.search);
  if (text === null) return null;
  const decoded = decodeSetup(text);
  if (decoded.ok) return { setup: decoded.setup, errors: [] };
  return {
    setup: defaultSetup(useScenario.getState().valid, useTolerance.getState().tolerance),
    errors: decoded.errors.map((e) => `the link's sweep: ${e}`),
  };
}

function linkedSetup(): SweepSetup | null {
  const { open, run, setup } = useSweep.getState();
  if (!open || run === null) return null;
  return { ...run.setup, measure: setup?.measure ?? run.setup.measure };
}

/** Keep the query in step with the panel. Returns an unsubscriber. */
export function syncSweepToLocation(): () => void {
  let written = sweepQueryValue(window.location.search);
  return useSweep.subscribe(() => {
    const setup = linkedSetup();
    const value = setup === null ? null : encodeSetup(setup);
    if (value === written) return;
    written = value;
    const { pathname, search, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${withSweepQuery(search, value)}${hash}`);
  });
}
