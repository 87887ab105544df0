/**
 * Page open as a person's browser does it: a Chromium process of its own, with no automation
 * attached. Playwright's connection attaches a debugger to every frame and worker and holds each
 * at its start until the bench's process lets it go; on this 2-core machine those round trips
 * cost the in-page engine (a sandbox frame and two workers) 100-200 ms that no reader pays.
 *
 * Each run starts Chromium headless with a fresh profile (no cache) on a launcher page of
 * another site (`localhost`), which waits for the browser's own start-up to settle and then
 * follows a link to the playground (`127.0.0.1`): a new renderer process, as for a reader who
 * comes from a docs page. The server adds a script to the playground's HTML that notes, on the
 * page's clock, when Send is first enabled (and clicks it) and when the first exchange is shown,
 * and posts the two figures back.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  beaconRoute,
  startStaticServer,
  type ExtraRoute,
  type StaticServer,
} from '../../tests/browser/support/staticServer';
import { runUnattendedChromium } from '../../tests/browser/support/unattendedChromium';
import { pageMarksScript } from './pageMarks';
import { cpuBetween, groupCpu, type CpuUse, type ProcessCpu } from './processCpu';

export interface OpenMarks {
  /** Page clock, ms from navigation start. */
  readonly sendEnabled: number;
  readonly exchangeShown: number;
}

const MARKS_PATH = '/__bench/marks';
const LAUNCH_PATH = '/__bench/launch';
const RUN_TIMEOUT_MS = 30_000;

/** Runs first in the page's head: the marks, then a beacon with them. */
const MARKS_SCRIPT = `<script>${pageMarksScript(
  `navigator.sendBeacon(${JSON.stringify(MARKS_PATH)}, JSON.stringify(marks));`,
)}</script>`;

/** A page open with what the whole browser used of the machine meanwhile (Linux only). */
export interface PlainOpen extends OpenMarks {
  readonly cpu?: CpuUse & {
    /** From the playground's HTML being asked for to the marks arriving, on the bench's clock. */
    readonly windowMs: number;
  };
}

export interface PlainChromiumSite {
  /** One page open, start to first exchange. */
  open(): Promise<PlainOpen>;
  close(): Promise<void>;
}

/** Another page to open in place of the build's own index.html, with the routes it needs. */
export interface PlainPage {
  readonly html: string;
  readonly routes: Record<string, ExtraRoute>;
}

/**
 * Serves `dist` for page opens in a plain Chromium; `settleMs` is the launcher's wait. The page
 * opened is the build's index.html, or `page` (which the marks time alike).
 */
export async function plainChromiumSite(
  dist: string,
  settleMs: number,
  page?: PlainPage,
): Promise<PlainChromiumSite> {
  const html = (page?.html ?? readFileSync(join(dist, 'index.html'), 'utf8')).replace(
    '<head>',
    `<head>${MARKS_SCRIPT}`,
  );
  let onMarks: ((marks: PlainOpen) => void) | undefined;
  let port = 0;
  /** The browser's process group, and its CPU when the navigation to the playground began. */
  let pgid = 0;
  let opened: { at: number; cpu: Map<number, ProcessCpu> } | undefined;
  const servePage = (_request: IncomingMessage, response: ServerResponse) => {
    opened = { at: performance.now(), cpu: groupCpu(pgid) };
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  };
  const server: StaticServer = await startStaticServer(dist, {
    ...page?.routes,
    '/': servePage,
    '/index.html': servePage,
    [LAUNCH_PATH]: (_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><title>launcher</title><script>setTimeout(() => location.assign('http://127.0.0.1:${port}/'), ${settleMs});</script>`,
      );
    },
    [MARKS_PATH]: beaconRoute((marks: OpenMarks) => {
      const cpu = opened && cpuBetween(opened.cpu, groupCpu(pgid));
      const windowMs = opened ? performance.now() - opened.at : 0;
      onMarks?.(cpu && opened!.cpu.size > 0 ? { ...marks, cpu: { ...cpu, windowMs } } : marks);
    }),
  });
  port = Number(new URL(server.url).port);

  return {
    async open() {
      const marks = new Promise<PlainOpen>((resolve) => (onMarks = resolve));
      opened = undefined;
      try {
        return await runUnattendedChromium(
          `http://localhost:${port}${LAUNCH_PATH}`,
          marks,
          RUN_TIMEOUT_MS,
          (group) => (pgid = group),
        );
      } finally {
        onMarks = undefined;
      }
    },
    close: () => server.close(),
  };
}
