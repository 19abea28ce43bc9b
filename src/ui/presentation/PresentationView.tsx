// Presentation mode: no controls; the current preset's focus plots side by side filling the screen, the
// lesson as caption, one big Play/Pause, the story's "3 / 7" with previous/next, and a one-line status
// the speaker can glance at. Type and lines scale with the viewport through one CSS custom property,
// --present-scale, applied as `zoom` to the plots (a chart lays itself out at 1/scale of its box and is
// magnified as a whole, so text, lines and markers grow together and nothing overlaps).

import { useEffect, useRef } from 'react';
import { useScenario } from '../../state/scenario';
import { PLOT_CARDS } from '../PlotsGrid';
import { useElementSize } from '../useElementSize';
import { usePresetTeaching } from '../plotCard/usePresetTeaching';
import { findPreset } from '../../engine/scenario/presets';
import { Gallery } from '../Gallery';
import { PlayPauseButton } from './PlayPauseButton';
import { PresentationStatus } from './PresentationStatus';
import { STORY, openStep, storyIndex, walkStory } from './story';
import { setPresenting } from './viewMode';
import './presentation.css';

/** The magnification at a viewport: 1.5 at 1280×720 (14 px ticks → 21 px, 2 px lines → 3 px), more on larger screens. */
export function presentationScale(width: number, height: number): number {
  return Math.max(1.5, Math.min(3, 1.5 * Math.min(width / 1280, height / 720)));
}

/** Card chrome above and below a chart (title, toolbar, note, export row), in unscaled px. */
const CARD_CHROME = 64;

function useRootScale(): number {
  const scale = presentationScale(window.innerWidth, window.innerHeight);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('presenting');
    const update = () =>
      root.style.setProperty('--present-scale', String(presentationScale(window.innerWidth, window.innerHeight)));
    update();
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('resize', update);
      root.classList.remove('presenting');
      root.style.removeProperty('--present-scale');
    };
  }, []);
  return scale;
}

export function PresentationView() {
  const scale = useRootScale();
  const presetKey = useScenario((s) => s.presetKey);
  const title = useScenario((s) => s.valid.title);
  const teaching = usePresetTeaching();
  const plotsRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(plotsRef);
  const index = storyIndex(presetKey);
  const caption = teaching.lesson || (presetKey ? findPreset(presetKey)?.sentence : '') || '';
  const chartHeight = Math.max(160, Math.floor(size.height / scale) - CARD_CHROME);
  return (
    <div className="presentation" data-testid="presentation">
      <header className="presentation-caption">
        <h1>
          {index >= 0 ? <span className="presentation-step">{index + 1}.</span> : null} {title ?? 'Custom scenario'}
        </h1>
        {caption ? <p data-testid="presentation-lesson">{caption}</p> : null}
      </header>
      <main className="presentation-plots" id="plots" tabIndex={-1} ref={plotsRef} aria-label="Plots">
        {size.height > 0
          ? teaching.focus.map((id) => {
              const Card = PLOT_CARDS[id];
              return (
                <div key={id} className="presentation-plot" data-focus-plot={id}>
                  <Card height={chartHeight} />
                </div>
              );
            })
          : null}
      </main>
      <footer className="presentation-bar">
        <PlayPauseButton className="play-pause-big" />
        <nav className="presentation-story" aria-label="The paper's story">
          <button
            type="button"
            aria-keyshortcuts="PageUp ArrowLeft"
            aria-label="Previous step"
            onClick={() => walkStory(-1)}
            disabled={index === 0}
          >
            ←
          </button>
          <button
            type="button"
            className="presentation-counter"
            data-testid="story-counter"
            onClick={() => openStep(0)}
            title="Step 1 (Home)"
          >
            {index >= 0 ? index + 1 : '–'} / {STORY.length}
          </button>
          <button
            type="button"
            aria-keyshortcuts="PageDown ArrowRight"
            aria-label="Next step"
            onClick={() => walkStory(1)}
            disabled={index === STORY.length - 1}
          >
            →
          </button>
        </nav>
        <PresentationStatus />
        <Gallery />
        <button
          type="button"
          className="presentation-exit"
          data-testid="exit-presentation"
          aria-keyshortcuts="Escape"
          onClick={() => setPresenting(false)}
        >
          ✕ Leave (Esc)
        </button>
      </footer>
    </div>
  );
}
