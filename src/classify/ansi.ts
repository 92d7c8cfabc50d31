// Just enough of ANSI to read a `capture-pane -e` line: strip escapes, and tell which
// characters are dim (Claude Code's placeholders and ghost suggestions) or reversed
// (the cursor cell). tmux emits SGR sequences only, plus OSC 8 for hyperlinks.

const CSI = /\x1b\[[0-9;:?]*[ -/]*[@-~]/g;
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const OTHER_ESC = /\x1b[@-Z\\-_]/g;

export function stripAnsi(line: string): string {
  // Most rows of a screen carry no escape at all (blank ones, plain text): three regex passes each cost
  // `list` ~4 ms over 100 screens.
  if (!line.includes('\x1b')) return line;
  return line.replace(OSC, '').replace(CSI, '').replace(OTHER_ESC, '');
}

export interface StyledChar {
  ch: string;
  dim: boolean;
  inverse: boolean;
  /** SGR foreground as written (`39`, `38;5;246`), '' when default. */
  fg: string;
}

/** Splits a line into characters with the dim/inverse/fg state each was drawn in. */
export function styledChars(line: string): StyledChar[] {
  const out: StyledChar[] = [];
  let dim = false;
  let inverse = false;
  let fg = '';
  const re = /\x1b\[([0-9;:]*)m|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;:?]*[ -/]*[@-~]|([\s\S])/gu;
  for (const m of line.matchAll(re)) {
    if (m[2] !== undefined) {
      out.push({ ch: m[2], dim, inverse, fg });
      continue;
    }
    if (m[1] === undefined) continue; // OSC or a non-SGR CSI: no effect on style
    const codes = m[1] === '' ? ['0'] : m[1].split(';');
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code === '0' || code === '') {
        dim = false;
        inverse = false;
        fg = '';
      } else if (code === '2') dim = true;
      else if (code === '22') dim = false;
      else if (code === '7') inverse = true;
      else if (code === '27') inverse = false;
      else if (code === '39') fg = '';
      else if (code === '38') {
        // 38;5;N or 38;2;R;G;B
        const take = codes[i + 1] === '5' ? 2 : codes[i + 1] === '2' ? 4 : 0;
        fg = codes.slice(i, i + 1 + take).join(';');
        i += take;
      } else if (code === '48') {
        i += codes[i + 1] === '5' ? 2 : codes[i + 1] === '2' ? 4 : 0;
      } else if (code !== undefined && /^(3[0-7]|9[0-7])$/.test(code)) fg = code;
    }
  }
  return out;
}

/**
 * The text a person actually typed on one input-box line: dim characters are
 * placeholders or ghost autosuggestions, and a reversed cell directly followed by dim
 * text is the cursor sitting on the first character of that ghost text.
 */
export function typedText(chars: StyledChar[]): string {
  let text = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c.dim) continue;
    if (c.inverse && chars[i + 1]?.dim) continue;
    text += c.ch;
  }
  return text.replace(/\s+$/u, '');
}
