// What a terminal acts on instead of drawing: every C0 control but newline, DEL, the C1
// controls and the bidi controls (with the line/paragraph separators). Tests of anything a
// peer or a host wrote assert none of it reaches the reader.
export const ACTS_ON_TERMINAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The bytes of output a terminal would act on (ESC, BEL, 8-bit C1 as UTF-8 0xC2 0x80–0x9F), as hex: [] when clean. */
export function terminalBytes(out: Buffer): string[] {
  const found: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    if (b === 0x1b || b === 0x07) found.push(`${b.toString(16)} at ${i}`);
    else if (b === 0xc2 && out[i + 1] !== undefined && out[i + 1]! >= 0x80 && out[i + 1]! <= 0x9f)
      found.push(`c2${out[i + 1]!.toString(16)} at ${i}`);
  }
  return found;
}
