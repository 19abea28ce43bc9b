// The page: header, controls on the left (foldable on narrow screens), the status line and the plot grid
// on the right — or, by the link's query, presentation mode (loaded on demand) or an embed of some plots. Keyboard shortcuts
// are in keyboard.ts; a skip link leads to the plots; run status is announced in a polite live region.

import { Header } from './Header';
import { ControlPanel } from './ControlPanel';
import { StatusLine } from './StatusLine';
import { PlotsGrid } from './PlotsGrid';
import { RunAnnouncer } from './RunAnnouncer';
import { useKeyboardShortcuts } from './keyboard';
import { useViewMode } from './presentation/viewMode';
import { lazyPart } from './lazyPart';
import { EmbedView } from './embed/EmbedView';

/** Presentation mode (its story, layout and styles) is a chunk of its own, loaded when it is entered. */
const presentation = lazyPart<Record<string, never>>(
  () => import('./presentation/PresentationView').then((module) => module.PresentationView),
  'presentation mode',
  () => (
    <p className="note" aria-busy="true" style={{ padding: 24 }}>
      Loading presentation mode…
    </p>
  ),
);
const PresentationView = presentation.Component;

export function App() {
  useKeyboardShortcuts();
  const mode = useViewMode((s) => s.mode);
  if (mode === 'embed') {
    return (
      <>
        <EmbedView />
        <RunAnnouncer />
      </>
    );
  }
  if (mode === 'present') {
    return (
      <>
        <PresentationView />
        <RunAnnouncer />
      </>
    );
  }
  return (
    <div className="app">
      <a className="skip-link" href="#plots">
        Skip to the plots
      </a>
      <Header />
      <div className="app-body">
        <ControlPanel />
        <main className="plots-area" id="plots" tabIndex={-1} aria-label="Plots">
          <StatusLine />
          <PlotsGrid />
        </main>
      </div>
      <RunAnnouncer />
    </div>
  );
}
