// Entry point: open the link in the address bar (if any), spawn the engine worker, render the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { openLinkFromLocation, syncLinkToLocation } from './state/link';
import { connectEngine, createEngine } from './state/engine';
import { createEngineWorker } from './workerClient';
import { useView } from './state/view';
import { watchTrackNotes } from './ui/trackNotes';
import { watchSummaries } from './ui/plotCard/summaries';
import { registerOffline } from './ui/offline';
import './ui/styles.css';
import './ui/classroom.css';

openLinkFromLocation();
syncLinkToLocation();
if (window.matchMedia('(max-width: 900px)').matches) useView.getState().setControlsOpen(false);
connectEngine(createEngine(createEngineWorker));
watchTrackNotes();
watchSummaries();
registerOffline();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
