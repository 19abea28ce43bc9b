// The paper's story as presentation mode walks it: the gallery's seven "paper" presets in order.
// PageDown / → go to the next step, PageUp / ← back, Home to step 1 (presentation clickers send these).

import { SCENARIO_PRESETS, type ScenarioPreset } from '../../engine/scenario/presets';
import { useScenario } from '../../state/scenario';
import { openPreset } from '../gallery/openPreset';

export const STORY: readonly ScenarioPreset[] = SCENARIO_PRESETS.filter((p) => p.group === 'paper');

/** Index of the current preset in the story (−1 when the scenario is not a story step). */
export function storyIndex(presetKey: string | null): number {
  return STORY.findIndex((p) => p.key === presetKey);
}

/** Open story step `index` (clamped to the story). */
export function openStep(index: number): void {
  const step = STORY[Math.max(0, Math.min(STORY.length - 1, index))];
  if (step) openPreset(step);
}

/** Move `delta` steps from the current one (from outside the story: step 1). */
export function walkStory(delta: number): void {
  const current = storyIndex(useScenario.getState().presetKey);
  openStep(current < 0 ? 0 : current + delta);
}
