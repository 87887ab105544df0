/**
 * The sandbox iframe that the inline script at the top of the built page made (earlyFrameScript.ts),
 * before any of the page's modules had arrived: the entry adopts it (earlySandbox.ts).
 */
export const EARLY_FRAME_KEY = '__fchpEarlyFrame';

export interface EarlyFrame {
  readonly iframe: HTMLIFrameElement;
  /** Resolves when the iframe's program said it is ready (heard from the start). */
  readonly ready: Promise<void>;
}

/** The iframe the inline script made, once: undefined where it made none (dev server, tests). */
export function takeInlineFrame(win: object): EarlyFrame | undefined {
  const holder = win as Record<string, EarlyFrame | undefined>;
  const frame = holder[EARLY_FRAME_KEY];
  holder[EARLY_FRAME_KEY] = undefined;
  return frame;
}
