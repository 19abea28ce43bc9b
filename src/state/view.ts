// The view store: what is shown rather than what is computed — the hovered iteration shared by every
// plot, the loss axis, play/pause intent and speed, and the control panel's visibility.

import { create } from 'zustand';

export type XAxis = 'iteration' | 'time';
export type YScale = 'log' | 'linear';

/** Iterations per second offered by the speed control; Infinity is "as fast as possible". */
export const SPEEDS: readonly number[] = [2, 5, 10, 20, 50, 100, 300, Infinity];
export const DEFAULT_SPEED = 20;

export function speedLabel(speed: number): string {
  return Number.isFinite(speed) ? `${speed} it/s` : 'max';
}

export interface ViewState {
  /** The iteration highlighted in every plot (hover or scrubber); null follows the latest iterate. */
  hoveredK: number | null;
  xAxis: XAxis;
  yScale: YScale;
  /** The user wants the run to advance (a finished run stays "playing" until paused). */
  playing: boolean;
  speed: number;
  /** Narrow screens: the control panel is folded away. */
  controlsOpen: boolean;
}

export interface ViewActions {
  setHoveredK(k: number | null): void;
  setXAxis(axis: XAxis): void;
  setYScale(scale: YScale): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setControlsOpen(open: boolean): void;
}

export const useView = create<ViewState & ViewActions>()((set) => ({
  hoveredK: null,
  xAxis: 'iteration',
  yScale: 'log',
  playing: true,
  speed: DEFAULT_SPEED,
  controlsOpen: true,

  setHoveredK: (hoveredK) => set({ hoveredK }),
  setXAxis: (xAxis) => set({ xAxis }),
  setYScale: (yScale) => set({ yScale }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  setControlsOpen: (controlsOpen) => set({ controlsOpen }),
}));
