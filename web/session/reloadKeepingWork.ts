/** The part of `window.location` a reload needs. */
export interface ReloadableLocation {
  readonly href: string;
  replace(url: string): void;
  reload(): void;
}

/**
 * Retrying a failed boot. The library keeps its first boot attempt at module level, and a second
 * boot() waits on it, so a boot that hung cannot be retried in the same page: retrying means
 * reloading it. To keep the person's edits, the page reloads at an address that carries them
 * (a share link, from `link`); when there is none, or making it fails, it reloads as it is.
 */
export async function reloadKeepingWork(
  link: (() => Promise<string>) | undefined,
  location: ReloadableLocation,
): Promise<void> {
  const here = location.href;
  const target = link ? await link().catch(() => here) : here;
  if (target !== here) {
    // replace(), not assign(): Back should not return to the failed page.
    location.replace(target);
    // A change of the hash alone navigates within the page, without loading it again.
    if (withoutHash(target) !== withoutHash(here)) return;
  }
  location.reload();
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
