// No import circle, type imports included, and none between the top-level folders of src/. The lint's
// import-x/no-cycle (lint-layers.test.ts) reads value imports only; a circle of types (classify.ts ↔
// markers.ts ↔ screen.ts) or of folders (src/inbox ↔ src/transcript, through different files) is still a
// knot to untie before either side can move. Read with TypeScript's own import scanner.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';

const ROOTS = ['src', 'components', 'hooks', 'demo', 'drift'];

function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.tsx?$/u.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path);
    }
  };
  for (const r of ROOTS) walk(r);
  return out;
}

type Graph = Map<string, Set<string>>;

/** Each file → the files it imports (import, import type, export … from, import()), relative ones only. */
function importGraph(files: string[]): Graph {
  const known = new Set(files);
  const graph: Graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(REPO_ROOT, file), 'utf8'), true, true);
    const to = new Set<string>();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = normalize(join(dirname(file), fileName)).replace(/\.js$/u, '');
      const hit = [`${base}.ts`, `${base}.tsx`].find((f) => known.has(f));
      if (hit) to.add(hit);
    }
    graph.set(file, to);
  }
  return graph;
}

/** The circles: strongly connected groups of more than one node (Tarjan), each sorted. */
function circles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** src/cli/verbs/list.ts → src/cli; src/errors.ts stays itself; components/… → components. */
const folderOf = (file: string) => {
  const parts = relative('.', file).split('/');
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : parts.length > 2 || parts[0] !== 'src' ? parts[0]! : file;
};

function folderGraph(graph: Graph): Graph {
  const folders: Graph = new Map();
  for (const [from, tos] of graph) {
    const a = folderOf(from);
    if (!folders.has(a)) folders.set(a, new Set());
    for (const to of tos) if (folderOf(to) !== a) folders.get(a)!.add(folderOf(to));
  }
  return folders;
}

const withEdge = (graph: Graph, from: string, to: string): Graph =>
  new Map([...graph].map(([k, v]) => [k, k === from ? new Set([...v, to]) : v]));

describe('the import graph', () => {
  const graph = importGraph(sources());

  it('reads the imports it should: a type import, an export … from, a .tsx', () => {
    expect(graph.get('src/classify/markers.ts')).toContain('src/classify/types.ts'); // import type
    expect(graph.get('src/classify/screen.ts')).toContain('src/classify/types.ts'); // and export type … from
    expect(graph.get('components/main.tsx')?.size).toBeGreaterThan(0);
  });

  it('has no circle between files, type imports included', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('has no circle between the folders of src/', () => {
    expect(circles(folderGraph(graph))).toEqual([]);
  });

  it('finds a circle of types, and one between folders, put there on purpose', () => {
    // markers.ts naming a type of classify.ts again (as it did): classify → markers → classify.
    expect(circles(withEdge(graph, 'src/classify/markers.ts', 'src/classify/classify.ts'))).toEqual([
      expect.arrayContaining(['src/classify/classify.ts', 'src/classify/markers.ts']),
    ]);
    // The transcript reader importing the inbox again, through another file than the one the inbox imports.
    const folders = folderGraph(withEdge(graph, 'src/transcript/records.ts', 'src/inbox/sender.ts'));
    expect(circles(folders)).toEqual([expect.arrayContaining(['src/inbox', 'src/transcript'])]);
  });

  it('no two files of src/ are named alike (a verb file, an entry main.ts and a folder index.ts aside)', () => {
    const named = new Map<string, string[]>();
    for (const f of sources().filter((f) => f.startsWith('src/') && !f.startsWith('src/cli/verbs/'))) {
      const name = f.split('/').at(-1)!;
      if (name === 'main.ts' || name === 'index.ts') continue;
      named.set(name, [...(named.get(name) ?? []), f]);
    }
    expect([...named.values()].filter((files) => files.length > 1)).toEqual([]);
  });
});
