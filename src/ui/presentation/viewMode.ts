// How the page is shown (docs/SCENARIO.md "Views of a link"): the full app, presentation mode (`?present`)
// or an embed of some plots (`?embed=loss,approximation`). The mode lives in the query, beside the
// scenario's hash, so a link opens the same view; it never changes the numbers.

import { create } from 'zustand';
import { PLOT_IDS, type PlotId } from '../../engine/scenario/presetTeaching';

export type ViewMode = 'app' | 'present' | 'embed';

export interface ViewModeState {
  mode: ViewMode;
  /** The plots of an embed, in the order given. */
  embedPlots: PlotId[];
}

/** The mode a query string asks for (unknown plot ids are ignored; an embed of none shows loss). */
export function viewModeFromSearch(search: string): ViewModeState {
  const params = new URLSearchParams(search);
  const embed = params.get('embed');
  if (embed !== null) {
    const plots = embed
      .split(',')
      .map((s) => s.trim())
      .filter((s): s is PlotId => (PLOT_IDS as readonly string[]).includes(s));
    return { mode: 'embed', embedPlots: plots.length > 0 ? plots : ['loss'] };
  }
  return { mode: params.has('present') ? 'present' : 'app', embedPlots: [] };
}

export const useViewMode = create<ViewModeState>()(() =>
  typeof window === 'undefined' ? { mode: 'app', embedPlots: [] } : viewModeFromSearch(window.location.search),
);

/** Enter or leave presentation mode, keeping the address in step (the scenario hash stays). */
export function setPresenting(on: boolean): void {
  if (useViewMode.getState().mode === 'embed') return;
  useViewMode.setState({ mode: on ? 'present' : 'app' });
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('present', '');
  else url.searchParams.delete('present');
  const search = url.searchParams.toString().replace(/=(&|$)/g, '$1');
  window.history.replaceState(window.history.state, '', `${url.pathname}${search ? `?${search}` : ''}${url.hash}`);
}

/** The address of the same scenario in the full app (no view query). */
export function appLink(): string {
  return `${window.location.origin}${window.location.pathname}${window.location.hash}`;
}

/** The `<iframe>` snippet that embeds the given plots of the current scenario. */
export function embedCode(plots: readonly PlotId[], title: string): string {
  const src = `${window.location.origin}${window.location.pathname}?embed=${plots.join(',')}${window.location.hash}`;
  const escaped = title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${src}" title="${escaped}" width="960" height="540" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}
