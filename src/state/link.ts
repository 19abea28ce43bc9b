// The scenario in the address bar. A link (#s=…) opens its scenario at start-up, on hashchange and on
// back/forward (or says why it cannot, loading the default scenario instead). The address always links to
// what is shown: an edit replaces the current history entry (no flood of entries while typing), a load
// (preset, gallery card) pushes a new one, so back/forward walk through the scenarios that were opened.

import { LINK_PREFIX, linkHash, scenarioFromLink } from '../engine/scenario/codec';
import { DEFAULT_SCENARIO, SCENARIO_PRESETS } from '../engine/scenario/presets';
import type { Scenario } from '../engine/scenario/types';
import { useScenario } from './scenario';
import { needsParser } from './expressionParser';

/** What each history entry remembers besides its URL. */
interface HistoryEntryState {
  presetKey: string | null;
}

/** The hash this module last put in (or accepted from) the address bar. */
let written = '';
/** Loads made while following the address (back/forward, a typed link) must not push entries. */
let followingAddress = false;
/** A broken link stays in the address bar (to be inspected) until the user opens or edits something. */
let keepBrokenAddress = false;
/** A link with formulas waiting for the expression parser (loaded on demand): the address keeps it meanwhile. */
let waitingFor: string | null = null;

/** The preset a scenario is exactly equal to (so the picker and the gallery can mark it). */
export function presetKeyOf(scenario: Scenario): string | null {
  const hash = linkHash(scenario);
  return SCENARIO_PRESETS.find((p) => linkHash(p.scenario) === hash)?.key ?? null;
}

function presetKeyFromHistory(): string | null | undefined {
  const state: unknown = window.history.state;
  if (state !== null && typeof state === 'object' && 'presetKey' in state) {
    const key = (state as HistoryEntryState).presetKey;
    return typeof key === 'string' ? key : null;
  }
  return undefined;
}

/**
 * Open the scenario of the current address, if it carries one. A link that cannot be opened loads the
 * default scenario and lists every reason in the store's `linkErrors`. Resolves once the link is open (at
 * once, unless its formulas wait for the expression parser).
 */
export function openLinkFromLocation(): Promise<void> {
  const hash = window.location.hash;
  if (!hash.startsWith(LINK_PREFIX)) return Promise.resolve();
  const { value: decoded, pending } = needsParser(() => scenarioFromLink(hash));
  waitingFor = null;
  if (pending) {
    waitingFor = hash;
    const openWhenLoaded = () => {
      if (waitingFor !== hash) return; // the user went elsewhere meanwhile
      waitingFor = null;
      // Loaded: decode again; failed (offline): report the link's errors as they stand.
      openDecoded(hash, loaded ? scenarioFromLink(hash) : decoded);
    };
    let loaded = false;
    return pending.then(() => {
      loaded = true;
      openWhenLoaded();
    }, openWhenLoaded);
  }
  openDecoded(hash, decoded);
  return Promise.resolve();
}

function openDecoded(hash: string, decoded: ReturnType<typeof scenarioFromLink>): void {
  const store = useScenario.getState();
  followingAddress = true;
  try {
    if (decoded.ok) {
      const remembered = presetKeyFromHistory();
      store.load(decoded.scenario, remembered !== undefined ? remembered : presetKeyOf(decoded.scenario));
      keepBrokenAddress = false;
      useScenario.getState().setLinkErrors(null);
      written = hash;
      // A link written by another encoder (or with defaults spelled out) is replaced by the canonical one.
      writeAddress('replace');
    } else {
      store.load(structuredClone(DEFAULT_SCENARIO), presetKeyOf(DEFAULT_SCENARIO));
      keepBrokenAddress = true;
      written = hash;
      useScenario.getState().setLinkErrors(decoded.errors);
    }
  } finally {
    followingAddress = false;
  }
}

function writeAddress(mode: 'push' | 'replace'): void {
  const { valid, presetKey } = useScenario.getState();
  const hash = linkHash(valid);
  const state: HistoryEntryState = { presetKey };
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (hash === written) {
    // Same address: only refresh what the entry remembers.
    window.history.replaceState(state, '', url);
    return;
  }
  written = hash;
  if (mode === 'push') window.history.pushState(state, '', url);
  else window.history.replaceState(state, '', url);
}

/** Keep the address in step with the valid scenario. Returns an unsubscriber. */
export function syncLinkToLocation(): () => void {
  const unsubscribe = useScenario.subscribe((state, previous) => {
    if (state.valid === previous.valid || followingAddress) return;
    waitingFor = null; // something else was opened or edited before the link's formulas could be read
    // The user opened or edited something: a broken link's banner and address have served their purpose.
    keepBrokenAddress = false;
    if (state.linkErrors !== null) useScenario.getState().setLinkErrors(null);
    writeAddress(state.loads !== previous.loads ? 'push' : 'replace');
  });
  const onNavigate = () => {
    if (window.location.hash !== written) void openLinkFromLocation();
  };
  // Back/forward between entries fires popstate (and hashchange when the hash differs); a link typed or
  // pasted into the address bar fires hashchange. Either way the address decides.
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
  if (!keepBrokenAddress && waitingFor === null) writeAddress('replace');
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onNavigate);
    window.removeEventListener('hashchange', onNavigate);
  };
}

/** The full address of the current scenario (for "copy link"). */
export function currentLink(): string {
  const { valid } = useScenario.getState();
  return `${window.location.origin}${window.location.pathname}${window.location.search}${linkHash(valid)}`;
}
