// The loss tolerance the explorations share: an ensemble's status counts the seeds that reached it, and a
// new sweep starts with it. A view setting, not part of the scenario (it never changes the numbers).

import { create } from 'zustand';
import { DEFAULT_TOLERANCE } from '../engine/views/ensemble';

export const useTolerance = create<{ tolerance: number; setTolerance(tolerance: number): void }>()((set) => ({
  tolerance: DEFAULT_TOLERANCE,
  setTolerance: (tolerance) => set({ tolerance }),
}));
