import { readFileSync } from 'node:fs';
import { answerKeyTable, type AnswerKeyRow } from '../../actions/answer.js';
import { classifyPeer } from '../../classify/classify.js';
import type { SessionRecord } from '../../peers/session-record.js';
import { promptRef } from '../../classify/prompt-id.js';
import { readPending, requestFacts, requestOnScreen } from '../../hook/on-screen.js';
import { describeVersion, TESTED_VERSIONS } from '../../classify/versions.js';
import { screenFromAnsi } from '../../classify/screen.js';
import { DmError, EXIT } from '../../errors.js';
import { channelLine, channelReport } from '../../inbox/describe.js';
import { gate, WRITE_VERBS, type GateDecision } from '../../gates/gates.js';
import { observePeers } from '../../peers/observe.js';
import { resolveTarget } from '../../session/peers.js';
import { stateLabel } from '../../classify/state-token.js';
import { formatElapsed, tildePath } from '../../util/format.js';
import { visibleText } from '../../util/visible.js';
import type { VerbSpec } from '../verb.js';
import { peerJson } from './list.js';

/** `answer` keys and what each picks now: `  y  → Yes`, `  3  → Yes, and switch to auto mode (needs --confirm)`. */
function printKeys(out: (line: string) => void, keys: AnswerKeyRow[]): void {
  out('answer keys:');
  for (const k of keys) {
    out(
      `  ${k.key.padEnd(3)} ${k.option === null ? `refused: ${k.refused ?? ''}` : `→ ${k.option}${k.needsConfirm ? ' (widens permissions: needs --confirm)' : ''}`}`,
    );
  }
}

function readSessionFile(path: string): SessionRecord {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new Error('not a JSON object');
    // A capture of the catalogues ({title, sessions, …}) carries the record inside it.
    const inner =
      (record as { sessions?: unknown; sessionsJson?: unknown }).sessions ?? (record as { sessionsJson?: unknown }).sessionsJson;
    return (typeof inner === 'object' && inner !== null ? inner : record) as SessionRecord;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new DmError(`cannot read the sessions record ${path}: ${why} (give the peer's sessions/<pid>.json)`);
  }
}

export const status: VerbSpec = {
  name: 'status',
  summary: 'state of one peer, why, and which write verbs its gates allow now',
  usage: 'status <target> | status --explain-file SCREEN.txt [--title T] [--sessions RECORD.json]',
  details: [
    'The reason names the rule that decided and its evidence (title glyph, input box, footer, spinner,',
    'sessions/<pid>.json). On a modal it lists what each answer key would pick (y, n, a, each digit) and',
    'which need --confirm, and the prompt id that answer --prompt takes (--json: prompt_id). It shows the',
    `peer's Claude Code version and says "newer than tested" past the tested range (${TESTED_VERSIONS.oldest} to`,
    `${TESTED_VERSIONS.newest}). --explain-file classifies a saved screen (capture-pane -p, or -e with colours)`,
    "without tmux, with the peer's sessions record if given, so UI drift can be reported with proof.",
  ],
  options: {
    'explain-file': { type: 'string', usage: '--explain-file FILE', description: 'classify a saved screen instead of a live pane' },
    title: { type: 'string', usage: '--title T', description: 'pane title for --explain-file (default "✳ Claude Code")' },
    sessions: { type: 'string', usage: '--sessions FILE', description: "the peer's sessions/<pid>.json for --explain-file" },
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
        throw new DmError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const title = typeof values.title === 'string' ? values.title : '✳ Claude Code';
      const session = typeof values.sessions === 'string' ? readSessionFile(values.sessions) : null;
      const c = classifyPeer({ title, screen: screenFromAnsi(text), session });
      const keys = c.state === 'modal' ? answerKeyTable(c) : null;
      if (ctx.json) {
        ctx.io.out(
          JSON.stringify({
            file,
            title,
            state: c.state,
            subtype: c.subtype ?? null,
            prompt: c.prompt ?? null,
            reason: c.reason,
            draft: c.draft ?? null,
            answer_keys: keys,
          }),
        );
      } else {
        ctx.io.out(`${stateLabel(c)}${c.prompt ? `  prompt: ${c.prompt}` : ''}`);
        ctx.io.out(`reason: ${c.reason}`);
        if (keys) printKeys(ctx.io.out, keys);
        if (values.title === undefined) ctx.io.out('(title assumed "✳ Claude Code"; pass --title for the real one)');
      }
      return EXIT.ok;
    }
    const target = pos[0];
    if (!target) throw new DmError('usage: claude-dm status <target> (or --explain-file FILE)');
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
    const request = requestOnScreen(readPending(ctx).requests, v);
    if (ctx.json) {
      ctx.io.out(
        JSON.stringify({
          ...peerJson(v, now, '', request ? requestFacts(request) : null),
          version_note: describeVersion(v.peer.session?.version),
          draft: c.draft ?? null,
          answer_keys: c.state === 'modal' ? answerKeyTable(c) : null,
          modal: c.modal ?? null,
          stop_reason: v.tail?.lastStopReason ?? null,
          turn_ended: v.tail?.turnEnded ?? null,
          session: v.peer.session,
          config_dir: v.peer.claude?.configDir ?? null,
          gates,
          ...(v.peer.claude ? { channel: channelReport(v.peer, c.state) } : {}),
        }),
      );
      return EXIT.ok;
    }
    // One line a field, whatever the title, the screen or the sessions record hold.
    const out = (k: string, val: string) => ctx.io.out(`${`${k}:`.padEnd(12)}${visibleText(val, { newlines: 'show' })}`);
    out('peer', `${v.peer.pane.address} (${v.peer.pane.paneId})${v.peer.self ? ' — your own pane' : ''}`);
    out('state', `${stateLabel(c)}${c.prompt ? `, prompt ${c.prompt}` : ''}`);
    out('reason', c.reason);
    out('title', v.peer.pane.title);
    if (v.peer.claude) out('version', `Claude Code ${describeVersion(v.peer.session?.version)}`);
    out('cwd', tildePath(v.peer.cwd, ctx.home));
    if (v.peer.claude)
      out('process', `pid ${v.peer.claude.pid}, config ${tildePath(v.peer.claude.configDir, ctx.home)} (from ${v.peer.claude.configFrom})`);
    if (v.peer.session)
      out(
        'session',
        `${v.peer.session.sessionId ?? '?'} status ${v.peer.session.status ?? '?'}${v.peer.session.waitingFor ? ` (${v.peer.session.waitingFor})` : ''}`,
      );
    if (v.transcript) {
      out(
        'transcript',
        `${tildePath(v.transcript.path, ctx.home)} (written ${formatElapsed(now - v.transcript.mtimeMs)} ago; last stop_reason ${v.tail?.lastStopReason ?? '-'})`,
      );
    } else if (v.peer.claude) out('transcript', 'none yet (created at the first prompt)');
    if (c.draft !== undefined) out('draft', JSON.stringify(c.draft));
    if (c.modal) {
      out(
        'modal',
        c.modal.lines
          // Option lines and 2.1.332's dashed separators (╌╌╌) say nothing about what is asked.
          .filter((l) => !/^\s*(❯\s*)?\d+\.\s/.test(l) && !/^[╌─]+$/u.test(l))
          .slice(0, 6)
          .join(' | '),
      );
      out(
        'options',
        c.modal.options
          .map((o) => (c.modal!.style === 'numbered' ? `${o.key}. ${o.label}` : `${o.selected ? '❯ ' : ''}${o.label}`))
          .join('  '),
      );
    }
    if (c.state === 'modal') {
      out(
        'prompt id',
        request?.id ?? promptRef(v.peer.pane.paneId, c, v.peer.session)?.id ?? 'not yet (the prompt is opening: its sessions record lags)',
      );
      if (request)
        out(
          'request',
          `${request.id} in claude-dm's hook: y, n and a answer it as a decision, no keys (${request.tool} ${JSON.stringify(request.input)})`,
        );
      printKeys(ctx.io.out, answerKeyTable(c));
    }
    if (v.peer.claude) out('channel', channelLine(channelReport(v.peer, c.state)));
    ctx.io.out('gates:');
    for (const verb of WRITE_VERBS) {
      const g = gates[verb]!;
      ctx.io.out(`  ${verb.padEnd(7)} ${g.allowed ? 'allowed' : 'refused'}  ${g.reason}`);
    }
    return EXIT.ok;
  },
};
