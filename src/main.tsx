// Entry point: open the link in the address bar (if any), connect the runner to the run worker (spawned
// by index.html before this script even loaded: earlyWorker.ts), render the app. What loads when:
// docs/PERFORMANCE.md "Start-up".

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { openLinkFromLocation, syncLinkToLocation } from './state/link';
import { connectRunner, createRunner } from './state/runner';
import { takeEarlyRunWorker } from './earlyWorker';
import { useView } from './state/view';
import { watchSummaries } from './ui/plotCard/summaries';
import { registerOffline } from './ui/offline';
import { addressNamesSweep, loadSweepTools, useSweep } from './state/sweepStore';
import './ui/styles.css';
import './ui/classroom.css';

const linkOpened = openLinkFromLocation();
syncLinkToLocation();
// A sweep link loads the sweep's tools at once; other pages load them when a sweep is first opened.
if (addressNamesSweep(window.location.search)) {
  // Offline without them: the panel opens and says it could not load, with Retry.
  void loadSweepTools().then(
    (tools) => tools.openSweepFromLocation(),
    () => useSweep.setState({ open: true }),
  );
}
if (window.matchMedia('(max-width: 900px)').matches) useView.getState().setControlsOpen(false);
// The first run is the link's (a link with formulas opens once the parser is there): the default
// scenario is not started only to be replaced.
void linkOpened.then(() => connectRunner(createRunner(takeEarlyRunWorker)));
watchSummaries();
registerOffline();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The gallery's cards and the expression parser load on demand (the gallery button's hover or focus, a
// formula edit), never on their own while a race runs: evaluating the parser's chunk is a main-thread task
// of 100 ms or more, a dropped frame in the middle of a lecture.
