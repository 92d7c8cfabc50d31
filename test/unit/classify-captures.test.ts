// Every capture of every catalogue (test/fixtures/screens-*: the shared 2.1.197 and 2.1.332 ones,
// and what `npm run drift` captured) is classified as its labels.json says.
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { classifyPeer } from '../../src/classify/classify.js';
import { screenFromAnsi } from '../../src/classify/screen.js';
import { stripAnsi } from '../../src/classify/ansi.js';
import { captureNames, catalogues, loadCapture, readLabels } from '../support/fixtures.js';

it('the shared catalogues of 2.1.197 and 2.1.332 are both here', () => {
  expect(catalogues().map((d) => basename(d))).toEqual(expect.arrayContaining(['screens-2.1.197', 'screens-2.1.332']));
});

for (const dir of catalogues()) {
  const names = captureNames(dir);

  describe(`classifier on every capture of ${basename(dir)}`, () => {
    it('has a capture for every label', () => {
      expect(names).toEqual(Object.keys(readLabels(dir)).sort());
    });

    for (const name of names) {
      it(`${name} → labelled state`, () => {
        const c = loadCapture(name, dir);
        const result = classifyPeer({ title: c.title, screen: c.screen, session: c.session });
        expect({ state: result.state, subtype: result.subtype }, result.reason).toEqual({
          state: c.label.state,
          subtype: c.label.subtype,
        });
        if (c.label.prompt) expect(result.prompt, result.reason).toBe(c.label.prompt);
        expect(result.reason.startsWith(`rule ${result.rule}: `), result.reason).toBe(true);
      });

      it(`${name} → same state from the screen alone (no sessions record)`, () => {
        const c = loadCapture(name, dir);
        const result = classifyPeer({ title: c.title, screen: c.screen });
        expect(result.state, result.reason).toBe(c.label.state);
      });
    }

    it('stripping the -e capture gives the plain capture', () => {
      for (const name of names) {
        const c = loadCapture(name, dir);
        // The two files were captured moments apart, so running timers may differ by a tick.
        const norm = (l: string) => l.trimEnd().replace(/\d+/g, '#');
        expect(c.screen.ansi!.map(stripAnsi).map(norm), name).toEqual(c.screen.plain.map(norm));
      }
    });

    it('one -e capture is enough: screenFromAnsi classifies like the pair', () => {
      for (const name of names) {
        const c = loadCapture(name, dir);
        const fromAnsi = screenFromAnsi(c.screen.ansi!.join('\n'));
        expect(classifyPeer({ title: c.title, screen: fromAnsi, session: c.session }).state, name).toBe(c.label.state);
      }
    });
  });
}
