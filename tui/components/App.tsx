/**
 * The screen's layout, and nothing else: every piece gets its rectangle from
 * screenLayout, which depends on the terminal size alone.
 *
 *   ┌ TitleBar ─────────────────────────┬ Sidebar ┐
 *   │ HistoryPane (or NamePrompt)       │         │   (HelpOverlay: over all three)
 *   ├ Rule ─────────────────────────────┴─────────┤
 *   │ InputLine                                   │
 *   └ StatusLine ─────────────────────────────────┘
 */
import {Box} from 'ink';
import type {EditorStore} from '../editor/editor-store.js';
import type {CompletionState} from '../hooks/use-chat-input.js';
import type {SameView} from '../hooks/use-chat-state.js';
import type {ScreenLayout} from '../layout/screen.js';
import {MIN_COLUMNS, MIN_ROWS} from '../layout/screen.js';
import {span} from '../layout/spans.js';
import {isSigningIn, type ChatState} from '../state/index.js';
import {useCaret} from './caret-context.js';
import {HelpOverlay} from './HelpOverlay.js';
import {HistoryPane} from './HistoryPane.js';
import {InputLine} from './InputLine.js';
import {NamePrompt} from './NamePrompt.js';
import {PageBanner} from './PageBanner.js';
import {BANNER_ROWS} from '../layout/page-banner.js';
import {Rows} from './Rows.js';
import {Rule} from './Rule.js';
import {Sidebar} from './Sidebar.js';
import {StatusLine} from './StatusLine.js';
import {TitleBar} from './TitleBar.js';

/** All a tiny terminal gets: what size would do, and no cursor. */
function TooSmall({width, height}: {readonly width: number; readonly height: number}) {
	useCaret(undefined);
	return (
		<Rows
			rows={[[span(`Make the terminal at least ${MIN_COLUMNS}x${MIN_ROWS}.`, {bold: true})]]}
			width={width}
			height={Math.max(1, height)}
		/>
	);
}

/**
 * What the screen's frame reads of the state (which panes show, the banner) and
 * AppContainer's countdown and page ring: a message changes none of it.
 */
export const sameScreen: SameView = (previous, next) =>
	previous.me === next.me &&
	previous.passwordPrompt === next.passwordPrompt &&
	previous.help === next.help &&
	previous.pages.banners === next.pages.banners &&
	previous.connection === next.connection;

export interface AppProps {
	/** As of the last change to what sameScreen compares: the panes read the state themselves. */
	readonly state: ChatState;
	/** A change of the state waiting for the frame clock (ChatStore.waiting): the panes that read it render now. */
	readonly waiting: number;
	readonly layout: ScreenLayout;
	/** The line being typed: the rule and the input line read it themselves, so a keystroke does not render the app. */
	readonly editor: EditorStore;
	/** The last Tab's completion (the rule shows it while the line is as Tab left it). */
	readonly completion: CompletionState | undefined;
	readonly secondsToRetry: number | undefined;
}

export function App({state, waiting, layout, editor, completion, secondsToRetry}: AppProps) {
	if (layout.tooSmall) {
		return <TooSmall width={layout.columns} height={layout.rows} />;
	}

	const naming = isSigningIn(state);
	// The help overlay takes the whole width, so each of its rows fits on one row of 80 columns.
	const helping = !naming && state.help;
	const sidebar = naming || helping ? 0 : layout.sidebarWidth;
	const mainWidth = layout.columns - sidebar;
	// A page waiting for its acknowledgement stands over whatever conversation is open.
	const banner = naming || state.pages.banners.length === 0 ? 0 : Math.min(BANNER_ROWS, layout.historyHeight - 1);
	return (
		<Box flexDirection="column" width={layout.columns} height={layout.rows} flexShrink={0}>
			<Box flexDirection="row" width={layout.columns} height={layout.mainHeight} flexShrink={0}>
				<Box flexDirection="column" width={mainWidth} height={layout.mainHeight} flexShrink={0}>
					{naming ? (
						<NamePrompt waiting={waiting} width={mainWidth} height={layout.mainHeight} />
					) : helping ? (
						<HelpOverlay width={mainWidth} height={layout.mainHeight} />
					) : (
						<>
							<TitleBar waiting={waiting} width={mainWidth} sidebarShown={sidebar > 0} />
							{banner > 0 && <PageBanner pages={state.pages.banners} width={mainWidth} />}
							<HistoryPane waiting={waiting} width={mainWidth} height={layout.historyHeight - banner} />
						</>
					)}
				</Box>
				{sidebar > 0 && <Sidebar waiting={waiting} width={sidebar} height={layout.mainHeight} />}
			</Box>
			<Rule
				width={layout.columns}
				sidebarColumn={sidebar > 0 ? mainWidth : undefined}
				editor={editor}
				completion={completion}
			/>
			<InputLine editor={editor} width={layout.columns} screenRow={layout.inputRow} />
			<StatusLine width={layout.columns} secondsToRetry={secondsToRetry} />
		</Box>
	);
}
