// "Copy embed code": the <iframe> snippet for the current scenario's focus plots (or approximation and
// loss), copied to the clipboard, or shown in a selected field when the clipboard is not available.

import { useState } from 'react';
import { useScenario } from '../../state/scenario';
import { usePresetTeaching } from '../plotCard/usePresetTeaching';
import { embedCode } from '../presentation/viewMode';

export function CopyEmbedCode() {
  const title = useScenario((s) => s.valid.title);
  const focus = usePresetTeaching().focus;
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    const code = embedCode(focus, title ?? 'Natural gradient descent with momentum');
    setShown(code);
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (clipboard && typeof clipboard.writeText === 'function') {
      clipboard.writeText(code).then(
        () => setCopied(true),
        () => setCopied(false),
      );
    }
  };
  return (
    <div className="copy-embed">
      <button type="button" data-testid="copy-embed" onClick={copy}>
        {copied ? '✓ Embed code copied' : 'Copy embed code'}
      </button>
      {shown !== null ? (
        <span className="copy-link-manual" role="status">
          <label>
            Embed code:{' '}
            <input
              type="text"
              readOnly
              value={shown}
              size={40}
              data-testid="embed-code"
              onFocus={(event) => event.currentTarget.select()}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setShown(null);
              }}
            />
          </label>
          <button type="button" className="small" aria-label="Close the embed code" onClick={() => setShown(null)}>
            ✕
          </button>
        </span>
      ) : null}
    </div>
  );
}
