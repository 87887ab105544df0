/**
 * The host worker's entry (built to build/inpage/host-worker.js, a classic worker script): the
 * Functions host on the in-page platform, its control channel on the page's port.
 */
import { serveHostWorker } from './hostWorkerRuntime';
import { startControlledHost } from '../host/controlledHost';

serveHostWorker(self as unknown as Parameters<typeof serveHostWorker>[0], startControlledHost);
