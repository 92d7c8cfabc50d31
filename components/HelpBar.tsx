import { useDash, useDashDerived } from '../hooks/dashboard-context.js';
import { barItems, helpBarLine } from '../src/dashboard/help-bar.js';
import { Lines } from './Lines.js';

/** The keys that work right now in the scope open now, from the keymap, on one line; force is shown loudly while armed. */
export function HelpBar({ width }: { width: number }) {
  const items = useDashDerived(barItems);
  const force = useDash((s) => s.force);
  return <Lines lines={[helpBarLine(items, width, force)]} height={1} width={width} />;
}
