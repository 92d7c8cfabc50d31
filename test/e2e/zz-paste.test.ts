import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import { it } from 'vitest';
import { startRealPeers } from '../support/real-peers.js';
import { findInputBox, screenFromAnsi } from '../../src/classify/screen.js';
const cases: Record<string, string> = {
  short: 'hello there',
  quotes: `it's "quoted" $HOME \\back\\slash\ttab é 😀 中文`,
  threeLines: 'line one\nline two\nline three',
  thirtyLines: Array.from({ length: 30 }, (_, i) => `row ${i}`).join('\n'),
  longOne: 'x'.repeat(200) + ' ' + 'y'.repeat(200) + ' end',
  veryLong: 'w'.repeat(5000),
  slash: '/clear',
};
it('paste shapes', async () => {
  const h = await startRealPeers();
  try {
    const p = await h.start('p');
    for (const [name, text] of Object.entries(cases)) {

      await new Promise<void>((res, rej) => {
        const c = require('node:child_process').spawn('tmux', ['-S', h.tmux.socketPath, 'load-buffer', '-b', 'probe', '-'], { env: h.tmux.env });
        c.stdin.end(text); c.on('close', (code: number) => code ? rej(new Error('load')) : res());
      }).catch(() => undefined);
      await h.tmux.tmux('paste-buffer', '-p', '-d', '-b', 'probe', '-t', p.paneId);
      await new Promise((r) => setTimeout(r, 700));
      const ansi = await h.tmux.tmux('capture-pane', '-p', '-e', '-t', p.paneId);
      const scr = screenFromAnsi(ansi);
      const box = findInputBox(scr);
      const rows = box ? scr.plain.slice(box.promptRow, (box.bottomRuleRow ?? box.promptRow + 1) + 2) : scr.plain.slice(-12);
      console.log(`=== ${name}\nDRAFT=${JSON.stringify(box?.draft)}\n${rows.join('\n')}`);
      await h.press(p, 'C-u'); await new Promise((r) => setTimeout(r, 150)); await h.press(p, 'C-u');
      await new Promise((r) => setTimeout(r, 400));
    }
  } finally { await h.close(); }
}, 90000);
