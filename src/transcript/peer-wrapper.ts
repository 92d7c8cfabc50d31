// What Claude Code 2.1.3xx makes of a message that arrives through its peer inbox: the user record's text is
// `Another Claude session sent a message:\n<TEXT>\n\n<a note that it came from a peer>`. The headers and the
// notes below are copied from the 2.1.332 binary (`strings claude.exe`: MDe and eXn); the first note is the
// one seen on real peers.

const HEADERS = [
  'Another Claude session sent a message while you were working:\n',
  'Another Claude session sent a message:\n',
  'A peer session sent a message while you were working:\n',
];

const NOTE_STARTS = [
  'This came from another Claude session',
  'IMPORTANT: This is NOT from your user',
  'This is from another Claude session, not your user.',
  'That "other Claude session" is an agent working inside this same session',
];

/** The header Claude Code put before a peer message, or null when the text does not start with one. */
export function peerHeaderOf(text: string): string | null {
  return HEADERS.find((h) => text.startsWith(h)) ?? null;
}

/**
 * The sender's own text inside Claude Code's wrapper; null when `text` is not wrapped. The note is found from
 * the end, so a message that itself quotes the note keeps it.
 */
export function unwrapPeerMessage(text: string): string | null {
  const header = peerHeaderOf(text);
  if (header === null) return null;
  const body = text.slice(header.length);
  let cut = -1;
  for (const start of NOTE_STARTS) cut = Math.max(cut, body.lastIndexOf(`\n\n${start}`));
  return cut === -1 ? body : body.slice(0, cut);
}
