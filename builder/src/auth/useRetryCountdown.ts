import { useEffect, useState } from 'react';

function secondsUntil(untilMs: number | undefined): number {
  return untilMs === undefined ? 0 : Math.max(0, Math.ceil((untilMs - Date.now()) / 1000));
}

/** Seconds left until `untilMs` (a Date.now() timestamp), ticking every second; 0 once passed. */
export function useRetryCountdown(untilMs: number | undefined): number {
  const [left, setLeft] = useState(() => secondsUntil(untilMs));

  useEffect(() => {
    setLeft(secondsUntil(untilMs));
    if (untilMs === undefined) return;
    const timer = setInterval(() => {
      const next = secondsUntil(untilMs);
      setLeft(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [untilMs]);

  return left;
}
