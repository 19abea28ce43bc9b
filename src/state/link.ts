// The scenario in the address bar: a link (#s=…) opens its scenario at start-up (or says why it cannot),
// and every new valid scenario replaces the hash, so the address is always a link to what is shown.

import { LINK_PREFIX, linkHash, scenarioFromLink } from '../engine/scenario/codec';
import { useScenario } from './scenario';

/** Open the scenario of the current address, if it carries one. */
export function openLinkFromLocation(): void {
  const hash = window.location.hash;
  if (!hash.startsWith(LINK_PREFIX)) return;
  const decoded = scenarioFromLink(hash);
  if (decoded.ok) {
    useScenario.getState().load(decoded.scenario, null);
    useScenario.getState().setLinkError(null);
  } else {
    useScenario.getState().setLinkError(decoded.errors.join('; '));
  }
}

/** Keep the address in step with the valid scenario. Returns an unsubscriber. */
export function syncLinkToLocation(): () => void {
  let written = '';
  const write = () => {
    const { valid, linkError } = useScenario.getState();
    // A broken link stays in the address bar until the user changes something, so it can be inspected.
    if (linkError !== null && written === '') return;
    const hash = linkHash(valid);
    if (hash === written) return;
    written = hash;
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
  };
  const unsubscribe = useScenario.subscribe((state, previous) => {
    if (state.valid !== previous.valid) {
      if (state.linkError !== null) useScenario.getState().setLinkError(null);
      write();
    }
  });
  const onHashChange = () => {
    if (window.location.hash !== written) openLinkFromLocation();
  };
  window.addEventListener('hashchange', onHashChange);
  write();
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}

/** The full address of the current scenario (for "copy link"). */
export function currentLink(): string {
  const { valid } = useScenario.getState();
  return `${window.location.origin}${window.location.pathname}${window.location.search}${linkHash(valid)}`;
}
