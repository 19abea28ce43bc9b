// The preset gallery: a modal dialog of cards (thumbnail, title, one sentence), the paper's story first
// and in order, then the other groups. A card opens its scenario and starts it. Opened from the header
// button or the "g" key; Esc, the close button or a click on the backdrop close it, and focus returns to
// where it was. Arrow keys move between cards. The cards (gallery/GalleryContent.tsx, with every preset's
// thumbnail) are a chunk of their own, loaded when the gallery first opens or the browser is idle.

import { useEffect, useRef, useState } from 'react';
import { isTextEntry } from './keyboard';
import { lazyPart } from './lazyPart';
import './gallery/gallery.css';

/** The dialog's head while the cards load (the title names the dialog at once). */
function GalleryLoading({ onClose }: GalleryContentProps) {
  return (
    <div className="gallery-head">
      <h2 id="gallery-title">Scenario gallery</h2>
      <p className="gallery-intro" aria-busy="true">
        Loading the gallery…
      </p>
      <button type="button" className="small gallery-close" aria-label="Close the gallery" onClick={onClose}>
        ✕ Close
      </button>
    </div>
  );
}

interface GalleryContentProps {
  onChosen: () => void;
  onClose: () => void;
}

const content = lazyPart<GalleryContentProps>(
  () => import('./gallery/GalleryContent').then((module) => module.GalleryContent),
  'the gallery',
  GalleryLoading,
);
const GalleryContent = content.Component;
/** Fetch the gallery's chunk before it is opened (idle time after start-up). */
export const preloadGallery = content.preload;

export function Gallery() {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  /** A card was chosen: focus goes to the plots it opened, not back to the gallery button. */
  const chosenRef = useRef(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'g' || event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return;
      if (dialogRef.current?.open) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => setOpen(false);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        data-testid="open-gallery"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-keyshortcuts="g"
        title="Scenario gallery (g)"
        onClick={() => setOpen(true)}
        onPointerEnter={() => void preloadGallery()}
        onFocus={() => void preloadGallery()}
      >
        ▦ Gallery
      </button>
      <dialog
        ref={dialogRef}
        className="gallery"
        data-testid="gallery"
        aria-labelledby="gallery-title"
        aria-modal="true"
        onClose={() => {
          // Esc (the dialog's own cancel) or close(): keep the state in step and give focus back.
          setOpen(false);
          const plots = chosenRef.current ? document.getElementById('plots') : null;
          chosenRef.current = false;
          const back = returnFocusRef.current;
          (plots ?? (back && back.isConnected ? back : buttonRef.current))?.focus();
        }}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog element itself.
          if (event.target === event.currentTarget) close();
        }}
      >
        <div className="gallery-body">
          {open ? (
            <GalleryContent
              onChosen={() => {
                chosenRef.current = true;
                close();
              }}
              onClose={close}
            />
          ) : null}
        </div>
      </dialog>
    </>
  );
}
