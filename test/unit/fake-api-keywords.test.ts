// The fake API's keywords for 2.1.3xx, on the request shapes the real binaries send: the environment block in
// `system` (2.1.197) or in a {role:"system"} message (2.1.332, seen in a captured request), tool calls that reach
// outside the working folder (asked in auto mode too), and the two-step edit and plan keywords.
import { describe, expect, it } from 'vitest';
import { planFileOf, planReply, workingDirOf } from '../../demo/fake-anthropic-api.js';

const ENV_BLOCK = (cwd: string) =>
  `# Environment\nYou have been invoked in the following environment: \n - Primary working directory: ${cwd}\n - Is a git repository: false\n`;

/** A 2.1.332 first turn: the user's words, then the environment as a system message (its last message). */
function request332(userText: string, extra: Array<Record<string, unknown>> = []) {
  return {
    model: 'claude-opus-5-5',
    stream: true,
    system: [{ type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." }],
    tools: [{ name: 'Bash' }],
    messages: [
      ...extra,
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\nAttribution…\n</system-reminder>' },
          { type: 'text', text: userText },
        ],
      },
      { role: 'system', content: [{ type: 'text', text: ENV_BLOCK('/h/peer/work') }] },
    ],
  };
}

/** A 2.1.197 turn: the environment block inside `system`. */
function request197(userText: string) {
  return {
    model: 'm',
    stream: true,
    system: [{ type: 'text', text: `You are Claude Code.\n${ENV_BLOCK('/h/old/work')}` }],
    tools: [{ name: 'Bash' }],
    messages: [{ role: 'user', content: userText }],
  };
}

let seq = 0;
const ids = () => `toolu_fake_1_${++seq}`;
const toolOf = (plan: ReturnType<typeof planReply>) => {
  if (plan.kind !== 'reply') throw new Error(`not a reply: ${JSON.stringify(plan)}`);
  const block = plan.reply.blocks[0]!;
  if (block.type !== 'tool_use') throw new Error(`not a tool call: ${JSON.stringify(block)}`);
  return block;
};

describe('the working folder', () => {
  it('is read from a {role:"system"} message (2.1.3xx) and from system (2.1.197)', () => {
    expect(workingDirOf(request332('hi'))).toBe('/h/peer/work');
    expect(workingDirOf(request197('hi'))).toBe('/h/old/work');
    expect(workingDirOf({ messages: [{ role: 'user', content: 'hi' }] })).toBeUndefined();
  });
});

describe('tool keywords reach outside the working folder', () => {
  it.each([
    ['please run bash now', 'Bash', { command: expect.stringMatching(/^touch \/h\/peer\/touched-\S+$/), description: 'Touch a file' }],
    ['please do write a file', 'Write', { file_path: expect.stringMatching(/^\/h\/peer\/new-\S+\.txt$/) }],
    ['please read a file', 'Read', { file_path: '/h/peer/hello.txt' }],
    ['please fetch a page', 'WebFetch', { url: 'https://example.com/' }],
  ])('%s → %s', (text, name, input) => {
    const call = toolOf(planReply(request332(text), ids));
    expect(call.name).toBe(name);
    expect(call.input).toMatchObject(input);
  });

  it('the same words on 2.1.197 use its working folder', () => {
    expect(toolOf(planReply(request197('please run bash now'), ids)).input.command).toMatch(/^touch \/h\/old\/touched-/);
  });

  it('the word: forms keep taking the rest of the line', () => {
    expect(toolOf(planReply(request332('fetch: https://a.example/x'), ids)).input).toMatchObject({ url: 'https://a.example/x' });
    expect(toolOf(planReply(request332('read: /etc/hostname'), ids)).input).toEqual({ file_path: '/etc/hostname' });
    expect(toolOf(planReply(request332('bash: ls -la'), ids)).input).toEqual({ command: 'ls -la', description: 'Run a command' });
  });

  it('words that are not keywords still echo', () => {
    const plan = planReply(request332('hello there, bashful reader'), ids);
    expect(plan).toMatchObject({ kind: 'reply', reply: { blocks: [{ type: 'text', chunks: ['ECHO: hello there, bashful reader'] }] } });
  });
});

describe('two-step keywords', () => {
  /** The request after the peer ran `first`: its tool_use in an assistant message, the result in a user one. */
  const after = (first: ReturnType<typeof toolOf>, result = 'ok') =>
    request332('', [
      { role: 'user', content: 'please edit a file' },
      { role: 'assistant', content: [first] },
    ])
      .messages.slice(0, 2)
      .concat([{ role: 'user', content: [{ type: 'tool_result', tool_use_id: first.id, content: result }] } as never]);

  it('edit reads hello.txt in the working folder, then edits it', () => {
    const read = toolOf(planReply(request332('please edit a file'), ids));
    expect(read).toMatchObject({ name: 'Read', input: { file_path: '/h/peer/work/hello.txt' } });
    const edit = toolOf(planReply({ messages: after(read) }, ids));
    expect(edit).toMatchObject({
      name: 'Edit',
      input: { file_path: '/h/peer/work/hello.txt', old_string: 'hello world', new_string: 'hello edited world' },
    });
  });

  it('edit outside works on the hello.txt beside the working folder', () => {
    expect(toolOf(planReply(request332('please edit outside a file'), ids)).input).toEqual({ file_path: '/h/peer/hello.txt' });
  });

  it('plan writes the plan file its plan-mode reminder names, then asks to exit plan mode', () => {
    const reminder = {
      role: 'system',
      content: [
        {
          type: 'text',
          text: 'Plan mode is active.\n## Plan File Info:\nNo plan file exists yet. You should create your plan at /h/peer/.claude/plans/please-do-plan-now-radiant-wren.md using the Write tool.',
        },
      ],
    };
    const body = request332('please do plan now');
    body.messages.push(reminder as never);
    expect(planFileOf(body)).toBe('/h/peer/.claude/plans/please-do-plan-now-radiant-wren.md');
    const write = toolOf(planReply(body, ids));
    expect(write).toMatchObject({ name: 'Write', input: { file_path: '/h/peer/.claude/plans/please-do-plan-now-radiant-wren.md' } });
    const exit = toolOf(planReply({ messages: after(write) }, ids));
    expect(exit).toMatchObject({
      name: 'ExitPlanMode',
      input: { planFilePath: '/h/peer/.claude/plans/please-do-plan-now-radiant-wren.md' },
    });
  });

  it('plan with no plan file named asks to exit plan mode at once', () => {
    expect(toolOf(planReply(request332('please do plan now'), ids)).name).toBe('ExitPlanMode');
  });

  it('a tool result of a one-step call, or a rejected first step, ends the turn', () => {
    const bash = toolOf(planReply(request332('please run bash now'), ids));
    expect(planReply({ messages: after(bash) }, ids)).toMatchObject({ reply: { blocks: [{ chunks: ['The command finished.'] }] } });
    const read = toolOf(planReply(request332('please edit a file'), ids));
    const rejected = after(read);
    (rejected[2] as { content: unknown[] }).content.push({ type: 'text', text: '[Request interrupted by user for tool use]' });
    expect(planReply({ messages: rejected }, ids)).toMatchObject({ reply: { blocks: [{ chunks: ['The command finished.'] }] } });
  });
});
