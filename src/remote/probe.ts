// What the far side's shell is asked first, by `--via` (one-shot.ts) and by a host's link (host-link.ts) alike: is
// node there, and is this very bundle (cached by its content hash)? One line, so that the far shell reads
// nothing of what follows it; its answer is a word of its own on a line, read by `probeAnswer`.

export const PROBE_NO_NODE = 'CDM-NO-NODE';
export const PROBE_MISSING = 'CDM-MISSING';
export const PROBE_PRESENT = 'CDM-PRESENT';

/** The probe as one shell line: says which of the three it is, or, with both there, runs `then` instead of saying so. */
export function probeLine(bundlePath: string, then = `echo ${PROBE_PRESENT}`): string {
  return `if ! command -v node >/dev/null 2>&1; then echo ${PROBE_NO_NODE}; exit 0; fi; if [ ! -f ${bundlePath} ]; then echo ${PROBE_MISSING}; exit 0; fi; ${then}\n`;
}

export type ProbeAnswer = 'no-node' | 'missing' | 'present';

/** The probe's answer in a line the far side printed; null for any other line (a motd, a warning). */
export function probeAnswer(line: string): ProbeAnswer | null {
  const word = line.trim();
  return word === PROBE_NO_NODE ? 'no-node' : word === PROBE_MISSING ? 'missing' : word === PROBE_PRESENT ? 'present' : null;
}

/** What a host without node is told: the same words for --via and for --host. */
export const noNode = (where: string) => `no node on ${where} (claude-dm needs node ≥ 20 there)`;
