// A slider beside a number field of the table (α and β of an optimizer): its range and spacing are the
// table's sweep hint (α log-spaced), widened to hold the current value. Moving it sets the field at once,
// so the race restarts while the thumb moves (pointer events: touch works).

import { useMemo } from 'react';
import { locateField } from '../../engine/scenario/paths';
import { useScenario } from '../../state/scenario';
import './slider.css';

/** Positions of the slider (its resolution). */
const STEPS = 1000;

interface Mapping {
  toValue(position: number): number;
  toPosition(value: number): number;
}

function mapping(from: number, to: number, log: boolean): Mapping {
  if (log) {
    const lo = Math.log(from);
    const span = Math.log(to) - lo;
    return {
      toValue: (t) => Number(Math.exp(lo + (span * t) / STEPS).toPrecision(3)),
      toPosition: (v) => Math.round(((Math.log(v) - lo) / span) * STEPS),
    };
  }
  return {
    toValue: (t) => Number((from + ((to - from) * t) / STEPS).toPrecision(3)),
    toPosition: (v) => Math.round(((v - from) / (to - from)) * STEPS),
  };
}

export function TableSlider({ path, testId }: { path: string; testId?: string }) {
  const draft = useScenario((s) => s.draft);
  const setField = useScenario((s) => s.setField);
  const located = useMemo(() => locateField(draft, path), [draft, path]);
  if (!located.ok || !located.value.applies) return null;
  const { spec, value } = located.value;
  if (spec.type !== 'number' || spec.sweep === undefined || typeof value !== 'number') return null;
  const log = spec.sweep.scale === 'log';
  if (log && !(value > 0)) return null;
  const from = Math.min(spec.sweep.from, value);
  const to = Math.max(spec.sweep.to, value);
  const map = mapping(from, to, log);
  return (
    <input
      type="range"
      className="table-slider"
      min={0}
      max={STEPS}
      step={1}
      value={map.toPosition(value)}
      aria-label={`${spec.label} (slider${log ? ', log scale' : ''})`}
      aria-valuetext={String(value)}
      title={`${spec.label}: ${from} to ${to}${log ? ', log scale' : ''}`}
      data-testid={testId}
      style={{ touchAction: 'none' }}
      onChange={(event) => {
        const next = map.toValue(Number(event.target.value));
        if (next !== value) setField(path, next);
      }}
    />
  );
}
