// claude-dm's entry in a Claude Code settings file: one `PermissionRequest` hook running
// `claude-dm hook permission-request`. Install adds it and uninstall removes exactly it, as text edits at the
// places jsonc-parser's tree gives: every other key, hook, comment and the file's own formatting (indent, line
// ends, compact or not) stay as they were, and uninstall takes out exactly the text install put in, so install
// then uninstall gives the file back byte for byte. Pure over the text.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export const HOOK_EVENT = 'PermissionRequest';
/** What follows the program in the hook's command line: how an entry is known to be ours. */
export const HOOK_ARGS = 'hook permission-request';
/** Claude Code's own default for a command hook: the hook waits that long for an answer, at most. */
export const HOOK_TIMEOUT_S = 600;

export interface Edit {
  /** The file's new text (the same string when nothing changed). */
  text: string;
  changed: boolean;
}

/**
 * What install made besides the entry: the file, the `hooks` object, the `PermissionRequest` list, or nothing.
 * Kept beside the file (the hooks verb's note), so that uninstall takes out what install put in and no more.
 */
export type Created = 'file' | 'hooks' | 'list' | null;

/** A hook's command is ours when it runs claude-dm's `hook permission-request`. */
export function isOurCommand(command: unknown): boolean {
  return typeof command === 'string' && /claude-dm/u.test(command) && command.trimEnd().endsWith(HOOK_ARGS);
}

/** A shell word: Claude Code runs the command through `/bin/sh -c`. */
export const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/u.test(s) ? s : `'${s.replace(/'/gu, `'\\''`)}'`);

/** The command line that runs this claude-dm's hook: node and the built entry, whatever PATH the peer has. */
export function hookCommand(node: string, entry: string): string {
  return `${shellWord(node)} ${shellWord(entry)} ${HOOK_ARGS}`;
}

export class SettingsError extends Error {}

/** The parsed tree, or a SettingsError saying where the text stops being JSON. */
function tree(text: string): Node | undefined {
  if (text.trim() === '') return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0]!;
    const line = text.slice(0, e.offset).split('\n').length;
    throw new SettingsError(`it is not valid JSON (line ${line}: ${printParseErrorCode(e.error)})`);
  }
  if (root?.type !== 'object') throw new SettingsError('it is not a JSON object');
  return root;
}

/** The file's own style, for the text an edit adds: its indent unit, line end, and whether `": "` has a space. */
interface Style {
  unit: string;
  eol: string;
  space: string;
}

function styleOf(text: string): Style {
  return {
    // The first indented line is a child of the root: its indent is one unit.
    unit: /\n([ \t]+)\S/u.exec(text)?.[1] ?? '  ',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    space: /":\s/u.test(text) || !/":/u.test(text) ? ' ' : '',
  };
}

/** How deep `node` sits: the root object is 0. */
const depth = (node: Node): number => (node.parent ? 1 + depth(node.parent) : 0);

/** `value` as JSON in the file's style, its lines indented for `level`; on one line where the file is compact. */
function render(value: unknown, level: number, style: Style, multiline: boolean): string {
  if (!multiline) return JSON.stringify(value).replace(/":/gu, `":${style.space}`);
  return JSON.stringify(value, null, style.unit)
    .split('\n')
    .join(`${style.eol}${style.unit.repeat(level)}`);
}

/** A text edit: `length` characters at `offset` become `text`. */
interface TextEdit {
  offset: number;
  length: number;
  text: string;
}
const apply = (text: string, e: TextEdit) => text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);

/**
 * Puts `item` (an element's text, or a member's `"key": value` text, made by `make` for the level it lands at) last
 * in `container`. After a last child: `,` then, in a file on several lines, a new line at the children's indent.
 * Into an empty container: on lines of its own (the container's insides, which uninstall clears whole).
 */
function insertLast(text: string, container: Node, style: Style, make: (level: number, multiline: boolean) => string): TextEdit {
  const level = depth(container) + 1;
  // A file on one line stays on one line; an empty one at the root opens up (`{}` → lines of its own).
  const multiline = text.includes('\n') || (container.parent === undefined && !container.children?.length);
  const last = container.children?.at(-1);
  if (last) {
    const sep = multiline ? `${style.eol}${style.unit.repeat(level)}` : '';
    return { offset: last.offset + last.length, length: 0, text: `,${sep}${make(level, multiline)}` };
  }
  const inside = multiline
    ? `${style.eol}${style.unit.repeat(level)}${make(level, true)}${style.eol}${style.unit.repeat(level - 1)}`
    : make(level, false);
  return { offset: container.offset + 1, length: container.length - 2, text: inside };
}

/** Takes `node` (an element, or a member's property node) out of its container, with the separator install added. */
function removeChild(node: Node): TextEdit {
  const container = node.parent!;
  const siblings = container.children!;
  const i = siblings.indexOf(node);
  if (i > 0) {
    const prev = siblings[i - 1]!;
    return { offset: prev.offset + prev.length, length: node.offset + node.length - (prev.offset + prev.length), text: '' };
  }
  if (siblings.length > 1) return { offset: node.offset, length: siblings[1]!.offset - node.offset, text: '' };
  return { offset: container.offset + 1, length: container.length - 2, text: '' };
}

/** The property node (`"key": value`) of `key` in `object`. */
const property = (object: Node, key: string): Node | undefined => object.children?.find((p) => p.children?.[0]?.value === key);

interface Found {
  /** Index of the matcher group in hooks.PermissionRequest. */
  group: number;
  /** Index of the hook in that group's `hooks`. */
  hook: number;
  command: string;
  /** The group holds no hook but ours. */
  alone: boolean;
}

/** Our hooks in the file, with where each sits; checks the shape on the way (a wrong one is a SettingsError). */
function ours(root: Node | undefined): Found[] {
  const hooks = root && findNodeAtLocation(root, ['hooks']);
  if (!hooks) return [];
  if (hooks.type !== 'object') throw new SettingsError('its "hooks" is not an object');
  const list = findNodeAtLocation(hooks, [HOOK_EVENT]);
  if (!list) return [];
  if (list.type !== 'array') throw new SettingsError(`its "hooks.${HOOK_EVENT}" is not a list`);
  const found: Found[] = [];
  (list.children ?? []).forEach((group, g) => {
    const inner = findNodeAtLocation(group, ['hooks']);
    if (inner?.type !== 'array') return;
    const commands = (inner.children ?? []).map((h) => findNodeAtLocation(h, ['command'])?.value as unknown);
    commands.forEach((command, h) => {
      if (isOurCommand(command)) found.push({ group: g, hook: h, command: command as string, alone: commands.every(isOurCommand) });
    });
  });
  return found;
}

/** The commands of our hooks in the file (empty: not installed). A malformed file is a SettingsError. */
export function installedCommands(text: string): string[] {
  return ours(tree(text)).map((f) => f.command);
}

/**
 * Adds our entry (`matcher: "*"`, the command, Claude Code's 600 s timeout) last in `hooks.PermissionRequest`,
 * making either where missing. Already there with this command: unchanged; there with another (claude-dm moved):
 * that command is replaced. A file that is not a JSON object, or whose `hooks` has another shape, is a
 * SettingsError and is not touched.
 */
export function installHook(text: string, command: string): Edit & { created: Created } {
  const root = tree(text);
  const found = ours(root);
  if (found.length > 0) {
    if (found.every((f) => f.command === command)) return { text, changed: false, created: null };
    let out = text;
    for (const f of [...found].reverse()) {
      const node = findNodeAtLocation(tree(out)!, ['hooks', HOOK_EVENT, f.group, 'hooks', f.hook, 'command'])!;
      out = apply(out, { offset: node.offset, length: node.length, text: JSON.stringify(command) });
    }
    return { text: out, changed: true, created: null };
  }
  const entry = { matcher: '*', hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_S }] };
  if (!root) return { text: `${JSON.stringify({ hooks: { [HOOK_EVENT]: [entry] } }, null, 2)}\n`, changed: true, created: 'file' };
  const style = styleOf(text);
  const member = (key: string, value: unknown) => (level: number, multiline: boolean) =>
    `${JSON.stringify(key)}:${style.space}${render(value, level, style, multiline)}`;
  const hooks = findNodeAtLocation(root, ['hooks']);
  const list = hooks && findNodeAtLocation(hooks, [HOOK_EVENT]);
  const edit = list
    ? insertLast(text, list, style, (level, multiline) => render(entry, level, style, multiline))
    : hooks
      ? insertLast(text, hooks, style, member(HOOK_EVENT, [entry]))
      : insertLast(text, root, style, member('hooks', { [HOOK_EVENT]: [entry] }));
  return { text: apply(text, edit), changed: true, created: list ? null : hooks ? 'list' : 'hooks' };
}

/**
 * Removes exactly our hooks: a matcher group that held only ours goes, another keeps its other hooks; then what
 * install `created` goes when nothing else is left in it (`file`: the text becomes empty, the verb removes the
 * file). Without a note (undefined), a `PermissionRequest` list and then a `hooks` object left empty go.
 */
export function uninstallHook(text: string, created?: Created): Edit {
  const found = ours(tree(text));
  if (found.length === 0) return { text, changed: false };
  let out = text;
  // From the last to the first, so that the indices of the ones still to remove hold.
  for (const f of [...found].reverse()) {
    const path = f.alone ? ['hooks', HOOK_EVENT, f.group] : ['hooks', HOOK_EVENT, f.group, 'hooks', f.hook];
    out = apply(out, removeChild(findNodeAtLocation(tree(out)!, path)!));
  }
  if (created === null) return { text: out, changed: true };
  const hooks = findNodeAtLocation(tree(out)!, ['hooks'])!;
  const list = property(hooks, HOOK_EVENT);
  if (list && (list.children?.[1]?.children ?? []).length === 0) out = apply(out, removeChild(list));
  if (created === 'list') return { text: out, changed: true };
  const emptied = findNodeAtLocation(tree(out)!, ['hooks'])!;
  if ((emptied.children ?? []).length === 0) out = apply(out, removeChild(property(tree(out)!, 'hooks')!));
  if (created === 'file' && (tree(out)!.children ?? []).length === 0) return { text: '', changed: true };
  return { text: out, changed: true };
}
