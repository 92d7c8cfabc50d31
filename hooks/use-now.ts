import { useEffect, useRef, useState } from 'react';

/** `now` rounded down to a multiple of `stepMs`: one instant every row's time labels are computed at. */
export const steppedNow = (stepMs: number, now = Date.now()): number => Math.floor(now / stepMs) * stepMs;

/**
 * The time in whole steps, checked every `checkMs`: the component re-renders once per step, at the
 * step's boundary, however many rows it labels. (Labels computed from each row's own time would
 * change at as many different moments as there are rows: a frame each, and each frame of a 100-row
 * roster costs tens of ms.) With `labelsAt` (what the component shows at an instant, as one string),
 * a step that changes none of them is no render at all: a roster of peers quiet for minutes redraws
 * once a minute, not at every step. The instant kept then is older, and shows the same.
 */
export function useSteppedNow(stepMs: number, labelsAt?: (now: number) => string, checkMs = 1000): number {
  const [now, setNow] = useState(() => steppedNow(stepMs));
  // The labels of the last render, read when the clock checks.
  const labels = useRef(labelsAt);
  useEffect(() => {
    labels.current = labelsAt;
  });
  useEffect(() => {
    const t = setInterval(() => {
      const next = steppedNow(stepMs);
      const same = labels.current;
      setNow((held) => (held === next || (same !== undefined && same(held) === same(next)) ? held : next));
    }, checkMs);
    return () => clearInterval(t);
  }, [stepMs, checkMs]);
  return now;
}
