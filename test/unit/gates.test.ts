import { describe, expect, it } from 'vitest';
import type { PeerState } from '../../src/classify/classify.js';
import { gate, slashTier, WRITE_VERBS, type WriteVerb } from '../../src/gates/gates.js';

const STATES: PeerState[] = ['idle', 'busy', 'drafting', 'modal', 'other'];

// The matrix, written out so a change to gates.ts has to change this table too.
const ALLOWED_WITHOUT_FORCE: Record<Exclude<WriteVerb, 'self'>, PeerState[]> = {
  send: ['idle'],
  ask: ['idle'],
  cmd: ['idle'],
  esc: ['idle', 'busy', 'modal', 'other'],
  answer: ['modal'],
};

describe('gate matrix', () => {
  for (const verb of WRITE_VERBS.filter((v): v is Exclude<WriteVerb, 'self'> => v !== 'self')) {
    for (const state of STATES) {
      const expected = ALLOWED_WITHOUT_FORCE[verb].includes(state);
      it(`${verb} on ${state}: ${expected ? 'allowed' : 'refused'}; --force always allows, marked forced`, () => {
        const plain = gate({ verb, classification: { state }, turnEnded: true, command: '/help' });
        expect(plain.allowed).toBe(expected);
        expect(plain.forced).toBe(false);
        expect(plain.reason).not.toBe('');
        const forced = gate({ verb, classification: { state }, turnEnded: true, command: '/help', force: true });
        expect(forced.allowed).toBe(true);
        expect(forced.forced).toBe(!expected);
      });
    }
  }

  it('send/ask/cmd on an idle peer whose last turn did not end with end_turn are refused', () => {
    for (const verb of ['send', 'ask', 'cmd'] as const) {
      expect(gate({ verb, classification: { state: 'idle' }, turnEnded: false, command: '/help' }).allowed).toBe(false);
    }
  });

  it('esc is refused on drafting because it would wipe the draft', () => {
    expect(gate({ verb: 'esc', classification: { state: 'drafting' } }).reason).toMatch(/wipe the draft/);
  });

  it('red-tier commands need --confirm, even with --force, and --force where the state refuses', () => {
    for (const cmd of ['/clear', '/exit', '/resume', '/reset', '/clear now']) {
      expect(gate({ verb: 'cmd', classification: { state: 'idle' }, turnEnded: true, command: cmd }).allowed).toBe(false);
      expect(gate({ verb: 'cmd', classification: { state: 'idle' }, turnEnded: true, command: cmd, force: true }).allowed).toBe(false);
      expect(gate({ verb: 'cmd', classification: { state: 'idle' }, turnEnded: true, command: cmd, confirm: true }).allowed).toBe(true);
      expect(gate({ verb: 'cmd', classification: { state: 'busy' }, command: cmd, confirm: true }).allowed).toBe(false);
      expect(gate({ verb: 'cmd', classification: { state: 'busy' }, command: cmd, confirm: true, force: true })).toMatchObject({
        allowed: true,
        forced: true,
      });
    }
  });

  it('slash tiers', () => {
    expect(['/clear', '/exit', '/resume', '/reset'].map(slashTier)).toEqual(['red', 'red', 'red', 'red']);
    expect(['/compact', '/loop 5m x', '/schedule'].map(slashTier)).toEqual(['yellow', 'yellow', 'yellow']);
    expect(['/help', '/cost', '/clearly'].map(slashTier)).toEqual(['green', 'green', 'green']);
  });

  it('self: hard allowlist, refused on draft or modal, never overridable', () => {
    for (const c of ['/context', '/compact', '/rename my-job', '/cost', '/context all']) {
      expect(gate({ verb: 'self', classification: { state: 'busy' }, command: c }).allowed, c).toBe(true);
    }
    for (const c of ['/clear', '/exit', '/model']) {
      expect(gate({ verb: 'self', classification: { state: 'idle' }, command: c, force: true, confirm: true }).allowed, c).toBe(false);
    }
    for (const state of ['drafting', 'modal'] as const) {
      expect(gate({ verb: 'self', classification: { state }, command: '/cost', force: true }).allowed).toBe(false);
    }
  });
});

describe('the whole matrix: verb × state × --force × --confirm', () => {
  // Written out independently of gates.ts: --confirm matters only for red-tier cmd.
  function expected(verb: Exclude<WriteVerb, 'self'>, state: PeerState, force: boolean, confirm: boolean, red: boolean) {
    const byState = ALLOWED_WITHOUT_FORCE[verb].includes(state);
    if (verb === 'cmd' && red && !confirm) return { allowed: false, forced: false };
    return { allowed: byState || force, forced: !byState && force };
  }
  for (const verb of ['send', 'ask', 'cmd', 'esc', 'answer'] as const) {
    for (const state of STATES) {
      for (const force of [false, true]) {
        for (const confirm of [false, true]) {
          for (const command of verb === 'cmd' ? ['/clear', '/compact', '/help'] : [undefined]) {
            const red = command === '/clear';
            it(`${verb}${command ? ` ${command}` : ''} on ${state}${force ? ' --force' : ''}${confirm ? ' --confirm' : ''}`, () => {
              const d = gate({ verb, classification: { state }, turnEnded: true, force, confirm, ...(command ? { command } : {}) });
              expect({ allowed: d.allowed, forced: d.forced }).toEqual(expected(verb, state, force, confirm, red));
            });
          }
        }
      }
    }
  }
});
