import { useDash } from '../hooks/dashboard-context.js';
import { barItems, helpBarLine } from '../src/dashboard/help-bar.js';
import { Lines } from './Lines.js';

/** The keys that work right now, from the keymap, on one line; force is shown loudly while armed. */
export function HelpBar({ width }: { width: number }) {
  const state = useDash((s) => s);
  return <Lines lines={[helpBarLine(barItems(state), width, state.force)]} height={1} width={width} />;
}
