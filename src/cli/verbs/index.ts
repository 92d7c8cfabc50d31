// The verb table: dispatch and help are generated from it.
import type { VerbSpec } from '../verb.js';
import { answer } from './answer.js';
import { ask } from './ask.js';
import { cmd } from './cmd.js';
import { doctor } from './doctor.js';
import { esc } from './esc.js';
import { hook } from './hook.js';
import { hooks } from './hooks.js';
import { installSkill } from './install-skill.js';
import { list } from './list.js';
import { peek } from './peek.js';
import { self } from './self.js';
import { serve } from './serve.js';
import { send } from './send.js';
import { spawn } from './spawn.js';
import { status } from './status.js';
import { tail } from './tail.js';
import { wait } from './wait.js';
import { watch } from './watch.js';

export const VERBS: readonly VerbSpec[] = [
  list,
  status,
  peek,
  tail,
  watch,
  wait,
  send,
  cmd,
  ask,
  esc,
  answer,
  self,
  spawn,
  installSkill,
  hooks,
  hook,
  doctor,
  serve,
];
