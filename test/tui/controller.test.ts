// The controller's own refusals, before any tmux command: nothing is run, the notice says why.
import { describe, expect, it } from 'vitest';
import type { VerbContext } from '../../src/cli/context.js';
import { Controller, refusingActions } from '../../src/dashboard/controller.js';
import { createDashboardStore, setRows } from '../../src/dashboard/store.js';
import { row } from '../support/tui-harness.js';

function fakeCtx(callerPane: string | null, calls: string[][]): VerbContext {
  const tmux = { tmux: async (args: string[]) => (calls.push(args), '') };
  return { callerPane, socket: { path: '/tmp/s.sock', source: '--socket' }, tmux } as unknown as VerbContext;
}

describe('controller', () => {
  it('o outside tmux says why it cannot jump and how to get there, and runs nothing', async () => {
    const store = createDashboardStore('/tmp/s.sock');
    setRows(store, [row({ state: 'idle', paneId: '%7' })]);
    const calls: string[][] = [];
    await new Controller(fakeCtx(null, calls), store).jump();
    expect(store.getState().notice?.text).toBe('o jumps only when the dashboard runs inside a pane of /tmp/s.sock; to go there: tmux -S /tmp/s.sock attach -t %7');
    expect(calls).toEqual([]);
  });

  it('with a refused socket every action says why and nothing runs', async () => {
    const store = createDashboardStore('/x');
    const actions = refusingActions(store, 'no tmux server the dashboard may use');
    await actions.answer('1');
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'not done: no tmux server the dashboard may use' });
  });
});
