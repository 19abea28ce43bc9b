// The gallery's sections, in the order they are shown (the paper's story first).

import type { ScenarioPreset } from '../../engine/scenario/presets';

export const GROUP_TITLES: Record<ScenarioPreset['group'], string> = {
  paper: 'The paper (toy problems)',
  regression: 'Regression',
  pde: 'PDEs',
  classification: 'Classification',
  'time-series': 'Time series',
  '2d': '2D',
};

export const GROUPS = Object.keys(GROUP_TITLES) as ScenarioPreset['group'][];
