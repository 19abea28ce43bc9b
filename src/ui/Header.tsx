// The top bar: title, preset gallery and picker, copy-link, the panel toggle for narrow screens, and the
// banner of a link that could not be opened (every reason, dismissible).

import { useRef, useState } from 'react';
import { useScenario } from '../state/scenario';
import { useView } from '../state/view';
import { currentLink } from '../state/link';
import { countRender } from './renderCount';
import { PresetPicker } from './controls/PresetPicker';
import { Gallery } from './Gallery';
import { restorePreset, useModified } from './presetStatus';
import { setPresenting } from './presentation/viewMode';
import { CopyEmbedCode } from './embed/CopyEmbedCode';
import './header.css';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * Copies the address of the current scenario. Without a usable clipboard API (insecure origin, denied
 * permission) it shows the link in a selected text field, ready for Ctrl+C.
 */
function CopyLink() {
  const [state, setState] = useState<CopyState>('idle');
  const [link, setLink] = useState('');
  const fieldRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const showManual = (text: string) => {
    setLink(text);
    setState('manual');
    // After React rendered the field: select it, and try the legacy copy command on the selection.
    requestAnimationFrame(() => {
      const field = fieldRef.current;
      if (!field) return;
      field.focus();
      field.select();
      try {
        document.execCommand('copy');
      } catch {
        // The selection is there for the user to copy.
      }
    });
  };

  const copy = () => {
    const text = currentLink();
    if (timer.current) clearTimeout(timer.current);
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard || typeof clipboard.writeText !== 'function') {
      showManual(text);
      return;
    }
    clipboard.writeText(text).then(
      () => {
        setLink(text);
        setState('copied');
        timer.current = setTimeout(() => setState('idle'), 2000);
      },
      () => showManual(text),
    );
  };

  return (
    <div className="copy-link">
      <button type="button" data-testid="copy-link" data-state={state} onClick={copy}>
        {state === 'copied' ? '✓ Link copied' : 'Copy link'}
      </button>
      {state === 'manual' ? (
        <span className="copy-link-manual" role="status">
          <label htmlFor="copy-link-field">Copy this link (Ctrl+C):</label>{' '}
          <input
            id="copy-link-field"
            ref={fieldRef}
            data-testid="copy-link-field"
            type="text"
            readOnly
            value={link}
            size={40}
            onFocus={(event) => event.currentTarget.select()}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setState('idle');
            }}
          />
          <button type="button" className="small" aria-label="Close the link field" onClick={() => setState('idle')}>
            ✕
          </button>
        </span>
      ) : null}
    </div>
  );
}

function LinkErrors() {
  const linkErrors = useScenario((s) => s.linkErrors);
  const setLinkErrors = useScenario((s) => s.setLinkErrors);
  if (!linkErrors) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="link-error">
      <p className="banner-title">
        This link could not be opened ({linkErrors.length} {linkErrors.length === 1 ? 'problem' : 'problems'}); showing
        the default scenario instead:
      </p>
      <ul className="banner-list" data-testid="link-error-list">
        {linkErrors.map((message, i) => (
          <li key={i}>{message}</li>
        ))}
      </ul>
      <button type="button" className="small" data-testid="link-error-dismiss" onClick={() => setLinkErrors(null)}>
        Dismiss
      </button>
    </div>
  );
}

export function Header() {
  countRender('Header');
  const controlsOpen = useView((s) => s.controlsOpen);
  const setControlsOpen = useView((s) => s.setControlsOpen);
  const modified = useModified();
  return (
    <header className={`app-header${modified ? ' header-modified' : ''}`}>
      <div className="header-row">
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={controlsOpen}
          aria-controls="control-panel"
          onClick={() => setControlsOpen(!controlsOpen)}
        >
          {controlsOpen ? '◀ Hide controls' : '☰ Controls'}
        </button>
        <h1>Natural gradient descent with momentum</h1>
        <Gallery />
        <PresetPicker />
        {/* Placed over the header's free corner (no layout), so an edit does not move the page under the pointer. */}
        {modified ? (
          <span className="modified" data-testid="modified">
            (modified){' '}
            <button type="button" className="small" data-testid="restore-preset" onClick={restorePreset}>
              Restore preset
            </button>
          </span>
        ) : null}
        <button
          type="button"
          data-testid="present"
          aria-keyshortcuts="p"
          title="Presentation mode (p)"
          onClick={() => setPresenting(true)}
        >
          ▭ Present
        </button>
        <CopyLink />
        <CopyEmbedCode />
      </div>
      <LinkErrors />
    </header>
  );
}
