// Opening a preset from the gallery: load it (a new history entry, see state/link.ts) and start it playing.

import type { ScenarioPreset } from '../../engine/scenario/presets';
import { numericIdentity, reset } from '../../state/runner';
import { useScenario } from '../../state/scenario';
import { useView } from '../../state/view';
import { openPresetSweep } from '../sweep/presetSweep';

export function openPreset(preset: ScenarioPreset): void {
  const before = useScenario.getState().valid;
  // Playing before the load: the run the new scenario starts begins playing at once.
  useView.getState().setPlaying(true);
  useScenario.getState().load(structuredClone(preset.scenario), preset.key);
  const after = useScenario.getState().valid;
  // The same numbers start no new run by themselves (state/runner.ts): restart it so the card "starts" it.
  if (after !== before && numericIdentity(after) === numericIdentity(before)) reset();
  openPresetSweep(preset.key);
}
