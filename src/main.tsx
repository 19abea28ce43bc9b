// Entry point: open the link in the address bar (if any), spawn the run worker, render the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { openLinkFromLocation, syncLinkToLocation } from './state/link';
import { connectRunner, createRunner } from './state/runner';
import { spawnRunWorker } from './workerClient';
import { useView } from './state/view';
import { watchSummaries } from './ui/plotCard/summaries';
import { registerOffline } from './ui/offline';
import { openSweepFromLocation, syncSweepToLocation } from './state/sweepLink';
import './ui/styles.css';
import './ui/classroom.css';

openLinkFromLocation();
syncLinkToLocation();
openSweepFromLocation();
syncSweepToLocation();
if (window.matchMedia('(max-width: 900px)').matches) useView.getState().setControlsOpen(false);
connectRunner(createRunner(spawnRunWorker));
watchSummaries();
registerOffline();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
