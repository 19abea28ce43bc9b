// The left column of controls. It subscribes to the scenario and view stores only — never to the
// streamed records — so a running optimisation does not re-render it.

import { useView } from '../state/view';
import { countRender } from './renderCount';
import { RunControls } from './controls/RunControls';
import { ProblemControls } from './controls/ProblemControls';
import { ModelControls } from './controls/ModelControls';
import { OptimizerList } from './controls/OptimizerList';
import { DraftErrors } from './DraftErrors';

export function ControlPanel() {
  countRender('ControlPanel');
  const open = useView((s) => s.controlsOpen);
  return (
    <aside
      id="control-panel"
      className={`control-panel${open ? '' : ' control-panel-closed'}`}
      aria-label="Controls"
      data-testid="control-panel"
    >
      <DraftErrors />
      <RunControls />
      <OptimizerList />
      <ProblemControls />
      <ModelControls />
    </aside>
  );
}
