// The track worker in Node (worker_threads): the pool's unit test and benchmark run the same host as the
// browser's workers/track.worker.ts. Started with tsx (workers/nodeTrackEndpoint.ts).

import { parentPort } from 'node:worker_threads';
import { TrackHost } from './trackHost';
import type { ToTrackWorker } from './trackProtocol';

const port = parentPort!;
const host = new TrackHost((message, transfer) => port.postMessage(message, transfer));
port.on('message', (message: ToTrackWorker) => host.receive(message));
