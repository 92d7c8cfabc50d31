import { useEffect, useState } from 'react';

/** `now` rounded down to a multiple of `stepMs`: one instant every row's time labels are computed at. */
export const steppedNow = (stepMs: number, now = Date.now()): number => Math.floor(now / stepMs) * stepMs;

/**
 * The time in whole steps, checked every `checkMs`: the component re-renders once per step, at the
 * step's boundary, however many rows it labels. (Labels computed from each row's own time would
 * change at as many different moments as there are rows: a frame each, and each frame of a 100-row
 * roster costs tens of ms.)
 */
export function useSteppedNow(stepMs: number, checkMs = 1000): number {
  const [now, setNow] = useState(() => steppedNow(stepMs));
  useEffect(() => {
    const t = setInterval(() => setNow(steppedNow(stepMs)), checkMs);
    return () => clearInterval(t);
  }, [stepMs, checkMs]);
  return now;
}
