import test from 'ava';
import stringWidth from 'string-width';
import {
	editorReducer,
	initialEditorState,
	type EditorAction,
	type EditorState,
} from '../../../tui/editor/line-editor.js';
import {segmentedWindow, visibleWindow} from '../../../tui/layout/visible-window.js';
import {integer, pick, seededRandom} from '../../helpers/seeded-random.js';

/** A line holding `text` with the cursor at `cursor` (default: the end). */
function line(text: string, cursor = text.length): EditorState {
	return {...initialEditorState(), text, cursor};
}

const right: EditorAction = {type: 'right'};

test('a short line is shown whole with the cursor where it is', (t) => {
	t.deepEqual(visibleWindow('hello', 5, 10), {text: 'hello', start: 0, end: 5, cursorOffset: 5, cursorColumn: 5});
	t.deepEqual(visibleWindow('hello', 2, 10), {text: 'hello', start: 0, end: 5, cursorOffset: 2, cursorColumn: 2});
});

test('a long line scrolls so the cursor cell stays on screen', (t) => {
	t.deepEqual(visibleWindow('abcdefghij', 10, 5), {text: 'ghij', start: 6, end: 10, cursorOffset: 4, cursorColumn: 4});
	t.deepEqual(visibleWindow('abcdefghij', 0, 5), {text: 'abcde', start: 0, end: 5, cursorOffset: 0, cursorColumn: 0});
});

test('wide characters count two columns and are never cut under the cursor', (t) => {
	const text = '古古古古古';
	t.deepEqual(visibleWindow(text, 5, 5), {text: '古古', start: 3, end: 5, cursorOffset: 2, cursorColumn: 4});
	t.deepEqual(visibleWindow(text, 2, 5), {text: '古古', start: 1, end: 3, cursorOffset: 1, cursorColumn: 2});
	t.deepEqual(visibleWindow('👍🏽👍🏽👍🏽', '👍🏽'.length * 3, 4), {
		text: '👍🏽',
		start: '👍🏽'.length * 2,
		end: '👍🏽'.length * 3,
		cursorOffset: '👍🏽'.length,
		cursorColumn: 2,
	});
});

test('newlines in the buffer show as ⏎', (t) => {
	const window = visibleWindow('one\ntwo', 7, 20);
	t.is(window.text, 'one⏎two');
	t.is(window.cursorColumn, 7);
});

test('for every cursor and width the cursor is visible and columns add up', (t) => {
	const text = 'ab古👍🏽c\ne\u0301🇫🇷d👨‍👩‍👧 xyz古';
	const boundaries = [0];
	for (let state = line(text, 0); state.cursor < text.length;) {
		state = editorReducer(state, right);
		boundaries.push(state.cursor);
	}
	for (let width = 2; width <= 25; width++) {
		for (const cursor of boundaries) {
			const window = visibleWindow(text, cursor, width);
			const label = `width ${width}, cursor ${cursor}`;
			t.true(window.start <= cursor && cursor <= window.end, label);
			t.is(window.cursorOffset, cursor - window.start, label);
			t.is(window.text.length, window.end - window.start, label);
			t.is(stringWidth(window.text.slice(0, window.cursorOffset)), window.cursorColumn, label);
			t.true(stringWidth(window.text) <= width, label);
			const underCursor = cursor < text.length ? editorReducer(line(text, cursor), right).cursor - cursor : 0;
			const cursorCell = Math.max(
				1,
				stringWidth(window.text.slice(window.cursorOffset, window.cursorOffset + underCursor)),
			);
			t.true(window.cursorColumn + cursorCell <= width, label);
		}
	}
});

test('other control characters and invisible ones show as visibleText shows them', (t) => {
	t.deepEqual(visibleWindow('a\x1b[2Jb', 6, 20), {text: 'a␛[2Jb', start: 0, end: 6, cursorOffset: 6, cursorColumn: 6});
	t.deepEqual(visibleWindow('a\u200bb', 1, 20), {text: 'ab', start: 0, end: 3, cursorOffset: 1, cursorColumn: 1});
	// A C1 control's stand-in is longer than the character: the cursor is counted in what is shown.
	t.deepEqual(visibleWindow('\x9bx', 2, 20), {text: '\\x9bx', start: 0, end: 2, cursorOffset: 5, cursorColumn: 5});
});

test('a line of printable ASCII is windowed as its graphemes would be', (t) => {
	const random = seededRandom(21);
	const characters = [' ', '~', 'a', 'Z', '0', '/', '\\', '"', '.'];
	let compared = 0;
	for (let index = 0; index < 3000; index++) {
		const text = Array.from({length: integer(random, 0, 40)}, () => pick(random, characters)).join('');
		const cursor = pick(random, [
			integer(random, -2, text.length + 2),
			integer(random, 0, text.length) + 0.5,
			Number.NaN,
		]);
		const width = pick(random, [integer(random, -1, 45), integer(random, 1, 10) + 0.5]);
		t.deepEqual(
			visibleWindow(text, cursor, width),
			segmentedWindow(text, cursor, width),
			JSON.stringify({text, cursor, width}),
		);
		compared++;
	}
	t.is(compared, 3000);
	// Anything else goes by graphemes: a tab, a control character, a wide one.
	for (const text of ['a\tb', 'a\u001bb', 'a古b', 'caf\u00e9']) {
		t.deepEqual(visibleWindow(text, 1, 3), segmentedWindow(text, 1, 3));
	}
});
