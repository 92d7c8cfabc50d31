import { describe, expect, it } from 'vitest';
import { classifyPeer } from '../../src/classify/classify.js';
import { screenFromAnsi } from '../../src/classify/screen.js';
import { stripAnsi } from '../../src/classify/ansi.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENS_DIR, captureNames, loadCapture } from '../support/fixtures.js';

const names = captureNames();

describe('classifier on every real 2.1.197 capture', () => {
  it('has a capture for every label', () => {
    const labels = Object.keys(JSON.parse(readFileSync(join(SCREENS_DIR, 'labels.json'), 'utf8')) as object);
    expect(names).toEqual(labels.sort());
  });

  for (const name of names) {
    it(`${name} → labelled state`, () => {
      const c = loadCapture(name);
      const result = classifyPeer({ title: c.title, screen: c.screen, session: c.session });
      expect({ state: result.state, subtype: result.subtype }, result.reason).toEqual({
        state: c.label.state,
        subtype: c.label.subtype,
      });
      if (c.label.prompt) expect(result.prompt).toBe(c.label.prompt);
      expect(result.reason).toMatch(/^rule /);
    });

    it(`${name} → same state from the screen alone (no sessions record)`, () => {
      const c = loadCapture(name);
      const result = classifyPeer({ title: c.title, screen: c.screen });
      expect(result.state, result.reason).toBe(c.label.state);
    });
  }

  it('stripping the -e capture gives the plain capture', () => {
    for (const name of names) {
      const c = loadCapture(name);
      // The two files were captured moments apart, so running timers may differ by a tick.
      const norm = (l: string) => l.trimEnd().replace(/\d+/g, '#');
      expect(c.screen.ansi!.map(stripAnsi).map(norm), name).toEqual(c.screen.plain.map(norm));
    }
  });

  it('one -e capture is enough: screenFromAnsi classifies like the pair', () => {
    for (const name of names) {
      const c = loadCapture(name);
      const fromAnsi = screenFromAnsi(c.screen.ansi!.join('\n'));
      expect(classifyPeer({ title: c.title, screen: fromAnsi, session: c.session }).state, name).toBe(c.label.state);
    }
  });
});
