// A track worker of the run worker's pool (workers/trackPool.ts): it steps a share of a race's tracks.

import { TrackHost } from './trackHost';
import type { ToTrackWorker } from './trackProtocol';

/** The worker's own postMessage (the DOM typings describe a window's). */
const scope = self as unknown as { postMessage(message: unknown, transfer: ArrayBuffer[]): void };
const host = new TrackHost((message, transfer) => scope.postMessage(message, transfer));
addEventListener('message', (event: MessageEvent<ToTrackWorker>) => host.receive(event.data));
