// The card around each plot: its title with an ⓘ that explains the plot in two sentences, the preset's
// notes for this plot, the chart, and a text alternative (updated at most once a second) that screen
// readers read as the card's description.

import { useId, useState, type ReactNode, type Ref } from 'react';
import type { PlotId } from '../../engine/scenario/presetTeaching';
import { useRuns } from '../../state/runs';
import { useScenario } from '../../state/scenario';
import { plotInfo } from './plotInfo';
import { useSummaries } from './summaries';
import { usePresetTeaching } from './usePresetTeaching';

function InfoButton({ id, title }: { id: PlotId; title: string }) {
  const [open, setOpen] = useState(false);
  const p = useRuns((s) => s.p);
  const space = useScenario((s) => s.valid.problem.space);
  const twoDimensional = useScenario((s) => s.valid.problem.domain.length === 2);
  const textId = useId();
  return (
    <>
      <button
        type="button"
        className="info-button"
        aria-expanded={open}
        aria-controls={textId}
        aria-label={`What the ${title.toLowerCase()} plot shows`}
        data-testid={`info-${id}`}
        onClick={() => setOpen(!open)}
      >
        i
      </button>
      {open ? (
        <p id={textId} className="plot-info" data-testid={`info-text-${id}`}>
          {plotInfo(id, { p, space, twoDimensional })}
        </p>
      ) : null}
    </>
  );
}

export interface PlotCardProps {
  /** The card element (whether it is on screen decides whether its chart is drawn). */
  ref?: Ref<HTMLElement>;
  id: PlotId;
  title: string;
  testId: string;
  className?: string;
  data?: Record<`data-${string}`, string | number>;
  children: ReactNode;
}

export function PlotCard({ ref, id, title, testId, className, data, children }: PlotCardProps) {
  const titleId = useId();
  const summaryId = useId();
  const summary = useSummaries((s) => s[id]);
  const notes = usePresetTeaching().annotations.filter((a) => a.plot === id && a.kind === 'note');
  return (
    <section
      ref={ref}
      className={`plot-card${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-plot={id}
      aria-labelledby={titleId}
      aria-describedby={summaryId}
      {...data}
    >
      <div className="plot-card-head">
        <h2 id={titleId}>{title}</h2>
        <InfoButton id={id} title={title} />
      </div>
      {notes.map((note) => (
        <p key={note.label} className="plot-note">
          {note.label}
        </p>
      ))}
      {children}
      <p id={summaryId} className="visually-hidden" data-testid={`summary-${id}`}>
        {summary}
      </p>
    </section>
  );
}
