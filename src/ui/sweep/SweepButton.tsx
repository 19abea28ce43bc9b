// Opens the Sweep panel (or brings it into view when it is open).

import { useSweep } from '../../state/sweep';

export function SweepButton() {
  const open = useSweep((s) => s.open);
  const openPanel = useSweep((s) => s.openPanel);
  return (
    <div className="button-row">
      <button
        type="button"
        data-testid="open-sweep"
        aria-pressed={open}
        title="Map a measure over one or two fields of this scenario (a grid of runs on worker threads)"
        onClick={() => {
          openPanel();
          requestAnimationFrame(() =>
            document.querySelector('[data-testid="plot-sweep"]')?.scrollIntoView({ block: 'nearest' }),
          );
        }}
      >
        ▦ Sweep…
      </button>
    </div>
  );
}
