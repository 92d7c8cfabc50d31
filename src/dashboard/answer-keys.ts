// Which keys answer the selected modal, as the pane's hint line shows them.
import type { Modal } from '../classify/screen.js';

export function modalHint(modal: Modal): string {
  const keys = modal.options.map((o) => o.key).filter((k) => /^\d$/.test(k));
  const parts: string[] = [];
  if (keys.length > 0) parts.push(`${keys[0]}${keys.length > 1 ? `-${keys.at(-1)}` : ''} answer`);
  if (modal.options.some((o) => /^Yes\b/.test(o.label))) parts.push('y yes');
  if (modal.options.some((o) => /^No\b/.test(o.label))) parts.push('n no');
  return parts.join(' · ');
}
