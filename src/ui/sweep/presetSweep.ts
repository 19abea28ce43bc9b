// A gallery preset that carries a sweep (src/engine/scenario/presetSweeps.ts) opens the Sweep panel with
// it and runs it on the preset's scenario; other presets leave the panel as it is.

import { PRESET_SWEEPS } from '../../engine/scenario/presetSweeps';
import { startSweep, useSweep } from '../../state/sweep';

export function openPresetSweep(presetKey: string): void {
  const setup = PRESET_SWEEPS[presetKey];
  if (setup === undefined) return;
  useSweep.getState().openPanel(setup);
  useSweep.getState().setSetup(setup);
  startSweep();
}
