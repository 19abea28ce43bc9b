// Opens the Sweep panel (or brings it into view when it is open).

import { loadSweepTools, useSweep } from '../../state/sweepStore';

const scrollToPanel = () =>
  requestAnimationFrame(() =>
    document.querySelector('[data-testid="plot-sweep"]')?.scrollIntoView({ block: 'nearest' }),
  );

export function SweepButton() {
  const open = useSweep((s) => s.open);
  return (
    <div className="button-row">
      <button
        type="button"
        data-testid="open-sweep"
        aria-pressed={open}
        title="Map a measure over one or two fields of this scenario (a grid of runs on worker threads)"
        onClick={() => {
          // The panel's tools load on the first click; if they cannot (offline), the panel opens and says so.
          void loadSweepTools().then(
            (tools) => tools.openPanel(),
            () => useSweep.setState({ open: true }),
          );
          scrollToPanel();
        }}
      >
        ▦ Sweep…
      </button>
    </div>
  );
}
