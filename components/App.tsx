import { Box } from 'ink';
import { useDash } from '../hooks/dashboard-context.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { FIXED_ROWS, frameLayout, modalNeeds } from '../src/dashboard/layout.js';
import { selectedRow, type DashboardState } from '../src/dashboard/store.js';
import { CommandPicker } from './CommandPicker.js';
import { Compose } from './Compose.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { FilterInput } from './FilterInput.js';
import { Header } from './Header.js';
import { HelpBar } from './HelpBar.js';
import { HelpScreen } from './HelpScreen.js';
import { NoticeLine } from './NoticeLine.js';
import { PeerPane } from './PeerPane.js';
import { Roster } from './Roster.js';
import { WidenConfirm } from './WidenConfirm.js';

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
  useKeymap();
  const { columns, rows } = useTerminalSize();
  const overlay = useDash((s) => s.overlay);
  const count = useDash((s) => s.visible.length);
  const options = useDash(selectedOptions);
  // With no rows to show, the roster holds what to do instead (src/dashboard/first-run.ts): a few lines.
  const { roster, pane } = frameLayout(rows, count > 0 ? count : 7, options >= 0 ? modalNeeds(options) : 4);
  let middle;
  if (overlay?.kind === 'help') middle = <HelpScreen height={Math.max(1, rows - FIXED_ROWS)} width={columns} />;
  else {
    const below =
      overlay?.kind === 'compose' ? <Compose verb={overlay.verb} height={pane} width={columns} />
      : overlay?.kind === 'picker' ? <CommandPicker height={pane} width={columns} />
      : overlay?.kind === 'confirm' ? <ConfirmDialog command={overlay.command} tier={overlay.tier} height={pane} width={columns} />
      : overlay?.kind === 'widen' ? <WidenConfirm answerKey={overlay.key} option={overlay.option} address={overlay.address} height={pane} width={columns} />
      : <PeerPane height={pane} width={columns} />;
    middle = (
      <>
        <Roster height={roster} width={columns} />
        {below}
      </>
    );
  }
  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <Header width={columns} />
      {middle}
      {overlay?.kind === 'filter' ? <FilterInput width={columns} /> : <NoticeLine width={columns} />}
      <HelpBar width={columns} />
    </Box>
  );
}
