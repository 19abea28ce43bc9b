// Props shared by the charts. Charts only draw: they receive records and worker-computed views
// (src/engine/views) and report hovering; the UI connects them to the stores.

import type { IterationRecord } from '../engine/records';

/** How one track (an optimizer, or one seed of it) is drawn. */
export interface TrackStyle {
  /** Track key: the optimizer id, or `${id}#${seed}` in ensembles. */
  key: string;
  /** Tracks with the same optimizerId form an ensemble (median and 10–90 % band). */
  optimizerId: string;
  label: string;
  color: string;
  /** stroke-dasharray of the track's line (a second optimizer of one method, a coinciding curve); absent: solid. */
  dash?: string;
}

/** A track with its records (ordered by k; the array may grow in place: only the first `count` are read). */
export interface RecordTrack extends TrackStyle {
  records: readonly IterationRecord[];
  count: number;
}

/** Every chart highlights the hovered iteration and reports the iteration under the pointer. */
export interface HoverProps {
  hoveredK: number | null;
  onHover: (k: number | null) => void;
}

export interface ChartProps {
  /** Height in CSS pixels (width follows the container). */
  height?: number;
  /** Title drawn in the SVG (exported with it). */
  title?: string;
  /** When given, SVG/PNG export buttons are shown and files get this name. */
  exportName?: string;
}

export type TimeAxis = 'iteration' | 'time';
