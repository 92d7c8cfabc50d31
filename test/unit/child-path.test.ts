import { join } from 'node:path';
import { expect, it } from 'vitest';
import { childPath } from '../../src/util/child-path.js';

it('childPath gives what path.join gives, for every folder and name (a plain name or not)', () => {
  const dirs = [
    '/home/a/.claude',
    '/home/a/.claude/',
    '/home//a/./b/../.claude',
    'rel/x',
    'rel/x/',
    '/',
    '.',
    './',
    '..',
    '~/c',
    // Normal or not, as normalize sees it: a step of dots, a name with dots, doubled and trailing slashes.
    '/a/.',
    '/a/..',
    '/a/b/.',
    '/.hidden',
    '/a..b',
    '/a/.b/c',
    '/a/...',
    '/a//',
    '//a',
    '/a/b/',
  ];
  const names = ['projects', 'sessions', '123.json', 'abc-def.jsonl', '..', '.', '../x.jsonl', 'a/b', '', '-home-a-work'];
  for (const dir of dirs)
    for (const name of names) {
      // Twice: the second from the folder kept normalized.
      expect([childPath(dir, name), childPath(dir, name)], `${dir} + ${name}`).toEqual([join(dir, name), join(dir, name)]);
    }
});
