/**
 * The key bindings, as one table. Each row names keys in the words /help and
 * docs/TUI.md show, says what they do, and binds each of those keys: a decoded key
 * becomes either an edit of the input line or an intent for the app (send, complete,
 * scroll, switch conversation, quit). Typed and pasted text is inserted; any other key
 * is unbound and ignored (never inserted as text).
 */

import type {Key, Modifiers, NavigationName} from './keys.js';
import type {EditorAction} from './line-editor.js';

export type AppIntent =
	| 'submit'
	| 'complete'
	| 'completePrevious'
	| 'scrollUp'
	| 'scrollDown'
	| 'scrollEnd'
	| 'dismiss'
	| 'nextConversation'
	| 'prevConversation'
	| 'quit'
	| 'redraw'
	| 'acknowledgePage'
	| 'suspend';

export type Binding =
	{readonly kind: 'editor'; readonly action: EditorAction} | {readonly kind: 'app'; readonly intent: AppIntent};

export interface KeyRow {
	/** The keys, as /help and docs/TUI.md name them. */
	readonly keys: string;
	/** What they do, in the same words. */
	readonly does: string;
	/** Listed by /help; the other rows are in docs/TUI.md only, so the help fits 80x24. */
	readonly inHelp: boolean;
	/**
	 * Each key the row describes, by chord name (`Ctrl-A`, `Alt-Left`, `PgUp`; see
	 * `chordNames`), and what it does. `<chord> on an empty line` binds the key while
	 * nothing is typed, ahead of its plain binding.
	 */
	readonly bindings: Readonly<Record<string, Binding>>;
}

const edit = (
	type: Exclude<EditorAction['type'], 'insert' | 'replaceWordBeforeCursor' | 'set' | 'restoreDraft'>,
): Binding => ({
	kind: 'editor',
	action: {type},
});
const app = (intent: AppIntent): Binding => ({kind: 'app', intent});

export const KEY_TABLE: readonly KeyRow[] = [
	{
		keys: 'Enter',
		does: 'send; each line of a paste is a message',
		inHelp: true,
		bindings: {Enter: app('submit')},
	},
	{
		keys: 'Tab / Shift-Tab',
		does: 'complete a command, user or group; cycle',
		inHelp: true,
		bindings: {Tab: app('complete'), 'Shift-Tab': app('completePrevious')},
	},
	{
		keys: 'Alt-Up / Alt-Down, Ctrl-P / Ctrl-N',
		does: 'previous / next conversation',
		inHelp: true,
		bindings: {
			'Alt-Up': app('prevConversation'),
			'Alt-Down': app('nextConversation'),
			'Ctrl-P': app('prevConversation'),
			'Ctrl-N': app('nextConversation'),
		},
	},
	{
		// One row for scrolling and coming back, so /help fits 80x24.
		keys: 'PgUp / PgDn, Escape / Ctrl-End',
		does: 'scroll; back to the newest messages',
		inHelp: true,
		// Escape first closes what is over the conversation (the help, the question before quitting, a DM's notice).
		bindings: {PgUp: app('scrollUp'), PgDn: app('scrollDown'), Escape: app('dismiss'), 'Ctrl-End': app('scrollEnd')},
	},
	{
		keys: 'Up / Down',
		does: 'recall lines you sent',
		inHelp: true,
		bindings: {Up: edit('historyPrev'), Down: edit('historyNext')},
	},
	{
		keys: 'Home / Ctrl-A, End / Ctrl-E',
		does: 'start / end of the line you are typing',
		inHelp: false,
		// End is always the line's end, never scrolling: Ctrl-End does that.
		bindings: {Home: edit('home'), 'Ctrl-A': edit('home'), End: edit('end'), 'Ctrl-E': edit('end')},
	},
	{
		keys: 'Ctrl-C, Ctrl-D on an empty line',
		does: 'quit (asks first if messages are unsent)',
		inHelp: true,
		// Ctrl-D as in a shell: on an empty line it leaves, otherwise it deletes.
		bindings: {'Ctrl-C': app('quit'), 'Ctrl-D on an empty line': app('quit')},
	},
	{
		keys: 'Left / Right, Ctrl-B / Ctrl-F',
		does: 'one character left / right',
		inHelp: false,
		bindings: {Left: edit('left'), Right: edit('right'), 'Ctrl-B': edit('left'), 'Ctrl-F': edit('right')},
	},
	{
		keys: 'Ctrl-Left / Ctrl-Right, Alt-Left / Alt-Right, Alt-B / Alt-F',
		does: 'one word left / right',
		inHelp: false,
		bindings: {
			'Ctrl-Left': edit('wordLeft'),
			'Ctrl-Right': edit('wordRight'),
			'Alt-Left': edit('wordLeft'),
			'Alt-Right': edit('wordRight'),
			'Alt-B': edit('wordLeft'),
			'Alt-F': edit('wordRight'),
		},
	},
	{
		keys: 'Backspace, Delete',
		does: 'delete before / under the cursor (Ctrl-D deletes too, on a line that is not empty)',
		inHelp: false,
		// Ctrl-H arrives as Backspace (the decoder cannot tell them apart).
		bindings: {Backspace: edit('backspace'), Delete: edit('delete'), 'Ctrl-D': edit('delete')},
	},
	{
		keys: 'Ctrl-W, Alt-Backspace',
		does: 'delete the word before the cursor',
		inHelp: false,
		bindings: {'Ctrl-W': edit('killWordBack'), 'Alt-Backspace': edit('killWordBack')},
	},
	{
		keys: 'Ctrl-U / Ctrl-K',
		does: 'delete to the start / end of the line',
		inHelp: false,
		bindings: {'Ctrl-U': edit('killToStart'), 'Ctrl-K': edit('killToEnd')},
	},
	{
		keys: 'Alt-A',
		does: 'acknowledge the page on the banner (the top one)',
		// The banner itself names the key, where it is needed: /help keeps to 80x24.
		inHelp: false,
		bindings: {'Alt-A': app('acknowledgePage')},
	},
	{
		keys: 'Ctrl-L',
		does: 'repaint the whole screen',
		inHelp: false,
		bindings: {'Ctrl-L': app('redraw')},
	},
	{
		keys: 'Ctrl-Z',
		does: 'suspend to the shell, as any terminal program (fg brings it back)',
		inHelp: false,
		bindings: {'Ctrl-Z': app('suspend')},
	},
];

const BINDINGS: ReadonlyMap<string, Binding> = bindingsByChord(KEY_TABLE);

function bindingsByChord(rows: readonly KeyRow[]): Map<string, Binding> {
	const bindings = new Map<string, Binding>();
	for (const row of rows) {
		for (const [chord, binding] of Object.entries(row.bindings)) {
			if (bindings.has(chord)) {
				throw new Error(`${chord} is bound twice in the key table`);
			}

			bindings.set(chord, binding);
		}
	}

	return bindings;
}

/** What `key` does; `lineIsEmpty` picks a key's `on an empty line` binding (Ctrl-D). */
export function bindingFor(key: Key, lineIsEmpty: boolean): Binding | undefined {
	if (key.type === 'text' || key.type === 'paste') {
		return {kind: 'editor', action: {type: 'insert', text: key.text}};
	}

	for (const chord of chordNames(key)) {
		const binding = (lineIsEmpty ? BINDINGS.get(`${chord} on an empty line`) : undefined) ?? BINDINGS.get(chord);
		if (binding) {
			return binding;
		}
	}

	return undefined;
}

const NAVIGATION_NAMES: Record<NavigationName, string> = {
	up: 'Up',
	down: 'Down',
	left: 'Left',
	right: 'Right',
	home: 'Home',
	end: 'End',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	insert: 'Insert',
	delete: 'Delete',
};

/** The names `key` may be bound under, the most specific first. */
function chordNames(key: Exclude<Key, {type: 'text' | 'paste'}>): string[] {
	switch (key.type) {
		case 'enter':
			return [key.alt ? 'Alt-Enter' : 'Enter'];
		case 'backspace':
			return [key.alt ? 'Alt-Backspace' : 'Backspace'];
		case 'tab':
			return ['Tab'];
		case 'backTab':
			return ['Shift-Tab'];
		case 'escape':
			return ['Escape'];
		case 'ctrl':
			return [`Ctrl-${key.name.toUpperCase()}`];
		case 'alt':
			return [altChordName(key.char)];
		case 'nav':
			return navigationChordNames(NAVIGATION_NAMES[key.name], key.modifiers);
		case 'unknown':
			return [];
	}
}

/** Alt-B is Alt with the b key; with Shift it is Alt-Shift-B. */
function altChordName(char: string): string {
	if (/^[a-z]$/.test(char)) return `Alt-${char.toUpperCase()}`;
	if (/^[A-Z]$/.test(char)) return `Alt-Shift-${char}`;
	return `Alt-${char}`;
}

/**
 * A navigation key held with modifiers no row binds it with acts as with one of them,
 * or none: Ctrl-Alt-Left moves a word as Ctrl-Left does, Shift-PgUp scrolls as PgUp.
 */
function navigationChordNames(name: string, {ctrl, alt, shift}: Modifiers): string[] {
	const held = [...(ctrl ? ['Ctrl'] : []), ...(alt ? ['Alt'] : []), ...(shift ? ['Shift'] : [])];
	return [[...held, name].join('-'), ...held.map((modifier) => `${modifier}-${name}`), name];
}
