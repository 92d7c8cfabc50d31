// The marker tables (src/classify/markers.ts) against the captures: each marker is shown by the capture it
// names, a capture of the release it says first showed it; each prompt kind's line first reads a capture of
// the release it says, and none older.
import { describe, expect, it } from 'vitest';
import { MARKERS, PROMPT_KINDS, type Marker } from '../../src/classify/markers.js';
import { findModal } from '../../src/classify/screen.js';
import { compareVersions } from '../../src/classify/versions.js';
import { captureNames, catalogues, loadCapture } from '../support/fixtures.js';

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

describe('every prompt kind', () => {
  // The captures each line of PROMPT_KINDS is the first to match, by release.
  const readBy = new Map(PROMPT_KINDS.map((k) => [k, new Set<string>()]));
  for (const dir of catalogues()) {
    for (const name of captureNames(dir)) {
      const modal = findModal(loadCapture(name, dir).screen);
      const kind = modal && PROMPT_KINDS.find((k) => k.matches(modal, modal.lines.join('\n')));
      if (kind) readBy.get(kind)!.add(name.split('__')[0]!);
    }
  }

  for (const kind of PROMPT_KINDS) {
    it(`${kind.prompt} (${kind.firstSeen}) first reads a capture of ${kind.firstSeen}, and none older`, () => {
      const releases = [...readBy.get(kind)!].sort(compareVersions);
      // The bare permission words come last: every prompt a capture shows has a line of its own above them.
      if (kind.prompt === 'unknown') expect(releases).toEqual([]);
      else expect(releases[0], kind.prompt).toBe(kind.firstSeen);
    });
  }
});
