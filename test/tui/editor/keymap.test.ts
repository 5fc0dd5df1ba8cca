import test from 'ava';
import {createKeyDecoder} from '../../../tui/editor/keys.js';
import {bindingFor, KEY_TABLE, type Binding} from '../../../tui/editor/keymap.js';

/** What the bytes a terminal sends for one key are bound to. */
function bound(input: string, lineIsEmpty = false): Binding | undefined {
	const decoder = createKeyDecoder();
	const keys = [...decoder.feed(input), ...decoder.flush()];
	if (keys.length !== 1) throw new Error(`${JSON.stringify(input)} decoded to ${keys.length} keys`);
	return bindingFor(keys[0]!, lineIsEmpty);
}

const edit = (type: string): Binding => ({kind: 'editor', action: {type}}) as Binding;
const app = (intent: string): Binding => ({kind: 'app', intent}) as Binding;

const table: Array<[string, string, Binding | undefined]> = [
	['Enter', '\r', app('submit')],
	['Tab', '\t', app('complete')],
	['Shift-Tab', '\x1b[Z', app('completePrevious')],
	['Backspace', '\x7f', edit('backspace')],
	['Ctrl-H', '\b', edit('backspace')],
	['Delete', '\x1b[3~', edit('delete')],
	['Left', '\x1b[D', edit('left')],
	['Right', '\x1bOC', edit('right')],
	['Ctrl-B', '\x02', edit('left')],
	['Ctrl-F', '\x06', edit('right')],
	['Ctrl-Left', '\x1b[1;5D', edit('wordLeft')],
	['Ctrl-Right', '\x1b[1;5C', edit('wordRight')],
	['Alt-Left', '\x1b[1;3D', edit('wordLeft')],
	['Alt-Right', '\x1b[1;3C', edit('wordRight')],
	['Alt-B', '\x1bb', edit('wordLeft')],
	['Alt-F', '\x1bf', edit('wordRight')],
	['Home', '\x1b[H', edit('home')],
	['Ctrl-A', '\x01', edit('home')],
	['End', '\x1b[4~', edit('end')],
	['Ctrl-E', '\x05', edit('end')],
	['Ctrl-U', '\x15', edit('killToStart')],
	['Ctrl-K', '\x0b', edit('killToEnd')],
	['Ctrl-W', '\x17', edit('killWordBack')],
	['Alt-Backspace', '\x1b\x7f', edit('killWordBack')],
	['Up', '\x1b[A', edit('historyPrev')],
	['Down', '\x1bOB', edit('historyNext')],
	['Alt-Up', '\x1b[1;3A', app('prevConversation')],
	['Alt-Down', '\x1b[1;3B', app('nextConversation')],
	['Ctrl-P', '\x10', app('prevConversation')],
	['Ctrl-N', '\x0e', app('nextConversation')],
	['PgUp', '\x1b[5~', app('scrollUp')],
	['PgDn', '\x1b[6~', app('scrollDown')],
	['Ctrl-End', '\x1b[1;5F', app('scrollEnd')],
	['Escape', '\x1b', app('dismiss')],
	['Ctrl-C', '\x03', app('quit')],
	['Ctrl-L', '\x0c', app('redraw')],
	['F5', '\x1b[15~', undefined],
	['Insert', '\x1b[2~', undefined],
	['Ctrl-G', '\x07', undefined],
	['Alt-X', '\x1bx', undefined],
	// Modifiers no row binds a navigation key with are ignored, one at a time.
	['Shift-PgUp', '\x1b[5;2~', app('scrollUp')],
	['Shift-Left', '\x1b[1;2D', edit('left')],
	['Ctrl-Up', '\x1b[1;5A', edit('historyPrev')],
	['Ctrl-Home', '\x1b[1;5H', edit('home')],
	['Alt-End', '\x1b[1;3F', edit('end')],
	['Ctrl-Alt-End', '\x1b[1;7F', app('scrollEnd')],
	['Ctrl-Alt-Up', '\x1b[1;7A', app('prevConversation')],
	['Ctrl-Alt-Left', '\x1b[1;7D', edit('wordLeft')],
	// Other keys are bound exactly as named.
	['Alt-Shift-B', '\x1bB', undefined],
	['Alt-Enter', '\x1b\r', undefined],
];

for (const [name, input, expected] of table) {
	test(`${name} is bound to ${expected ? JSON.stringify(expected) : 'nothing'}`, (t) => {
		t.deepEqual(bound(input), expected);
	});
}

test('End is the end of the line even on an empty line', (t) => {
	t.deepEqual(bound('\x1b[F', true), edit('end'));
});

test('Ctrl-D quits on an empty line and deletes otherwise', (t) => {
	t.deepEqual(bound('\x04', true), app('quit'));
	t.deepEqual(bound('\x04', false), edit('delete'));
});

test('typed and pasted text are inserted as they are', (t) => {
	t.deepEqual(bound('héllo 古'), {kind: 'editor', action: {type: 'insert', text: 'héllo 古'}});
	t.deepEqual(bound('\x1b[200~a\rb\x1b[201~'), {kind: 'editor', action: {type: 'insert', text: 'a\rb'}});
});

test('every key a row of the key table binds is named in its words', (t) => {
	for (const row of KEY_TABLE) {
		for (const chord of Object.keys(row.bindings)) {
			t.true(`${row.keys} ${row.does}`.includes(chord), `${chord} in "${row.keys}"`);
		}
	}
});
