// The sweep in the address: `?sweep=<setup>` beside the scenario's `#s=…` (docs/SCENARIO.md "Views of a
// link"). Opening such a link opens the Sweep panel and runs the sweep on the link's scenario; while the
// panel is open the query names the last sweep started (with the measure shown), so a shared link
// reopens the same map. The scenario's hash is left to state/link.ts, which keeps the query.

import { SWEEP_QUERY_KEY, decodeSetup, defaultSetup, encodeSetup, type SweepSetup } from '../engine/sweep/setup';
import { useScenario } from './scenario';
import { startSweep, useSweep } from './sweep';
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

/** Open and run the sweep the address names, if any (after the scenario of the link was opened). */
export function openSweepFromLocation(): void {
  const text = sweepQueryValue(window.location.search);
  if (text === null) return;
  const decoded = decodeSetup(text);
  if (!decoded.ok) {
    const fallback = defaultSetup(useScenario.getState().valid, useTolerance.getState().tolerance);
    useSweep.getState().openPanel(fallback ?? undefined);
    useSweep.setState({ errors: decoded.errors.map((e) => `the link's sweep: ${e}`) });
    return;
  }
  useSweep.getState().openPanel(decoded.setup);
  startSweep();
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
