// An embed (`?embed=loss,approximation`): only the named plots, a play button and "open in the app",
// sized to the frame it sits in — for an <iframe> in a course page or slide deck.

import { useRef } from 'react';
import { PLOT_CARDS } from '../PlotsGrid';
import { useElementSize } from '../useElementSize';
import { PlayPauseButton } from '../presentation/PlayPauseButton';
import { appLink, useViewMode } from '../presentation/viewMode';
import './embed.css';

/** Plots side by side when each gets at least this width, else stacked. */
const MIN_COLUMN_WIDTH = 420;
/** Card chrome around a chart (title, toolbar, export row). */
const CARD_CHROME = 96;

export function EmbedView() {
  const plots = useViewMode((s) => s.embedPlots);
  const ref = useRef<HTMLDivElement>(null);
  const size = useElementSize(ref);
  const columns = Math.max(1, Math.min(plots.length, Math.floor(size.width / MIN_COLUMN_WIDTH)));
  const rows = Math.ceil(plots.length / columns);
  const chartHeight = Math.max(160, Math.floor(size.height / rows) - CARD_CHROME);
  return (
    <div className="embed" data-testid="embed">
      <main
        className="embed-plots"
        id="plots"
        ref={ref}
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
      >
        {size.height > 0
          ? plots.map((id) => {
              const Card = PLOT_CARDS[id];
              return <Card key={id} height={chartHeight} />;
            })
          : null}
      </main>
      <div className="embed-bar">
        <PlayPauseButton />
        <a
          href={appLink()}
          target="_blank"
          rel="noopener"
          data-testid="open-in-app"
          onClick={(event) => (event.currentTarget.href = appLink())}
        >
          Open in the app ↗
        </a>
      </div>
    </div>
  );
}
