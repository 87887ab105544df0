/**
 * A Chromium with no automation attached: its own process group and a fresh profile, headless,
 * opening one address, as a person's browser does. For what Playwright's connection changes:
 * it holds every frame and worker at its start (timings), and it reports a page as crashed when
 * only one of its out-of-process frames died, after which it refuses to touch the page. The page
 * says what it saw by posting to its server (a beacon), which resolves `report`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './browser';

/**
 * Opens `url` in a new Chromium, waits for `report` (or its exit, or the time-out), then ends it.
 * `onStart` gets the process group's id (the browser's pid), for a bench that reads its CPU.
 */
export async function runUnattendedChromium<T>(
  url: string,
  report: Promise<T>,
  timeoutMs: number,
  onStart?: (pgid: number) => void,
): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'unattended-chromium-'));
  const chromium = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ['--headless', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, url],
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise<void>((resolve) => chromium.once('exit', () => resolve()));
  if (chromium.pid !== undefined) onStart?.(chromium.pid);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      report,
      exited.then(() => Promise.reject(new Error('Chromium exited before the page reported'))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the page did not report within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // The whole group: the browser's renderer, GPU and utility processes too.
    try {
      process.kill(-chromium.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}
