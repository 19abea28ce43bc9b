// Keyboard shortcuts of the whole page: Space plays/pauses, → steps one iteration, r resets, p toggles
// presentation mode (g, the gallery, lives in Gallery.tsx). In presentation mode → / PageDown and ← /
// PageUp walk the story, Home opens step 1 and Esc leaves. They work wherever focus is, except in a text
// field or a select (typing) and while a dialog is open — also on a button just clicked: Space there is
// the shortcut, not a second click of the button.

import { useEffect } from 'react';
import { pause, play, reset, step } from '../state/runner';
import { useView } from '../state/view';
import { setPresenting, useViewMode } from './presentation/viewMode';
import { openStep, walkStory } from './presentation/story';

const TEXT_INPUT_TYPES = new Set(['text', 'number', 'search', 'email', 'url', 'password', 'tel', 'date', 'time']);

/** Focus is where keys are text (or choices of a select). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** Arrow keys already mean something to sliders and radio groups. */
function ownsArrows(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement && (target.type === 'range' || target.type === 'radio');
}

export function togglePlay(): void {
  if (useView.getState().playing) pause();
  else play();
}

/** The action of a key, or null when the key is not a shortcut here. */
function actionOf(event: KeyboardEvent): (() => void) | null {
  const presenting = useViewMode.getState().mode === 'present';
  const arrows = !ownsArrows(event.target);
  switch (event.key) {
    case ' ':
      return togglePlay;
    case 'r':
      return reset;
    case 'p':
      return useViewMode.getState().mode === 'embed' ? null : () => setPresenting(!presenting);
    case 'ArrowRight':
      return arrows ? (presenting ? () => walkStory(1) : () => step(1)) : null;
    case 'ArrowLeft':
      return presenting && arrows ? () => walkStory(-1) : null;
    case 'PageDown':
      return presenting ? () => walkStory(1) : null;
    case 'PageUp':
      return presenting ? () => walkStory(-1) : null;
    case 'Home':
      return presenting ? () => openStep(0) : null;
    case 'Escape':
      return presenting ? () => setPresenting(false) : null;
    default:
      return null;
  }
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    let swallowKeyUp = false;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const action = actionOf(event);
      if (!action) return;
      event.preventDefault();
      // A focused button would "click" on Space's keyup: that click must not undo the shortcut.
      swallowKeyUp = event.key === ' ';
      if (!event.repeat) action();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' && swallowKeyUp) {
        event.preventDefault();
        swallowKeyUp = false;
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, []);
}
