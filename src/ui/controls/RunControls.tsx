// Play, pause, single step, reset, speed, iteration budget and the scrubber over finished iterations.

import { useRuns, lastIteration } from '../../state/runs';
import { SPEEDS, speedLabel, useView } from '../../state/view';
import { pause, play, reset, step } from '../../state/runner';
import { countRender } from '../renderCount';
import { useScheduledProps } from '../../plots/frameScheduler';
import { NumberField, Section } from './fields';
import { useScenario } from '../../state/scenario';
import { useTolerance } from '../../state/tolerance';
import { TableNumber } from './TableFields';
import { ExportButtons } from './ExportButtons';
import { SweepButton } from '../sweep/SweepButton';

function PlayButtons() {
  const playing = useView((s) => s.playing);
  return (
    <div className="button-row transport" role="group" aria-label="Run">
      <button
        type="button"
        className="primary"
        data-testid="play"
        aria-pressed={playing}
        onClick={play}
        title="Play (space)"
      >
        ▶ Play
      </button>
      <button type="button" data-testid="pause" aria-pressed={!playing} onClick={pause} title="Pause (space)">
        ❚❚ Pause
      </button>
      <button type="button" data-testid="step" onClick={() => step(1)} title="One iteration (→)">
        Step ›
      </button>
      <button type="button" data-testid="reset" onClick={reset} title="Start again (r)">
        Reset
      </button>
    </div>
  );
}

function SpeedControl() {
  const speed = useView((s) => s.speed);
  const setSpeed = useView((s) => s.setSpeed);
  const index = Math.max(0, SPEEDS.indexOf(speed));
  return (
    <div className="field">
      <label htmlFor="speed">
        Speed: <output htmlFor="speed">{speedLabel(speed)}</output>
      </label>
      <input
        id="speed"
        type="range"
        min={0}
        max={SPEEDS.length - 1}
        step={1}
        value={index}
        data-testid="speed"
        aria-valuetext={speedLabel(speed)}
        onChange={(event) => setSpeed(SPEEDS[Number(event.target.value)])}
      />
    </div>
  );
}

function Budget() {
  return <TableNumber path="run.iterations" testId="iterations" />;
}

/** Seeds of the ensemble (shown where the start is random), and the tolerance its status counts. */
function Seeds() {
  const tolerance = useTolerance((s) => s.tolerance);
  const setTolerance = useTolerance((s) => s.setTolerance);
  const seeded = useScenario((s) => 'seed' in s.draft.init);
  if (!seeded) return null;
  return (
    <div className="field-row">
      <TableNumber path="run.seeds" testId="seeds" />
      <NumberField
        fieldId="view.tolerance"
        label="Tolerance"
        value={tolerance}
        testId="tolerance"
        help="With several seeds, the status counts the seeds whose loss reached this value."
        onCommit={(value) => value >= 0 && setTolerance(value)}
      />
    </div>
  );
}

/**
 * Streams with the run, so it is kept apart from the other controls, and its DOM changes go through the
 * frame scheduler (repainting the panel with every batch cost ~3 ms, 60 times a second).
 */
export function Scrubber() {
  const { last } = useScheduledProps('scrubber', { last: useRuns(lastIteration) }, true);
  const hoveredK = useView((s) => s.hoveredK);
  const setHoveredK = useView((s) => s.setHoveredK);
  const max = Math.max(0, last);
  const value = hoveredK === null ? max : Math.min(hoveredK, max);
  return (
    <div className="field scrubber">
      <label htmlFor="scrubber">
        Iteration <output data-testid="scrubber-k">{last < 0 ? '–' : value}</output>
        {hoveredK === null ? ' (latest)' : ''}
      </label>
      <div className="scrubber-row">
        <input
          id="scrubber"
          type="range"
          min={0}
          max={max}
          step={1}
          value={value}
          disabled={last < 0}
          data-testid="scrubber"
          onChange={(event) => {
            const k = Number(event.target.value);
            setHoveredK(k >= max ? null : k);
          }}
        />
        <button type="button" className="small" disabled={hoveredK === null} onClick={() => setHoveredK(null)}>
          Latest
        </button>
      </div>
    </div>
  );
}

export function RunControls() {
  countRender('RunControls');
  return (
    <Section title="Run" testId="run-section">
      <PlayButtons />
      <div className="field-row">
        <SpeedControl />
        <Budget />
      </div>
      <Seeds />
      <Scrubber />
      <ExportButtons />
      <SweepButton />
    </Section>
  );
}
