import { useEffect, useState } from 'react';

/**
 * The host's clock now: its last reported time, moved on by the wall time since it arrived, so
 * "in 7s" counts down between the host's updates. Fast-forwarding shows up as a jump. It ticks
 * only while `ticking` (its view is shown): a hidden tab re-rendering every second would take the
 * page's main thread from the host's control traffic for nothing.
 */
export function useHostNow(clock: { readonly now: number }, ticking = true, tickMs = 1000): number {
  const [wall, setWall] = useState(() => Date.now());
  const [anchor, setAnchor] = useState(() => ({ host: clock.now, wall: Date.now() }));
  if (anchor.host !== clock.now) setAnchor({ host: clock.now, wall: Date.now() });
  useEffect(() => {
    if (!ticking) return;
    // Shown again after a pause: catch up at once rather than a tick later.
    setWall(Date.now());
    const timer = setInterval(() => setWall(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [ticking, tickMs]);
  return anchor.host + Math.max(0, wall - anchor.wall);
}
