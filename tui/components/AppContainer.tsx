/**
 * The app's wiring: the session's state, the terminal's size, the input line, the
 * countdown and the bell, handed to the layout. Everything outside comes in as
 * props or through Ink (its stdin and stdout), never from `process`, so the same app
 * can run on a local terminal, a test emulator, or an SSH channel.
 */
import {useStdout} from 'ink';
import {useCallback, useMemo, useRef} from 'react';
import {useBell} from '../hooks/use-bell.js';
import {usePageRing} from '../hooks/use-page-ring.js';
import {useChatInput, type ScrollPage} from '../hooks/use-chat-input.js';
import {chatStore} from '../hooks/chat-store.js';
import {ChatStoreContext, useStoreState} from '../hooks/use-chat-state.js';
import {useCountdown} from '../hooks/use-countdown.js';
import {anchoredLinesUp, maxLinesUp} from '../layout/history.js';
import {pageSize, screenLayout, type ScreenLayout} from '../layout/screen.js';
import type {ChatSession} from '../session/index.js';
import {entriesAboveFold, type ChatState} from '../state/index.js';
import type {FrameClock} from '../terminal/frame-clock.js';
import {useTerminalSize} from '../terminal/use-terminal-size.js';
import {App, sameScreen} from './App.js';
import {CaretContext, type CaretReporter} from './caret-context.js';
import {PaintContext} from './paint-context.js';
import {WriterRoot, type AppFrameWriter} from './WriterRoot.js';

export interface AppContainerProps {
	readonly session: ChatSession;
	/** Ring on DMs and mentions (--no-bell turns it off). */
	readonly bell?: boolean;
	/** Where the bell goes: the real terminal. */
	readonly writeBell?: (data: string) => void;
	/** False when NO_COLOR is set. */
	readonly color?: boolean;
	/**
	 * Draw one row less than the terminal has. Needed when Ink writes to the terminal
	 * itself: Ink 6.8 clears the whole screen on every frame as tall as the terminal.
	 * Not needed with a frame writer, which takes full-height frames.
	 */
	readonly reserveLastRow?: boolean;
	/** Where the caret is, for a frame writer; without one Ink places the cursor. */
	readonly onCaret?: CaretReporter;
	/** Ctrl-L. */
	readonly onRedraw?: () => void;
	/** Ctrl-Z (tui/terminal/suspend.ts). */
	readonly onSuspend?: () => void;
	/** The clock for the reconnect countdown (the session's scheduler's, in tests). */
	readonly now?: () => number;
	/** The frame writer, when there is one: it then takes rows as tokens and frames from Ink's tree. */
	readonly writer?: AppFrameWriter;
	/** Merges the session's changes into at most one render per display refresh; without it each change renders. */
	readonly frameClock?: FrameClock;
}

const ignore = () => {};

function scrollPage(state: ChatState, layout: ScreenLayout): ScrollPage {
	// While scrolled up the bottom row is the "new messages" hint.
	const height = Math.max(1, layout.historyHeight - 1);
	const entries = entriesAboveFold(state);
	const {anchor} = state.scroll;
	return {
		lines: pageSize(layout),
		maxLinesUp: maxLinesUp(entries, layout.textWidth, height),
		from: anchor === undefined ? undefined : anchoredLinesUp(entries, anchor, layout.textWidth, height),
	};
}

export function AppContainer({
	session,
	bell = true,
	writeBell = ignore,
	color = true,
	reserveLastRow = false,
	onCaret,
	onRedraw,
	onSuspend,
	now = Date.now,
	frameClock,
	writer,
}: AppContainerProps) {
	const store = useMemo(() => chatStore(session, frameClock), [session, frameClock]);
	// What the screen's frame shows: each pane reads the rest itself, so a message re-renders only those it changes.
	const state = useStoreState(store, sameScreen);
	const {stdout} = useStdout();
	const size = useTerminalSize(stdout);
	const layout = screenLayout(size.columns, size.rows - (reserveLastRow ? 1 : 0));
	const layoutRef = useRef(layout);
	layoutRef.current = layout;
	const page = useCallback(() => scrollPage(session.getState(), layoutRef.current), [session]);
	const input = useChatInput(session, {page, onRedraw, onSuspend, onKeys: store.flush});
	const offline = state.connection.status === 'offline';
	const secondsToRetry = useCountdown(offline ? state.connection.nextRetryAt : undefined, now);
	useBell(session, bell, writeBell);
	usePageRing(state.pages.banners.length > 0, writeBell);
	const paint = useMemo(() => ({color}), [color]);

	return (
		<ChatStoreContext.Provider value={store}>
			<PaintContext.Provider value={paint}>
				<WriterRoot writer={writer}>
					<CaretContext.Provider value={onCaret}>
						<App
							state={state}
							waiting={store.waiting()}
							layout={layout}
							editor={input.editor}
							completion={input.completion}
							secondsToRetry={secondsToRetry}
						/>
					</CaretContext.Provider>
				</WriterRoot>
			</PaintContext.Provider>
		</ChatStoreContext.Provider>
	);
}
