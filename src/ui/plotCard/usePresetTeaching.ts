// The teaching notes of the preset on screen — only while the scenario is the preset unedited (an edit
// may move the local minimum or the boundary layer the annotations point at).

import { useMemo } from 'react';
import { teachingOf, type PresetTeaching } from '../../engine/scenario/presetTeaching';
import { useScenario } from '../../state/scenario';
import { useModified } from '../presetStatus';

export function usePresetTeaching(): PresetTeaching {
  const presetKey = useScenario((s) => s.presetKey);
  const modified = useModified();
  return useMemo(() => teachingOf(modified ? null : presetKey), [presetKey, modified]);
}
