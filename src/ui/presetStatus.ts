// Whether the scenario on screen is still the preset it was loaded from: after an edit the header says
// "(modified)" and offers "Restore preset"; choosing the preset again reloads it.

import { useMemo } from 'react';
import { findPreset } from '../engine/scenario/presets';
import { useScenario } from '../state/scenario';
import { openPreset } from './gallery/openPreset';

/** True when a preset was loaded and the valid scenario differs from it. */
export function useModified(): boolean {
  const presetKey = useScenario((s) => s.presetKey);
  const valid = useScenario((s) => s.valid);
  return useMemo(() => {
    const preset = presetKey ? findPreset(presetKey) : undefined;
    // Same JSON ⟺ same link (the link is the deflated JSON), without deflating twice per card at start-up.
    return preset !== undefined && JSON.stringify(preset.scenario) !== JSON.stringify(valid);
  }, [presetKey, valid]);
}

/** Load the current preset again (its numbers, labels and colours), restarting the run. */
export function restorePreset(): void {
  const preset = findPreset(useScenario.getState().presetKey ?? '');
  if (preset) openPreset(preset);
}
