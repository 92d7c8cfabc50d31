import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { auditLogPath } from '../../actions/audit.js';
import { lockDir } from '../../actions/lock.js';
import { channelLine, channelReport } from '../../inbox/describe.js';
import { describeVersion, versionSupport } from '../../classify/versions.js';
import { EXIT } from '../../errors.js';
import { observePeers } from '../../peers/observe.js';
import { listPeers } from '../../session/peers.js';
import { stateLabel } from '../../classify/state-token.js';
import { tildePath } from '../../util/format.js';
import type { VerbSpec } from '../verb.js';

interface Check {
  ok: boolean | 'warn';
  what: string;
  detail: string;
}

function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export const doctor: VerbSpec = {
  name: 'doctor',
  summary: 'check tmux, the socket, every peer and how it was found; say what could not be resolved and why',
  usage: 'doctor',
  details: [
    'The first thing to run when something looks wrong: tmux and its version, which socket and why, each Claude',
    'peer with its process, config folder (and where that came from), sessions record, transcript and state,',
    'and whether the audit log and the lock folder can be written. Exit 1 when a check failed.',
  ],
  options: {},
  positionals: { min: 0, max: 0 },
  examples: ['claude-dm doctor', 'claude-dm doctor --json'],
  async run(ctx) {
    const checks: Check[] = [];
    const add = (ok: Check['ok'], what: string, detail: string) => checks.push({ ok, what, detail });
    const version = await ctx.tmux.runner.run('tmux', ['-V']).catch(() => null);
    if (!version || version.exitCode !== 0) add(false, 'tmux', 'not found on PATH: install it (apt-get install tmux)');
    else add(true, 'tmux', version.stdout.trim());
    add(true, 'socket', `${ctx.socket.path} (from ${ctx.socket.source})`);
    if (!existsSync(ctx.socket.path))
      add(false, 'server', `no socket file at ${ctx.socket.path}: is tmux running there? (--socket PATH / -L NAME)`);
    else if (!statSync(ctx.socket.path).isSocket()) add(false, 'server', `${ctx.socket.path} is not a socket`);
    let peers: Awaited<ReturnType<typeof listPeers>> = [];
    try {
      peers = await listPeers(ctx, true);
      add(true, 'server', `answers: ${peers.length} pane${peers.length === 1 ? '' : 's'}`);
    } catch (e) {
      add(false, 'server', (e as Error).message);
    }
    if (ctx.callerPane) add(true, 'you', `pane ${ctx.callerPane} on this socket`);
    else
      add(
        'warn',
        'you',
        ctx.env.TMUX
          ? 'inside tmux, but on another socket: self and your * mark need the same one'
          : 'not inside tmux: self is not available',
      );
    const claude = peers.filter((p) => p.claude);
    if (peers.length > 0 && claude.length === 0)
      add('warn', 'peers', 'no pane runs Claude Code (native claude, or node …/claude-code/cli.js)');
    for (const view of await observePeers(ctx.tmux, claude, 0).catch(() => [])) {
      const p = view.peer;
      const c = p.claude!;
      const where = `${p.pane.address} (${p.pane.paneId})`;
      add(true, where, `Claude Code pid ${c.pid}, config ${tildePath(c.configDir, ctx.home)} (from ${c.configFrom})`);
      if (c.configFrom !== 'CLAUDE_CONFIG_DIR' && c.configFrom !== 'HOME')
        add('warn', where, `could not read /proc/${c.pid}/environ (another user?): guessed the config folder`);
      if (p.session)
        add(
          true,
          where,
          `sessions/${c.pid}.json: session ${p.session.sessionId ?? '?'}, status ${p.session.status ?? '?'}, version ${p.session.version ?? '?'}`,
        );
      else add('warn', where, `no sessions/${c.pid}.json (older Claude Code?): state comes from the screen alone`);
      add(versionSupport(p.session?.version) === 'tested' ? true : 'warn', where, `Claude Code ${describeVersion(p.session?.version)}`);
      if (view.transcript) add(true, where, `transcript ${tildePath(view.transcript.path, ctx.home)} (found by ${view.transcript.how})`);
      else add('warn', where, 'no transcript found yet (created at the first prompt); peek, tail and wait need it');
      add(
        view.classification.state === 'other' ? 'warn' : true,
        where,
        `${stateLabel(view.classification)}: ${view.classification.reason}`,
      );
      const ch = channelReport(p, view.classification.state);
      add(ch.channel === null ? 'warn' : true, where, `send/ask channel: ${channelLine(ch)}`);
    }
    const audit = auditLogPath(ctx.env, ctx.home);
    add(
      writable(dirname(audit)) ? true : false,
      'audit log',
      `${tildePath(audit, ctx.home)}${writable(dirname(audit)) ? '' : ': cannot write there (set CLAUDE_DM_AUDIT_LOG)'}`,
    );
    const locks = lockDir(ctx.env, process.getuid?.() ?? 0);
    add(writable(locks) ? true : false, 'locks', `${locks}${writable(locks) ? '' : ': cannot write there (set XDG_RUNTIME_DIR)'}`);

    const failed = checks.some((c) => c.ok === false);
    if (ctx.json) ctx.io.out(JSON.stringify({ ok: !failed, checks }));
    else for (const c of checks) ctx.io.out(`${c.ok === true ? '✓' : c.ok === 'warn' ? '!' : '✗'} ${c.what}: ${c.detail}`);
    return failed ? EXIT.failure : EXIT.ok;
  },
};
