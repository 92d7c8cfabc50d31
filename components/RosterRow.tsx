import { memo } from 'react';
import type { PeerRow } from '../src/dashboard/for-components.js';
import { rosterLine, type RosterColumns } from '../src/dashboard/roster-view.js';
import { Line } from './Lines.js';

interface Props {
  row: PeerRow;
  selected: boolean;
  /** The LAST and WAIT columns' text: a row re-renders when they change, not on every clock tick. */
  last: string;
  wait: string;
  cols: RosterColumns;
  width: number;
  /** Its host's link is not up: what the host last said. */
  stale: boolean;
}

const sameColumns = (a: RosterColumns, b: RosterColumns) =>
  a === b || (Object.keys(a) as Array<keyof RosterColumns>).every((k) => a[k] === b[k]);

/** One peer: a memoised row, so a change in one peer re-renders one row. */
export const RosterRow = memo(
  function RosterRow({ row, selected, last, wait, cols, width, stale }: Props) {
    return <Line line={rosterLine(row, cols, selected, { last, wait }, width, stale)} />;
  },
  (a, b) =>
    a.row === b.row &&
    a.selected === b.selected &&
    a.last === b.last &&
    a.wait === b.wait &&
    a.stale === b.stale &&
    a.width === b.width &&
    sameColumns(a.cols, b.cols),
);
