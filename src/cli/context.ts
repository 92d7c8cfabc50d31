// What a verb needs: the engine's session plus the CLI's output and --json. Tests build their own.
import { openSession, type Session, type SessionDeps, type SessionFlags } from '../session/session.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export interface VerbContext extends Session {
  io: Io;
  json: boolean;
}

export interface ContextDeps extends SessionDeps {
  io: Io;
}

export function makeContext(flags: SessionFlags & { json?: boolean | undefined }, deps: ContextDeps): VerbContext {
  return { ...openSession(flags, deps), io: deps.io, json: flags.json ?? false };
}
