// The marker table (src/classify/markers.ts) against the captures: each marker is shown by the capture it
// names, a capture of the release it says first showed it.
import { describe, expect, it } from 'vitest';
import { MARKERS, type Marker } from '../../src/classify/markers.js';
import { findModal } from '../../src/classify/screen.js';
import { loadCapture } from '../support/fixtures.js';

const markers: [string, Marker][] = Object.entries(MARKERS).flatMap(([name, m]) =>
  Array.isArray(m) ? m.map((one, i): [string, Marker] => [`${name}[${i}]`, one]) : [[name, m as Marker]],
);

/** Every place of a capture a marker may be read in: the title, the sessions record, each line as drawn and as read (trimmed, without the prompt glyph or an option's number), the modal's option labels, the -e lines. */
function placesOf(name: string): string[] {
  const c = loadCapture(name);
  const lines = c.screen.plain.flatMap((l) => {
    const t = l.trim();
    return [l, t, t.replace(/^❯\s*/u, ''), t.replace(/^(❯\s*)?\d+\.\s+/u, '')];
  });
  const labels = findModal(c.screen)?.options.map((o) => o.label) ?? [];
  return [c.title, c.session?.waitingFor ?? '', ...lines, ...labels, ...(c.screen.ansi ?? [])];
}

describe('every marker', () => {
  for (const [name, m] of markers) {
    it(`${name} is shown by ${m.capture ?? 'no capture'}`, () => {
      if (m.capture === null) {
        expect(m.seen, name).toMatch(/no catalogue capture shows it/u);
        return;
      }
      expect(m.capture.startsWith(`${m.firstSeen}__`), `${m.capture} is a capture of ${m.firstSeen}`).toBe(true);
      const pattern = m.pattern;
      const shows = (place: string) => (typeof pattern === 'string' ? place.includes(pattern) : pattern.test(place));
      expect(placesOf(m.capture).some(shows), `${name} ${String(pattern)} in ${m.capture}`).toBe(true);
    });
  }
});
