import { useEffect, useState } from 'react';

/**
 * The time, checked every `everyMs`, but a re-render happens only when `label(now)`
 * changes: a column of "17s ago" labels redraws once a second, a column of "-" never.
 */
export function useNow(everyMs: number, label: (now: number) => string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let shown = label(Date.now());
    const t = setInterval(() => {
      const at = Date.now();
      const next = label(at);
      if (next !== shown) {
        shown = next;
        setNow(at);
      }
    }, everyMs);
    return () => clearInterval(t);
  }, [everyMs, label]);
  return now;
}
