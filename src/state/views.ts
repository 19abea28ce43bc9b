// The views store, next to the runs store: the plot views the run worker pushes (src/engine/views,
// computed in the worker), and which plots are on screen (the worker computes only their views).

import { create } from 'zustand';
import type { TrackView, ViewKind, ViewMessage } from '../../workers/protocol';

export type ViewsByKind = { [K in ViewKind]: TrackView<K> | null };

export interface ViewsState extends ViewsByKind {
  /** The start() the views belong to (older ones are dropped). */
  generation: number;
  /** Views of plots on screen; the others are not computed. */
  visible: Record<ViewKind, boolean>;
}

export interface ViewsActions {
  /** A new run: forget the views of the previous one. */
  begin(generation: number): void;
  receive(message: ViewMessage): void;
  setVisible(kind: ViewKind, visible: boolean): void;
}

const NO_VIEWS: ViewsByKind = {
  approximation: null,
  parameterPlane: null,
  functionSpace: null,
  loss: null,
  trackNotes: null,
  ensemble: null,
};

export const useViews = create<ViewsState & ViewsActions>()((set, get) => ({
  ...NO_VIEWS,
  generation: 0,
  // The ensemble status is wanted only while it is shown (runs with several seeds).
  visible: {
    approximation: true,
    parameterPlane: true,
    functionSpace: true,
    loss: true,
    trackNotes: true,
    ensemble: false,
  },

  begin(generation) {
    set({ ...NO_VIEWS, generation });
  },

  receive({ generation, update }) {
    if (generation !== get().generation) return;
    set({ [update.kind]: update.view });
  },

  setVisible(kind, visible) {
    if (get().visible[kind] !== visible) set({ visible: { ...get().visible, [kind]: visible } });
  },
}));

/** The kinds of view the worker should compute. */
export function wantedViews(state: ViewsState): ViewKind[] {
  return (Object.keys(state.visible) as ViewKind[]).filter((kind) => state.visible[kind]);
}
