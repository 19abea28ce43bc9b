// The Sweep panel's slot in the plot grid: the panel (SweepCard, its maps and setup form) is a chunk of
// its own, loaded when a sweep is first opened (button, sweep link, gallery sweep preset).

import { useSweep } from '../../state/sweepStore';
import { lazyPart } from '../lazyPart';

const sweepCard = lazyPart<Record<string, never>>(
  () => import('./SweepCard').then((module) => module.SweepCard),
  'the sweep tools',
  () => (
    <section className="plot-card sweep-card" data-testid="plot-sweep-loading" aria-label="Sweep" aria-busy="true">
      <h2>Sweep</h2>
      <p className="note">Loading the sweep tools…</p>
    </section>
  ),
);

export const preloadSweepCard = sweepCard.preload;

export function LazySweepCard() {
  const open = useSweep((s) => s.open);
  return open ? <sweepCard.Component /> : null;
}
