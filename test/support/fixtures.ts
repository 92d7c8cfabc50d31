// Loads the real Claude Code captures kept in test/fixtures/screens-<version>[-<source>]:
// the shared catalogues of 2.1.197 and 2.1.332, and what `npm run drift` captured.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionRecord } from '../../src/peers/session-record.js';
import { screenFromText, type Screen } from '../../src/classify/screen.js';

import { REPO_ROOT } from './repo-root.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
/** The 2.1.197 catalogue: synthetic peers and benches draw from it. */
export const SCREENS_DIR = join(FIXTURES, 'screens-2.1.197');
export const SCREENS_DIR_332 = join(FIXTURES, 'screens-2.1.332');

/** Every catalogue of labelled captures (a folder with a labels.json), oldest version first. */
export function catalogues(): string[] {
  return readdirSync(FIXTURES)
    .filter((d) => d.startsWith('screens-') && existsSync(join(FIXTURES, d, 'labels.json')))
    .sort()
    .map((d) => join(FIXTURES, d));
}

export interface CaptureLabel {
  state: string;
  subtype?: string;
  prompt?: string;
}

export interface Capture {
  name: string;
  dir: string;
  title: string;
  screen: Screen;
  plainOnly: Screen;
  session: SessionRecord | null;
  transcriptTail: unknown[];
  label: CaptureLabel;
}

export function readLabels(dir: string): Record<string, CaptureLabel> {
  return JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Record<string, CaptureLabel>;
}

/** `dir` defaults to the first catalogue that holds a capture of that name. */
export function loadCapture(name: string, dir = catalogueOf(name)): Capture {
  const base = join(dir, name);
  const text = readFileSync(`${base}.txt`, 'utf8');
  const ansi = readFileSync(`${base}.ansi.txt`, 'utf8');
  const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as {
    title: string;
    /** 2.1.197's catalogue calls the record sessionsJson, later ones sessions. */
    sessionsJson?: SessionRecord | null;
    sessions?: SessionRecord | null;
    transcriptTail?: unknown[];
  };
  const label = readLabels(dir)[name];
  if (!label) throw new Error(`no label for ${name} in ${dir}`);
  return {
    name,
    dir,
    title: meta.title,
    screen: screenFromText(text, ansi),
    plainOnly: screenFromText(text),
    session: meta.sessionsJson ?? meta.sessions ?? null,
    transcriptTail: meta.transcriptTail ?? [],
    label,
  };
}

export function captureNames(dir = SCREENS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ansi.txt'))
    .map((f) => f.slice(0, -'.ansi.txt'.length))
    .sort();
}

export function catalogueOf(name: string): string {
  const dir = catalogues().find((d) => existsSync(join(d, `${name}.ansi.txt`)));
  if (!dir) throw new Error(`no capture named ${name} under ${FIXTURES}`);
  return dir;
}
