/**
 * The one table of key bindings: a decoded key becomes either an edit of the input
 * line or an intent for the app (send, complete, scroll, switch conversation, quit).
 *
 *   Key                                   Binding
 *   ------------------------------------  ---------------------------------------
 *   text, bracketed paste                 insert
 *   Enter                                 app: submit
 *   Tab / Shift-Tab                       app: complete / completePrevious
 *   Backspace (Ctrl-H)                    backspace
 *   Delete                                delete
 *   Ctrl-D                                app: quit on an empty line, else delete
 *   Left / Right, Ctrl-B / Ctrl-F         left / right
 *   Ctrl- or Alt-Left/Right, Alt-B/Alt-F  wordLeft / wordRight
 *   Home, Ctrl-A                          home
 *   End, Ctrl-E                           end (always the line's end, never scrolling)
 *   Ctrl-U / Ctrl-K                       killToStart / killToEnd
 *   Ctrl-W, Alt-Backspace                 killWordBack
 *   Up / Down                             historyPrev / historyNext
 *   Alt-Up / Alt-Down, Ctrl-P / Ctrl-N    app: prevConversation / nextConversation
 *   PgUp / PgDn                           app: scrollUp / scrollDown
 *   Ctrl-End, Escape                      app: scrollEnd (back to live messages)
 *   Ctrl-C                                app: quit
 *   Ctrl-L                                app: redraw
 *
 * Anything else is unbound and ignored (never inserted as text).
 */

import type {Key} from './keys.js';
import type {EditorAction} from './line-editor.js';

export type AppIntent =
	| 'submit'
	| 'complete'
	| 'completePrevious'
	| 'scrollUp'
	| 'scrollDown'
	| 'scrollEnd'
	| 'nextConversation'
	| 'prevConversation'
	| 'quit'
	| 'redraw';

export type Binding =
	{readonly kind: 'editor'; readonly action: EditorAction} | {readonly kind: 'app'; readonly intent: AppIntent};

const edit = (action: EditorAction): Binding => ({kind: 'editor', action});
const app = (intent: AppIntent): Binding => ({kind: 'app', intent});

const CTRL_BINDINGS: Partial<Record<string, Binding>> = {
	a: edit({type: 'home'}),
	b: edit({type: 'left'}),
	c: app('quit'),
	e: edit({type: 'end'}),
	f: edit({type: 'right'}),
	k: edit({type: 'killToEnd'}),
	l: app('redraw'),
	n: app('nextConversation'),
	p: app('prevConversation'),
	u: edit({type: 'killToStart'}),
	w: edit({type: 'killWordBack'}),
};

const ALT_BINDINGS: Partial<Record<string, Binding>> = {
	b: edit({type: 'wordLeft'}),
	f: edit({type: 'wordRight'}),
};

/** What `key` does; `lineIsEmpty` decides Ctrl-D (quit vs delete, as in a shell). */
export function bindingFor(key: Key, lineIsEmpty: boolean): Binding | undefined {
	switch (key.type) {
		case 'text':
		case 'paste':
			return edit({type: 'insert', text: key.text});
		case 'enter':
			return key.alt ? undefined : app('submit');
		case 'tab':
			return app('complete');
		case 'backTab':
			return app('completePrevious');
		case 'backspace':
			return edit({type: key.alt ? 'killWordBack' : 'backspace'});
		case 'escape':
			return app('scrollEnd');
		case 'ctrl':
			if (key.name === 'd') return lineIsEmpty ? app('quit') : edit({type: 'delete'});
			return CTRL_BINDINGS[key.name];
		case 'alt':
			return ALT_BINDINGS[key.char];
		case 'nav':
			return navigationBinding(key);
		case 'unknown':
			return undefined;
	}
}

function navigationBinding(key: Extract<Key, {type: 'nav'}>): Binding | undefined {
	const {ctrl, alt} = key.modifiers;
	switch (key.name) {
		case 'left':
			return edit({type: ctrl || alt ? 'wordLeft' : 'left'});
		case 'right':
			return edit({type: ctrl || alt ? 'wordRight' : 'right'});
		case 'up':
			return alt ? app('prevConversation') : edit({type: 'historyPrev'});
		case 'down':
			return alt ? app('nextConversation') : edit({type: 'historyNext'});
		case 'home':
			return edit({type: 'home'});
		case 'end':
			return ctrl ? app('scrollEnd') : edit({type: 'end'});
		case 'pageUp':
			return app('scrollUp');
		case 'pageDown':
			return app('scrollDown');
		case 'delete':
			return edit({type: 'delete'});
		case 'insert':
			return undefined;
	}
}
