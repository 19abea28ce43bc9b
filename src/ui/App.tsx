// The page: header, controls on the left (foldable on narrow screens), the status line and the plot grid
// on the right. Keyboard: space plays/pauses, → steps, r resets (outside text fields).

import { useEffect } from 'react';
import { useView } from '../state/view';
import { pause, play, reset, step } from '../state/runner';
import { Header } from './Header';
import { ControlPanel } from './ControlPanel';
import { StatusLine } from './StatusLine';
import { PlotsGrid } from './PlotsGrid';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'BUTTON' || target.isContentEditable;
}

function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key === ' ') {
        event.preventDefault();
        if (useView.getState().playing) pause();
        else play();
      } else if (event.key === 'ArrowRight') {
        step(1);
      } else if (event.key === 'r') {
        reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  useKeyboardShortcuts();
  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <ControlPanel />
        <main className="plots-area">
          <StatusLine />
          <PlotsGrid />
        </main>
      </div>
    </div>
  );
}
