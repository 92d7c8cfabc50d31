import { Box } from 'ink';
import { useDash } from '../hooks/dashboard-context.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
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

/** The dashboard: header, roster, the selected peer, notice and help bar; one overlay at a time on top. */
export function App() {
  useKeymap();
  const { columns, rows } = useTerminalSize();
  const overlay = useDash((s) => s.overlay);
  const count = useDash((s) => s.visible.length);
  const rosterHeight = Math.max(3, Math.min(count + 2, Math.floor((rows - 4) * 0.45)));
  const paneHeight = Math.max(5, rows - rosterHeight - 4);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header />
      <Roster height={rosterHeight} width={columns} />
      {overlay?.kind === 'help' ? <HelpScreen /> : null}
      {overlay?.kind === 'compose' ? <Compose verb={overlay.verb} /> : null}
      {overlay?.kind === 'picker' ? <CommandPicker /> : null}
      {overlay?.kind === 'confirm' ? <ConfirmDialog command={overlay.command} tier={overlay.tier} /> : null}
      {overlay === null || overlay.kind === 'filter' ? <PeerPane height={paneHeight} width={columns} /> : null}
      {overlay?.kind === 'filter' ? <FilterInput /> : <NoticeLine />}
      <HelpBar />
    </Box>
  );
}
