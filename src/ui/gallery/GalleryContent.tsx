// The gallery's cards (thumbnail, title, one sentence), loaded with the presets' thumbnails when the
// gallery is first opened (or when the browser is idle after start-up): see ../Gallery.tsx.

import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { SCENARIO_PRESETS, type ScenarioPreset } from '../../engine/scenario/presets';
import { SWEEP_PRESETS } from '../../engine/scenario/presetSweeps';
import { useScenario } from '../../state/scenario';
import { GROUPS, GROUP_TITLES } from './groups';
import { Thumbnail } from './Thumbnail';
import { openPreset } from './openPreset';

function optimizerNames(preset: ScenarioPreset): string {
  return preset.scenario.optimizers.map((o) => o.label ?? o.id).join(' · ');
}

function Card({
  preset,
  step,
  active,
  onOpen,
}: {
  preset: ScenarioPreset;
  step: number | null;
  active: boolean;
  onOpen: () => void;
}) {
  return (
    <li>
      <button
        type="button"
        className="gallery-card"
        data-testid={`gallery-card-${preset.key}`}
        data-preset={preset.key}
        aria-current={active ? 'true' : undefined}
        aria-describedby={`gallery-sentence-${preset.key}`}
        onClick={onOpen}
      >
        <Thumbnail preset={preset} />
        <span className="gallery-card-title">
          {step !== null ? <span className="gallery-step">{step}.</span> : null} {preset.title}
        </span>
        <span className="gallery-card-sentence" id={`gallery-sentence-${preset.key}`}>
          {preset.sentence}
        </span>
        <span className="gallery-card-optimizers">{optimizerNames(preset)}</span>
      </button>
    </li>
  );
}

export function GalleryContent({ onChosen, onClose }: { onChosen: () => void; onClose: () => void }) {
  const presetKey = useScenario((s) => s.presetKey);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Focus the card of the scenario on screen (or the first card).
    const root = listRef.current;
    if (!root) return;
    const active = root.querySelector<HTMLButtonElement>('.gallery-card[aria-current="true"]');
    (active ?? root.querySelector<HTMLButtonElement>('.gallery-card'))?.focus();
  }, []);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const delta =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    const cards = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('.gallery-card') ?? []);
    if (delta === 0 && event.key !== 'Home' && event.key !== 'End') return;
    const index = cards.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? cards.length - 1
          : Math.min(cards.length - 1, Math.max(0, index + delta));
    cards[next].focus();
  };

  return (
    <>
      <div className="gallery-head">
        <h2 id="gallery-title">Scenario gallery</h2>
        <p className="gallery-intro">
          The paper's figures in the order of its story, then problems beyond the toys. A card opens its scenario and
          runs it.
        </p>
        <button
          type="button"
          className="small gallery-close"
          data-testid="gallery-close"
          aria-label="Close the gallery"
          onClick={onClose}
        >
          ✕ Close
        </button>
      </div>
      <div ref={listRef} className="gallery-groups" onKeyDown={onKeyDown}>
        {GROUPS.map((group) => {
          const presets = [...SCENARIO_PRESETS, ...SWEEP_PRESETS].filter((p) => p.group === group);
          if (presets.length === 0) return null;
          return (
            <section
              key={group}
              className="gallery-group"
              aria-labelledby={`gallery-group-${group}`}
              data-group={group}
            >
              <h3 id={`gallery-group-${group}`}>{GROUP_TITLES[group]}</h3>
              <ol className="gallery-cards">
                {presets.map((preset, i) => (
                  <Card
                    key={preset.key}
                    preset={preset}
                    step={group === 'paper' ? i + 1 : null}
                    active={preset.key === presetKey}
                    onOpen={() => {
                      openPreset(preset);
                      onChosen();
                    }}
                  />
                ))}
              </ol>
            </section>
          );
        })}
      </div>
    </>
  );
}
