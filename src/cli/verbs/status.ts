import { readFileSync } from 'node:fs';
import { classifyPeer } from '../../classify/classify.js';
import { screenFromAnsi } from '../../classify/screen.js';
import { CliError, EXIT } from '../../errors.js';
import { gate, WRITE_VERBS, type GateDecision } from '../../gates/gates.js';
import { observePeers } from '../../peers/observe.js';
import { resolveTarget } from '../context.js';
import { formatElapsed, stateLabel, tildePath } from '../format.js';
import type { VerbSpec } from '../verb.js';
import { peerJson } from './list.js';

export const status: VerbSpec = {
  name: 'status',
  summary: 'state of one peer, why, and which write verbs its gates allow now',
  usage: 'status <target> | status --explain-file SCREEN.txt [--title T]',
  details: [
    'The reason names the rule that decided and its evidence (title glyph, input box, footer, spinner,',
    'sessions/<pid>.json). --explain-file classifies a saved screen (capture-pane -p, or -e with colours)',
    'without tmux, so UI drift can be reported with proof.',
  ],
  options: {
    'explain-file': { type: 'string', usage: '--explain-file FILE', description: 'classify a saved screen instead of a live pane' },
    title: { type: 'string', usage: '--title T', description: 'pane title for --explain-file (default "✳ Claude Code")' },
  },
  positionals: { min: 0, max: 1 },
  examples: ['claude-dm status main:1.0', 'tmux capture-pane -pe -t %3 > s.txt; claude-dm status --explain-file s.txt --title "✳ x"'],
  async run(ctx, pos, values) {
    const file = values['explain-file'];
    if (typeof file === 'string') {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const title = typeof values.title === 'string' ? values.title : '✳ Claude Code';
      const c = classifyPeer({ title, screen: screenFromAnsi(text) });
      if (ctx.json) ctx.io.out(JSON.stringify({ file, title, state: c.state, subtype: c.subtype ?? null, prompt: c.prompt ?? null, reason: c.reason, draft: c.draft ?? null }));
      else {
        ctx.io.out(`${stateLabel(c)}${c.prompt ? `  prompt: ${c.prompt}` : ''}`);
        ctx.io.out(`reason: ${c.reason}`);
        if (values.title === undefined) ctx.io.out('(title assumed "✳ Claude Code"; pass --title for the real one)');
      }
      return EXIT.ok;
    }
    const target = pos[0];
    if (!target) throw new CliError('usage: claude-dm status <target> (or --explain-file FILE)');
    const [view] = await observePeers(ctx.tmux, [await resolveTarget(ctx, target)], 1);
    const v = view!;
    const c = v.classification;
    const gates: Record<string, GateDecision> = {};
    for (const verb of WRITE_VERBS) {
      gates[verb] = gate({
        verb,
        classification: c,
        turnEnded: v.tail?.turnEnded ?? true,
        ...(verb === 'cmd' ? { command: '/help' } : verb === 'self' ? { command: '/context' } : {}),
        isSelf: v.peer.self,
      });
    }
    // Nothing types into a pane that is not a Claude peer.
    if (!v.peer.claude) for (const verb of WRITE_VERBS) gates[verb] = { allowed: false, forced: false, reason: 'not a Claude peer' };
    // `self` types only into the caller's own pane.
    if (!v.peer.self) gates.self = { allowed: false, forced: false, reason: 'self acts only on your own pane' };
    const now = Date.now();
    if (ctx.json) {
      ctx.io.out(JSON.stringify({
        ...peerJson(v, now),
        draft: c.draft ?? null,
        modal: c.modal ?? null,
        stop_reason: v.tail?.lastStopReason ?? null,
        turn_ended: v.tail?.turnEnded ?? null,
        session: v.peer.session,
        config_dir: v.peer.claude?.configDir ?? null,
        gates,
      }));
      return EXIT.ok;
    }
    const out = (k: string, val: string) => ctx.io.out(`${`${k}:`.padEnd(12)}${val}`);
    out('peer', `${v.peer.pane.address} (${v.peer.pane.paneId})${v.peer.self ? ' — your own pane' : ''}`);
    out('state', `${stateLabel(c)}${c.prompt ? `, prompt ${c.prompt}` : ''}`);
    out('reason', c.reason);
    out('title', v.peer.pane.title);
    out('cwd', tildePath(v.peer.cwd, ctx.home));
    if (v.peer.claude) out('process', `pid ${v.peer.claude.pid}, config ${tildePath(v.peer.claude.configDir, ctx.home)} (from ${v.peer.claude.configFrom})`);
    if (v.peer.session) out('session', `${v.peer.session.sessionId ?? '?'} status ${v.peer.session.status ?? '?'}${v.peer.session.waitingFor ? ` (${v.peer.session.waitingFor})` : ''}`);
    if (v.transcript) {
      out('transcript', `${tildePath(v.transcript.path, ctx.home)} (written ${formatElapsed(now - v.transcript.mtimeMs)} ago; last stop_reason ${v.tail?.lastStopReason ?? '-'})`);
    } else if (v.peer.claude) out('transcript', 'none yet (created at the first prompt)');
    if (c.draft !== undefined) out('draft', JSON.stringify(c.draft));
    if (c.modal) {
      out('modal', c.modal.lines.filter((l) => !/^\s*(❯\s*)?\d+\.\s/.test(l)).slice(0, 6).join(' | '));
      out('options', c.modal.options.map((o) => `${o.key}. ${o.label}`).join('  '));
    }
    ctx.io.out('gates:');
    for (const verb of WRITE_VERBS) {
      const g = gates[verb]!;
      ctx.io.out(`  ${verb.padEnd(7)} ${g.allowed ? 'allowed' : 'refused'}  ${g.reason}`);
    }
    return EXIT.ok;
  },
};

