import test from 'ava';
import * as sequences from '../../../tui/terminal/escape-sequences.js';

/** Every sequence the module exports, as xterm spells it: a new one cannot go unchecked. */
const XTERM: Record<keyof typeof sequences, string> = {
	ENTER_ALTERNATE_SCREEN: '\x1b[?1049h',
	LEAVE_ALTERNATE_SCREEN: '\x1b[?1049l',
	CURSOR_HOME: '\x1b[H',
	SHOW_CURSOR: '\x1b[?25h',
	HIDE_CURSOR: '\x1b[?25l',
	ENABLE_BRACKETED_PASTE: '\x1b[?2004h',
	DISABLE_BRACKETED_PASTE: '\x1b[?2004l',
};

test('the sequences are the xterm ones', (t) => {
	t.deepEqual({...sequences}, XTERM);
});
