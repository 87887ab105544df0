import { useEffect, useState } from 'react';

/**
 * The host's clock now: its last reported time, moved on by the wall time since it arrived, so
 * "in 7s" counts down between the host's updates. Fast-forwarding shows up as a jump.
 */
export function useHostNow(clock: { readonly now: number }, tickMs = 1000): number {
  const [wall, setWall] = useState(() => Date.now());
  const [anchor, setAnchor] = useState(() => ({ host: clock.now, wall: Date.now() }));
  if (anchor.host !== clock.now) setAnchor({ host: clock.now, wall: Date.now() });
  useEffect(() => {
    const timer = setInterval(() => setWall(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return anchor.host + Math.max(0, wall - anchor.wall);
}
