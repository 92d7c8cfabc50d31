import { describe, expect, it } from 'vitest';
import type { PeerRow } from '../../src/watch/peer-row.js';
import { countByState, filterRows, sortRows } from '../../src/dashboard/sort.js';
import { createDashboardStore, moveSelection, setRows, update } from '../../src/dashboard/store.js';
import { dispatchKey, KEYMAP, keymapConflicts } from '../../src/dashboard/keymap/index.js';
import { sameRow } from '../../src/dashboard/rows.js';
import { bashModalRow, RecordingActions, row } from '../support/tui-harness.js';

const rows = (): PeerRow[] => [
  row({ state: 'busy', address: 'b:1.0', session: 'b', windowIndex: 1 }),
  row({ state: 'idle', address: 'a:2.0', session: 'a', windowIndex: 2 }),
  row({ state: 'modal', address: 'c:1.0', session: 'c', windowIndex: 1 }),
  row({ state: 'idle', address: 'a:10.0', session: 'a', windowIndex: 10 }),
];

describe('sort and filter', () => {
  it('triage order is modal, drafting, idle, busy, other; stable by address within a group', () => {
    expect(sortRows(rows(), 'triage').map((r) => r.address)).toEqual(['c:1.0', 'a:2.0', 'a:10.0', 'b:1.0']);
    expect(sortRows(rows(), 'address').map((r) => r.address)).toEqual(['a:2.0', 'a:10.0', 'b:1.0', 'c:1.0']);
  });
  it('filters on address, title and cwd, case-insensitively', () => {
    const r = [
      row({ state: 'idle', title: '✳ Parser work' }),
      row({ state: 'idle', cwd: '/srv/WEB' }),
      row({ state: 'idle', address: 'zz:1.0' }),
    ];
    expect(filterRows(r, 'parser')).toHaveLength(1);
    expect(filterRows(r, 'web')).toHaveLength(1);
    expect(filterRows(r, 'zz:')).toHaveLength(1);
    expect(filterRows(r, '  ')).toHaveLength(3);
  });
  it('counts by state', () => {
    expect(countByState(rows())).toEqual({ modal: 1, drafting: 0, idle: 2, busy: 1, other: 0 });
  });
});

describe('store', () => {
  it('keeps the old object of an unchanged row and the old visible list when nothing moved', () => {
    const store = createDashboardStore('/s');
    const first = rows();
    setRows(store, first);
    const before = store.getState();
    setRows(
      store,
      first.map((r) => ({ ...r })),
    ); // equal values, new objects
    expect(store.getState()).toBe(before); // no update at all
    const changed = first.map((r) => (r.address === 'b:1.0' ? { ...r, state: 'idle' as const } : { ...r }));
    setRows(store, changed);
    const after = store.getState();
    expect(after.rows[first[1]!.paneId]).toBe(before.rows[first[1]!.paneId]);
    expect(after.rows[first[0]!.paneId]).not.toBe(before.rows[first[0]!.paneId]);
  });

  it('keeps the selection on its peer as rows re-sort, and moves it when the peer vanishes', () => {
    const store = createDashboardStore('/s');
    const r = rows();
    setRows(store, r);
    expect(store.getState().selected).toBe(r[2]!.paneId); // the modal sorts first
    moveSelection(store, 'last');
    expect(store.getState().selected).toBe(r[0]!.paneId);
    setRows(
      store,
      r.map((x) => (x === r[0] ? { ...x, state: 'modal' as const } : x)),
    );
    expect(store.getState().selected).toBe(r[0]!.paneId);
    setRows(store, r.slice(1));
    expect(store.getState().selected).toBe(store.getState().visible[0]);
    update(store, { filter: 'nothing matches' });
    expect(store.getState().selected).toBeNull();
  });
});

describe('sameRow', () => {
  it('equal by value, nested parts (a modal) by their content; any field that differs makes them differ', () => {
    const a = bashModalRow({ address: 'main:1.0' });
    expect(sameRow(a, structuredClone(a))).toBe(true);
    expect(sameRow(a, { ...a, lastWriteAt: (a.lastWriteAt ?? 0) + 1 })).toBe(false);
    expect(sameRow(a, { ...a, modal: { ...a.modal!, options: a.modal!.options.slice(1) } })).toBe(false);
    expect(sameRow(a, { ...a, modal: null })).toBe(false);
    const { draft: _, ...fewer } = a;
    expect(sameRow(a, fewer as PeerRow)).toBe(false);
    expect(sameRow(row({ state: 'idle' }), row({ state: 'busy' }))).toBe(false);
  });
});

describe('keymap dispatch', () => {
  it('runs an enabled binding and reports why a disabled one did not run', () => {
    const store = createDashboardStore('/s');
    setRows(store, [row({ state: 'busy', address: 'x:1.0' })]);
    const actions = new RecordingActions();
    const env = { store, controller: actions, quit: () => undefined };
    expect(dispatchKey(env, '2', {})).toMatchObject({ ran: 'x:1.0 is busy, not on a modal' });
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'answer: x:1.0 is busy, not on a modal' });
    expect(dispatchKey(env, 'e', {})).toMatchObject({ ran: true });
    expect(actions.calls).toEqual([['esc']]);
    expect(dispatchKey(env, 'Z', {})).toBeNull();
  });

  it('no two bindings of one scope claim the same key, and none hides behind a catch-all', () => {
    expect(keymapConflicts(KEYMAP)).toEqual([]);
    const take = (id: string) => KEYMAP.find((b) => b.id === id)!;
    // A roster binding on a key another roster binding has, one on Ctrl-C (everywhere's), one after the compose box's text.
    const broken = [
      ...KEYMAP,
      { ...take('sort'), id: 'sort-again', keys: [{ key: 'g' }] },
      { ...take('sort'), id: 'ctrl-c-too', keys: [{ key: 'c', ctrl: true }] },
      { ...take('compose-cancel'), id: 'late-x', keys: [{ key: 'x' }] },
    ];
    expect(keymapConflicts(broken)).toEqual([
      'roster: g is claimed by first and sort-again',
      'roster: C-c is claimed by interrupt and ctrl-c-too',
      'compose: late-x comes after a catch-all (text) and never runs for x',
    ]);
  });
});
