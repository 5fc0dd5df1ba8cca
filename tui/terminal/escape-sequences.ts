/**
 * The terminal modes the TUI switches while it owns the screen, as DEC private mode
 * sequences (`CSI ? n h` sets a mode, `CSI ? n l` resets it). Kept in one place so the
 * code that sets a mode and the code that undoes it cannot drift apart.
 */

/** Save the cursor, switch to the alternate screen and clear it (xterm mode 1049). */
export const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
/** Back to the normal screen as it was, cursor where it was saved. */
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';

/**
 * Cursor to the top-left cell. Needed after entering the alternate screen: mode 1049
 * keeps the cursor's row and column, and Ink draws from wherever the cursor is, so
 * without this the first frame starts at the row the shell prompt was on.
 */
export const CURSOR_HOME = '\x1b[H';

export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';

/** Pastes arrive wrapped in `ESC[200~` ... `ESC[201~` instead of as typed keys. */
export const ENABLE_BRACKETED_PASTE = '\x1b[?2004h';
export const DISABLE_BRACKETED_PASTE = '\x1b[?2004l';
