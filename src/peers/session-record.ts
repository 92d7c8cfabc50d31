// Claude Code's sessions record (`~/.claude/sessions/<pid>.json`), as discovery reads it: one per running
// Claude Code, rewritten as it works. Its on-disk schema lives here, beside discovery, which finds and reads
// it; the classifier declares only the facts it reads of it (RecordFacts in src/classify/types.ts).

export interface SessionRecord {
  pid?: number;
  sessionId?: string;
  cwd?: string;
  status?: string;
  waitingFor?: string;
  version?: string;
  updatedAt?: number;
  /** 2.1.3xx: when `status` last changed (ms). */
  statusUpdatedAt?: number;
  name?: string;
  /** 2.1.3xx: the pane the peer runs in, `<session>:@<window id>.%<pane id>`. */
  tmux?: string;
  /** 2.1.3xx: the peer's inbox (a Unix socket). */
  messagingSocketPath?: string;
  procStart?: string;
}
