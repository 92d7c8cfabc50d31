// Which Claude Code releases the classifier was proven on. A newer peer is still classified
// (most of the screen rarely changes), but `status` and `doctor` say "newer than tested" so a
// wrong reading is reported with a capture rather than trusted.
// Moving `newest` is part of checking a release: `npm run drift -- <version>` (README).
export const TESTED_VERSIONS = { oldest: '2.1.197', newest: '2.1.332' } as const;

export type VersionSupport = 'tested' | 'newer-than-tested' | 'older-than-tested' | 'unknown';

/** Numeric, part by part; a part that is not a number compares as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function versionSupport(version: string | null | undefined): VersionSupport {
  if (!version || !/^\d+\.\d+/u.test(version)) return 'unknown';
  if (compareVersions(version, TESTED_VERSIONS.newest) > 0) return 'newer-than-tested';
  if (compareVersions(version, TESTED_VERSIONS.oldest) < 0) return 'older-than-tested';
  return 'tested';
}

/** One line for `status` and `doctor`. */
export function describeVersion(version: string | null | undefined): string {
  const range = `${TESTED_VERSIONS.oldest} to ${TESTED_VERSIONS.newest}`;
  switch (versionSupport(version)) {
    case 'tested':
      return `${version} (within the tested range, ${range})`;
    case 'newer-than-tested':
      return `${version}, newer than tested (${range}): states may be misread; if one is, save the screen (tmux capture-pane -pe) and report it with claude-dm status --explain-file`;
    case 'older-than-tested':
      return `${version}, older than tested (${range}): states may be misread`;
    case 'unknown':
      return `unknown (no sessions record says; tested ${range})`;
  }
}
