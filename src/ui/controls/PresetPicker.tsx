// The preset picker (a compact alternative to the gallery dialog): the paper's figures first, then regression, PDEs, classification, time series, 2D.
// One click (or one keyboard choice) loads a whole scenario.

import { SCENARIO_PRESETS } from '../../engine/scenario/presets';
import { useScenario } from '../../state/scenario';
import { countRender } from '../renderCount';
import { GROUPS, GROUP_TITLES } from '../gallery/groups';

export function PresetPicker() {
  countRender('PresetPicker');
  const presetKey = useScenario((s) => s.presetKey);
  const title = useScenario((s) => s.valid.title);
  const load = useScenario((s) => s.load);
  const preset = SCENARIO_PRESETS.find((p) => p.key === presetKey);
  return (
    <div className="preset-picker">
      <label htmlFor="preset">Scenario</label>
      <select
        id="preset"
        data-testid="preset"
        value={presetKey ?? ''}
        onChange={(event) => {
          const chosen = SCENARIO_PRESETS.find((p) => p.key === event.target.value);
          if (chosen) load(structuredClone(chosen.scenario), chosen.key);
        }}
      >
        {presetKey === null ? <option value="">{title ?? 'Custom scenario'}</option> : null}
        {GROUPS.map((group) => (
          <optgroup key={group} label={GROUP_TITLES[group]}>
            {SCENARIO_PRESETS.filter((p) => p.group === group).map((p) => (
              <option key={p.key} value={p.key}>
                {p.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {preset ? <p className="preset-sentence">{preset.sentence}</p> : null}
    </div>
  );
}
