// The top bar: title, preset gallery, copy-link, the panel toggle for narrow screens, and a link error.

import { useState } from 'react';
import { useScenario } from '../state/scenario';
import { useView } from '../state/view';
import { currentLink } from '../state/link';
import { countRender } from './renderCount';
import { PresetPicker } from './controls/PresetPicker';

function CopyLink() {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      data-testid="copy-link"
      onClick={() => {
        const link = currentLink();
        const done = (ok: boolean) => {
          setCopied(ok ? 'copied' : 'failed');
          setTimeout(() => setCopied('idle'), 2000);
        };
        if (navigator.clipboard) navigator.clipboard.writeText(link).then(() => done(true), () => done(false));
        else done(false);
      }}
    >
      {copied === 'copied' ? '✓ Link copied' : copied === 'failed' ? 'Copy failed: use the address bar' : 'Copy link'}
    </button>
  );
}

function LinkError() {
  const linkError = useScenario((s) => s.linkError);
  const setLinkError = useScenario((s) => s.setLinkError);
  if (!linkError) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="link-error">
      This link could not be opened: {linkError}. Showing the default scenario instead.
      <button type="button" className="small" onClick={() => setLinkError(null)}>
        Dismiss
      </button>
    </div>
  );
}

export function Header() {
  countRender('Header');
  const controlsOpen = useView((s) => s.controlsOpen);
  const setControlsOpen = useView((s) => s.setControlsOpen);
  return (
    <header className="app-header">
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
        <PresetPicker />
        <CopyLink />
      </div>
      <LinkError />
    </header>
  );
}
