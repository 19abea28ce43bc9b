// A gallery preset that carries a sweep (src/engine/scenario/presetSweeps.ts) opens the Sweep panel with
// it and runs it on the preset's scenario; other presets leave the panel as it is.

import { PRESET_SWEEPS } from '../../engine/scenario/presetSweeps';
import { loadSweepTools, useSweep } from '../../state/sweepStore';

export function openPresetSweep(presetKey: string): void {
  const setup = PRESET_SWEEPS[presetKey];
  if (setup === undefined) return;
  // Tools that cannot load (offline) still open the panel, which then says so and offers to retry.
  void loadSweepTools().then(
    (tools) => tools.openAndRun(setup),
    () => useSweep.setState({ open: true, setup }),
  );
}
