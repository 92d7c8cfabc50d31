import { Box } from 'ink';
import { useDash } from '../hooks/dashboard-context.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { FIXED_ROWS, frameLayout, modalNeeds } from '../src/dashboard/layout.js';
import { selectedRow, type DashboardState } from '../src/dashboard/store.js';
import { CommandPicker } from './CommandPicker.js';
import { ReasonBox } from './ReasonBox.js';
import { Compose } from './Compose.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { FilterInput } from './FilterInput.js';
import { Header } from './Header.js';
import { HelpBar } from './HelpBar.js';
import { HelpScreen } from './HelpScreen.js';
import { NoticeLine } from './NoticeLine.js';
import { PeerPane } from './PeerPane.js';
import { Roster } from './Roster.js';

/** Options of the selected peer's modal, -1 when it is not on one (one number: a stable selector). */
const selectedOptions = (s: DashboardState): number => {
  const row = selectedRow(s);
  return row?.state === 'modal' && row.modal ? row.modal.options.length : -1;
};

/**
 * The dashboard: header, roster, the selected peer (or the overlay open on top of it),
 * notice and key bar, each given its rows so that together they fill the terminal exactly.
 */
export function App() {
  const { columns, rows } = useTerminalSize();
  useKeymap({ columns, rows });
  // The kind only: what is typed into an overlay re-renders that overlay, not the frame.
  const overlay = useDash((s) => s.overlay?.kind ?? null);
  const count = useDash((s) => s.visible.length);
  const options = useDash(selectedOptions);
  // With no rows to show, the roster holds what to do instead (src/dashboard/first-run.ts): a few lines.
  const { roster, pane } = frameLayout(rows, count > 0 ? count : 7, options >= 0 ? modalNeeds(options) : 4);
  let middle;
  if (overlay === 'help') middle = <HelpScreen height={Math.max(1, rows - FIXED_ROWS)} width={columns} />;
  else {
    const below =
      overlay === 'compose' ? (
        <Compose height={pane} width={columns} />
      ) : overlay === 'picker' ? (
        <CommandPicker height={pane} width={columns} />
      ) : overlay === 'reason' ? (
        <ReasonBox height={pane} width={columns} />
      ) : overlay === 'confirm' || overlay === 'widen' ? (
        <ConfirmDialog height={pane} width={columns} />
      ) : (
        <PeerPane height={pane} width={columns} />
      );
    middle = (
      <>
        <Roster height={roster} width={columns} />
        {below}
      </>
    );
  }
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header width={columns} />
      {middle}
      {overlay === 'filter' ? <FilterInput width={columns} /> : <NoticeLine width={columns} />}
      <HelpBar width={columns} />
    </Box>
  );
}
