// A bench's figures against their goals, as one table: figure, value, goal, ratio, PASS/FAIL. A row
// without a goal is a figure shown for context (its floor, a p50). Printing only: nothing is asserted.
export interface GoalRow {
  figure: string;
  value: string;
  /** The goal as read, e.g. `≤ 1.5× floor (110 ms)`; empty for a figure without one. */
  goal: string;
  /** The figure against its floor (`list` / the floor) or, for a goal in ms or %, against the goal; empty without one. */
  ratio: string;
  /** null: no goal, or not measured. */
  pass: boolean | null;
}

/**
 * A row with a goal: `ratio` is the figure against its floor, PASS at or under `limit` (a goal of 100 ms is
 * ratio ms/100, limit 1). Not measured (NaN): no ratio, no result.
 */
export function goalRow(figure: string, value: string, ratio: number, limit: number, goal: string): GoalRow {
  const ok = Number.isFinite(ratio);
  return { figure, value, goal, ratio: ok ? `${ratio.toFixed(2)}×` : '', pass: ok ? ratio <= limit : null };
}

export const infoRow = (figure: string, value: string): GoalRow => ({ figure, value, goal: '', ratio: '', pass: null });

export function printGoalTable(title: string, rows: readonly GoalRow[], say: (line: string) => void = console.log): void {
  const head: GoalRow = { figure: 'figure', value: 'value', goal: 'goal', ratio: 'ratio', pass: null };
  const all = [head, ...rows];
  const w = (k: 'figure' | 'value' | 'goal' | 'ratio') => Math.max(...all.map((r) => r[k].length));
  const [wf, wv, wg, wr] = [w('figure'), w('value'), w('goal'), w('ratio')];
  say(title);
  for (const r of all) {
    const result = r === head ? 'result' : r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL';
    say(`  ${r.figure.padEnd(wf)}  ${r.value.padEnd(wv)}  ${r.goal.padEnd(wg)}  ${r.ratio.padEnd(wr)}  ${result}`.trimEnd());
  }
}
