// Whether a plot card is on screen (within a viewport's height of it, in a visible tab). Charts off screen
// are not redrawn, and the worker does not compute their views.

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ViewKind } from '../../workers/protocol';
import { useViews } from '../state/views';

/** Cards this close to the viewport (one viewport height above or below) count as on screen. */
const MARGIN = '100% 0px 100% 0px';

export function useOnScreen<E extends Element>(view?: ViewKind): [RefObject<E | null>, boolean] {
  const ref = useRef<E | null>(null);
  const [near, setNear] = useState(true);
  const [tabVisible, setTabVisible] = useState(
    () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  );
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setNear(entries[entries.length - 1].isIntersecting), {
      rootMargin: MARGIN,
    });
    observer.observe(element);
    const onVisibility = () => setTabVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
  const onScreen = near && tabVisible;
  useEffect(() => {
    if (view) useViews.getState().setVisible(view, onScreen);
  }, [view, onScreen]);
  // A card that is not mounted (presentation mode, embeds) wants no view.
  useEffect(
    () => () => {
      if (view) useViews.getState().setVisible(view, false);
    },
    [view],
  );
  return [ref, onScreen];
}
