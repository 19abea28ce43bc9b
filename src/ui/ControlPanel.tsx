// The left column of controls. It subscribes to the scenario and view stores only — never to the
// streamed records — so a running optimisation does not re-render it.

import { useView } from '../state/view';
import { countRender } from './renderCount';
import { RunControls } from './controls/RunControls';
import { ProblemControls } from './controls/ProblemControls';
import { ModelControls } from './controls/ModelControls';
import { OptimizerList } from './controls/OptimizerList';
import { DraftErrors } from './DraftErrors';
import { Staggered } from './Staggered';

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
      {/* Mounted after the plot cards at start-up, one per task (Staggered.tsx). */}
      <Staggered turn={6} placeholder={<div className="controls-pending" aria-busy="true" data-staggered="waiting" />}>
        <OptimizerList />
      </Staggered>
      <Staggered turn={7} placeholder={<div className="controls-pending" aria-busy="true" data-staggered="waiting" />}>
        <ProblemControls />
      </Staggered>
      <Staggered turn={8} placeholder={<div className="controls-pending" aria-busy="true" data-staggered="waiting" />}>
        <ModelControls />
      </Staggered>
    </aside>
  );
}
