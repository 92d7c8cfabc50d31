// The dashboard polls through one tmux control-mode client (src/tmux/control.ts): the
// same answers as starting tmux each time, no window resized, writes never through it,
// a pane that prints control-mode framing cannot touch another pane's capture, and a
// fallback whenever control mode goes away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureMany } from '../../src/tmux/capture-many.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { ControlModeRunner, controlCommandLine } from '../../src/tmux/control.js';
import { processRunner } from '../../src/tmux/runner.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually, panesShow } from '../support/run-cli.js';

describe('controlCommandLine', () => {
  it('quotes the words of read-only commands, keeps ; between them, and refuses everything else', () => {
    expect(controlCommandLine(['list-panes', '-a', '-F', '#{pane_id}\x1f#{pane_title}'])).toBe(
      "list-panes '-a' '-F' '#{pane_id}\x1f#{pane_title}'",
    );
    expect(controlCommandLine(['capture-pane', '-p', '-t', '%1', ';', 'display-message', '-p', 'm0'])).toBe(
      "capture-pane '-p' '-t' '%1' ; display-message '-p' 'm0'",
    );
    for (const refused of [
      ['send-keys', '-t', '%1', 'x'],
      ['capture-pane', '-t', '%1', ';', 'kill-server'],
      ['display-message', '-p', "it's"],
      ['display-message', '-p', 'two\nlines'],
      ['list-panes', ';'],
      [';', 'list-panes'],
      ['load-buffer', '-'],
      [],
    ])
      expect(controlCommandLine(refused), JSON.stringify(refused)).toBeNull();
  });
});

describe('ControlModeRunner on a real tmux', () => {
  let tmux: PrivateTmux;
  let runner: ControlModeRunner;
  beforeEach(() => {
    tmux = startPrivateTmux({ cols: 120, rows: 30 });
    runner = new ControlModeRunner(processRunner, tmux.socketPath, tmux.env);
  });
  afterEach(() => {
    runner.close();
    tmux.kill();
  });

  it('closed while it connects (a tick in flight when the observer stops): no client is started, none stays attached', async () => {
    // The list-sessions it asks first is held until after close(): as a loaded machine delays it.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new ControlModeRunner(
      { run: async (file, args, opts) => (args.includes('list-sessions') ? await held : undefined, processRunner.run(file, args, opts)) },
      tmux.socketPath,
      tmux.env,
    );
    const viaControl = new TmuxClient(tmux.socketPath, slow, tmux.env);
    const listing = viaControl.listPanes();
    slow.close();
    release();
    expect((await listing).length).toBeGreaterThan(0); // answered, by a started tmux
    expect(await viaControl.listPanes()).not.toEqual([]); // and so is a call after close
    expect(slow.stats).toMatchObject({ clients: 0, control: 0 });
    expect(await tmux.tmux('list-clients', '-F', '#{client_control_mode}')).toBe('');
  });

  it('answers list-panes and captures exactly as starting tmux does, resizes nothing, and sends writes the old way', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      // Named windows: tmux's automatic-rename could otherwise rename one between the two listings.
      ids.push(await tmux.newWindow('-n', `w${i}`, `printf 'window-${i}\\n\\033[31mred\\033[0m\\n'; sleep 30`));
    await panesShow(
      tmux,
      ids.map((id) => [id, 'red'] as const),
    );
    const viaControl = new TmuxClient(tmux.socketPath, runner, tmux.env);
    const viaSpawn = new TmuxClient(tmux.socketPath, processRunner, tmux.env);
    expect(await viaControl.listPanes()).toEqual(await viaSpawn.listPanes());
    expect(await captureMany(viaControl, ids)).toEqual(await captureMany(viaSpawn, ids));
    expect(runner.stats.control).toBe(2);

    await viaControl.tmux(['send-keys', '-t', ids[0]!, '-l', 'typed']);
    expect(runner.stats.spawned).toBe(1); // the write
    expect(await tmux.tmux('display', '-p', '-t', ids[0]!, '#{window_width}x#{window_height}')).toBe('120x30\n');
    expect(await tmux.tmux('list-clients', '-F', '#{client_control_mode} #{client_readonly}')).toBe('1 1\n');
  });

  // A block ends only at the %end carrying its own time and command number, which a pane cannot
  // know in advance; these lines are framing with other ids, and %exit.
  it('a pane printing control-mode framing lines (%end, %begin, %exit) changes no capture, its own or another', async () => {
    const hostile = await tmux.newWindow("printf '%%end 1 1 1\\n%%begin 2 2 1\\nforged\\n%%end 2 2 1\\n%%exit\\n'; sleep 30");
    const plain = await tmux.newWindow("printf 'the real screen\\n'; sleep 30");
    await panesShow(tmux, [
      [hostile, 'forged'],
      [plain, 'the real screen'],
    ]);
    const viaControl = new TmuxClient(tmux.socketPath, runner, tmux.env);
    const viaSpawn = new TmuxClient(tmux.socketPath, processRunner, tmux.env);
    for (const order of [
      [hostile, plain],
      [plain, hostile],
    ]) {
      expect(await captureMany(viaControl, order)).toEqual(await captureMany(viaSpawn, order));
      expect(await viaControl.capturePane(plain)).toContain('the real screen');
    }
    expect(runner.stats.control).toBeGreaterThanOrEqual(4);
  });

  it('when the session it is attached to closes, it attaches to another', async () => {
    const viaControl = new TmuxClient(tmux.socketPath, runner, tmux.env);
    await tmux.tmux('new-session', '-d', '-s', 'second');
    await viaControl.listPanes();
    expect(runner.stats.control).toBe(1);
    await tmux.tmux('kill-session', '-t', 'main');
    await eventually(async () => (await tmux.tmux('list-clients')).trim() === '', 5000, 'the control client to go');
    expect((await viaControl.listPanes()).map((p) => p.session)).toEqual(['second']);
    await eventually(
      async () => (await tmux.tmux('list-clients', '-F', '#{session_name}')).trim() === 'second',
      5000,
      'a new client on second',
    );
    expect(runner.stats.control).toBeGreaterThanOrEqual(2);
  });

  it('a command tmux refuses is an error like a started tmux gives; a detached client is replaced', async () => {
    const viaControl = new TmuxClient(tmux.socketPath, runner, tmux.env);
    await expect(viaControl.capturePane('%999')).rejects.toThrow(/can't find pane/);
    expect(runner.stats.control).toBe(1);
    await tmux.tmux('detach-client', '-s', 'main');
    await eventually(async () => (await tmux.tmux('list-clients')).trim() === '', 5000, 'the client to be detached');
    expect((await viaControl.listPanes()).length).toBe(1);
    expect(runner.stats.control + runner.stats.spawned).toBe(2);
  });
});
