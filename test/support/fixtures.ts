// Loads the real Claude Code captures kept in test/fixtures/screens-2.1.197.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionRecord } from '../../src/classify/classify.js';
import { screenFromText, type Screen } from '../../src/classify/screen.js';

import { REPO_ROOT } from './repo-root.js';

export const SCREENS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'screens-2.1.197');

export interface Capture {
  name: string;
  title: string;
  screen: Screen;
  plainOnly: Screen;
  session: SessionRecord | null;
  transcriptTail: unknown[];
  label: { state: string; subtype?: string; prompt?: string };
}

export function loadCapture(name: string): Capture {
  const base = join(SCREENS_DIR, name);
  const text = readFileSync(`${base}.txt`, 'utf8');
  const ansi = readFileSync(`${base}.ansi.txt`, 'utf8');
  const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as {
    title: string;
    sessionsJson?: SessionRecord | null;
    transcriptTail?: unknown[];
  };
  const labels = JSON.parse(readFileSync(join(SCREENS_DIR, 'labels.json'), 'utf8')) as Record<string, Capture['label']>;
  const label = labels[name];
  if (!label) throw new Error(`no label for ${name}`);
  return {
    name,
    title: meta.title,
    screen: screenFromText(text, ansi),
    plainOnly: screenFromText(text),
    session: meta.sessionsJson ?? null,
    transcriptTail: meta.transcriptTail ?? [],
    label,
  };
}

export function captureNames(): string[] {
  return readdirSync(SCREENS_DIR)
    .filter((f) => f.endsWith('.ansi.txt'))
    .map((f) => f.slice(0, -'.ansi.txt'.length))
    .sort();
}
