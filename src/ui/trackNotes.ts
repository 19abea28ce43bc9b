// What the plots and the status line say about the tracks beyond their records — which diverged, which
// stalled, which coincide — as the worker computed it (src/engine/views/trackNotes.ts, pushed into the views
// store), and the dash each track is drawn with: its own (a second optimizer of one method, chosen in
// src/style/colors.ts), else the coincident dash for the later of two coinciding curves.

import { useShallow } from 'zustand/react/shallow';
import type { TrackNotesView } from '../engine/views/types';
import { useViews, type ViewsState } from '../state/views';
import { COINCIDENT_DASH } from '../style/colors';

const NO_NOTES: TrackNotesView = { divergences: {}, stalledSince: {}, coincidences: [] };

export function notesOf(state: ViewsState): TrackNotesView {
  return state.trackNotes?.view ?? NO_NOTES;
}

/** The current notes (outside React). */
export function currentTrackNotes(): TrackNotesView {
  return notesOf(useViews.getState());
}

/** A selection of the notes (a new notes view re-renders only when the selection changed, compared shallowly). */
export function useTrackNotes<T>(select: (notes: TrackNotesView) => T): T {
  return useViews(useShallow((s: ViewsState) => select(notesOf(s))));
}

/** The dash a track is drawn with: its own, else the coincident dash when it coincides with an earlier one. */
export function trackDash(ownDash: string | undefined, key: string, coincident: readonly string[]): string | undefined {
  return ownDash ?? (coincident.includes(key) ? COINCIDENT_DASH : undefined);
}

/** Keys of the tracks drawn dashed over an earlier coinciding one. */
export function useCoincidentKeys(): string[] {
  return useTrackNotes((notes) => notes.coincidences.map((c) => c.second));
}
