import { useInput } from 'ink';
import { useState } from 'react';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { helpLines } from '../src/dashboard/help-screen.js';
import { update } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

/**
 * Every key, generated from the keymap, with why a disabled one is off right now. It takes
 * the roster's and pane's rows; ↑↓ scroll when it is longer than that, any other key closes it.
 */
export function HelpScreen({ height, width }: { height: number; width: number }) {
  const { store } = useDeps();
  const state = useDash((s) => s);
  const [top, setTop] = useState(0);
  const lines = helpLines(state, width);
  const max = Math.max(0, lines.length - (height - 1));
  useInput((input, key) => {
    if (key.downArrow || input === 'j') setTop((t) => Math.min(max, t + 1));
    else if (key.upArrow || input === 'k') setTop((t) => Math.max(0, t - 1));
    else update(store, { overlay: null });
  });
  const title = [{ text: 'keys', bold: true }, { text: `  ${max > 0 ? '↑↓ scroll · ' : ''}any other key closes this`, dim: true }];
  return <Lines lines={[title, ...lines.slice(top, top + height - 1)]} height={height} width={width} />;
}
