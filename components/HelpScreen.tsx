import { useDash, useDashDerived } from '../hooks/dashboard-context.js';
import { barItems } from '../src/dashboard/help-bar.js';
import { helpLines } from '../src/dashboard/help-screen.js';
import { KEYMAP } from '../src/dashboard/keymap/index.js';
import type { DashboardState } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

const scrollTop = (s: DashboardState): number => (s.overlay?.kind === 'help' ? s.overlay.top : 0);

/**
 * Every key, generated from the keymap, with why a disabled one is off right now. It takes the
 * roster's and pane's rows; its own keys (the keymap's help scope) scroll it and close it.
 */
export function HelpScreen({ height, width }: { height: number; width: number }) {
  const lines = useDashDerived((s) => helpLines(s, width, KEYMAP));
  const own = useDashDerived(barItems);
  const top = useDash(scrollTop);
  const scrolls = lines.length > height - 1;
  const title = [
    { text: 'keys', bold: true },
    {
      text: `  ${own
        .filter((i) => scrolls || i.label !== 'scroll')
        .map((i) => `${i.keys} ${i.label}`)
        .join(' · ')}`,
      dim: true,
    },
  ];
  return <Lines lines={[title, ...lines.slice(top, top + height - 1)]} height={height} width={width} />;
}
