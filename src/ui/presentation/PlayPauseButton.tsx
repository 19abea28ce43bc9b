// One big Play/Pause button (presentation mode, embeds): the label says what a press does.

import { useView } from '../../state/view';
import { togglePlay } from '../keyboard';

export function PlayPauseButton({ className }: { className?: string }) {
  const playing = useView((s) => s.playing);
  return (
    <button
      type="button"
      className={`play-pause${className ? ` ${className}` : ''}`}
      data-testid="play-pause"
      aria-keyshortcuts="Space"
      onClick={togglePlay}
    >
      {playing ? '❚❚ Pause' : '▶ Play'}
    </button>
  );
}
