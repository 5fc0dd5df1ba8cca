import test from 'ava';
import {
	MAX_HISTORY,
	editorReducer,
	graphemeCount,
	initialEditorState,
	type EditorAction,
	type EditorState,
} from '../../../tui/editor/line-editor.js';
import {integer, pick as pickOne, seededRandom} from '../../helpers/seeded-random.js';

function run(state: EditorState, ...actions: EditorAction[]): EditorState {
	return actions.reduce(editorReducer, state);
}

/** A line holding `text` with the cursor at `cursor` (default: the end). */
function line(text: string, cursor = text.length): EditorState {
	return {...initialEditorState(), text, cursor};
}

const left: EditorAction = {type: 'left'};
const right: EditorAction = {type: 'right'};
const backspace: EditorAction = {type: 'backspace'};
const del: EditorAction = {type: 'delete'};
const submit: EditorAction = {type: 'submit'};
const up: EditorAction = {type: 'historyPrev'};
const down: EditorAction = {type: 'historyNext'};
const insert = (text: string): EditorAction => ({type: 'insert', text});

test('insert puts text at the cursor and moves the cursor past it', (t) => {
	const state = run(line('held'), {type: 'home'}, insert('up'), right, insert('-'));
	t.is(state.text, 'uph-eld');
	t.is(state.cursor, 4);
});

const clusters: Array<[string, string]> = [
	['skin-tone emoji', '👍🏽'],
	['ZWJ family', '👨‍👩‍👧'],
	['flag', '🇫🇷'],
	['combining accent', 'e\u0301'],
	['CJK', '古'],
];

for (const [name, cluster] of clusters) {
	test(`a ${name} is one character for motion and deletion`, (t) => {
		const text = `a${cluster}b`;
		t.is(graphemeCount(text), 3);

		const beforeB = run(line(text), left);
		t.is(beforeB.cursor, 1 + cluster.length);
		const beforeCluster = run(beforeB, left);
		t.is(beforeCluster.cursor, 1);
		t.is(run(beforeCluster, right).cursor, 1 + cluster.length);

		const backspaced = run(beforeB, backspace);
		t.is(backspaced.text, 'ab');
		t.is(backspaced.cursor, 1);

		const deleted = run(beforeCluster, del);
		t.is(deleted.text, 'ab');
		t.is(deleted.cursor, 1);
	});
}

test('typing a combining accent after a letter makes one character', (t) => {
	const state = run(initialEditorState(), insert('e'), insert('\u0301'));
	t.is(graphemeCount(state.text), 1);
	t.is(state.cursor, 2);
	t.is(run(state, backspace).text, '');
});

test('inserting a letter before a lone accent keeps the cursor on a boundary', (t) => {
	const state = run(line('\u0301', 0), insert('e'));
	t.is(state.text, 'e\u0301');
	t.is(state.cursor, 2);
});

test('motion and deletion stop at the ends of the line', (t) => {
	t.is(run(line('ab', 0), left, backspace).text, 'ab');
	t.is(run(line('ab'), right, del).text, 'ab');
	t.is(run(line('ab'), right).cursor, 2);
});

test('word motion jumps over words and the punctuation between them', (t) => {
	const text = 'hello, big world';
	const wordLeft: EditorAction = {type: 'wordLeft'};
	const wordRight: EditorAction = {type: 'wordRight'};
	t.is(run(line(text), wordLeft).cursor, 11);
	t.is(run(line(text), wordLeft, wordLeft).cursor, 7);
	t.is(run(line(text), wordLeft, wordLeft, wordLeft).cursor, 0);
	t.is(run(line(text, 0), wordRight).cursor, 5);
	t.is(run(line(text, 0), wordRight, wordRight).cursor, 10);
	t.is(run(line(text, 0), wordRight, wordRight, wordRight).cursor, 16);
	t.is(run(line('👍🏽 héllo', 0), wordRight).cursor, '👍🏽 héllo'.length);
});

test('Ctrl-W deletes the word before the cursor and the spaces after it', (t) => {
	const kill: EditorAction = {type: 'killWordBack'};
	t.deepEqual(pick(run(line('hello world  '), kill)), {text: 'hello ', cursor: 6});
	t.deepEqual(pick(run(line('hello world  '), kill, kill)), {text: '', cursor: 0});
	t.deepEqual(pick(run(line('see http://x.y/z'), kill)), {text: 'see ', cursor: 4});
	t.deepEqual(pick(run(line('one two three', 7), kill)), {text: 'one  three', cursor: 4});
	t.deepEqual(pick(run(line('a 👨‍👩‍👧👍🏽'), kill)), {text: 'a ', cursor: 2});
});

test('Ctrl-U kills to the start and Ctrl-K to the end', (t) => {
	t.deepEqual(pick(run(line('hello world', 5), {type: 'killToStart'})), {text: ' world', cursor: 0});
	t.deepEqual(pick(run(line('hello world', 5), {type: 'killToEnd'})), {text: 'hello', cursor: 5});
});

test('home and end go to the ends of the buffer', (t) => {
	t.is(run(line('a\nb', 2), {type: 'home'}).cursor, 0);
	t.is(run(line('a\nb', 0), {type: 'end'}).cursor, 3);
});

test('a multi-line paste stays in the buffer with LF line ends', (t) => {
	const state = run(line('>'), insert('line 1\rline 2\r\nline 3\n'));
	t.is(state.text, '>line 1\nline 2\nline 3\n');
	t.is(state.cursor, state.text.length);
});

test('control characters are dropped from inserted text, tabs kept', (t) => {
	t.is(run(initialEditorState(), insert('a\x1b[31mb\x00c\td\u0085')).text, 'a[31mbc\td');
});

test('submit clears the line and records it in history', (t) => {
	const state = run(line('hello'), submit);
	t.deepEqual(pick(state), {text: '', cursor: 0});
	t.deepEqual(state.history, ['hello']);
});

test('submit skips blank lines and a repeat of the newest entry', (t) => {
	const state = run(
		initialEditorState(),
		insert('a'),
		submit,
		submit,
		insert('   '),
		submit,
		insert('a'),
		submit,
		insert('b'),
		submit,
		insert('a'),
		submit,
	);
	t.deepEqual(state.history, ['a', 'b', 'a']);
});

test('history recall keeps the draft and restores it past the newest entry', (t) => {
	const typed = run(initialEditorState(['first', 'second']), insert('dra'), left);
	const newest = run(typed, up);
	t.deepEqual(pick(newest), {text: 'second', cursor: 6});
	const oldest = run(newest, up);
	t.deepEqual(pick(oldest), {text: 'first', cursor: 5});
	t.deepEqual(pick(run(oldest, up)), {text: 'first', cursor: 5}, 'stays at the oldest');
	t.is(run(oldest, down).text, 'second');
	const back = run(oldest, down, down);
	t.deepEqual(pick(back), {text: 'dra', cursor: 3});
	t.is(back.historyIndex, null);
	t.deepEqual(pick(run(back, down)), {text: 'dra', cursor: 3}, 'nothing below the draft');
});

test('Up with no history and Down when not browsing do nothing', (t) => {
	const state = line('typing');
	t.is(run(state, up), state);
	t.is(run(line('x'), down).text, 'x');
});

test('a recalled line can be edited and sent as a new entry', (t) => {
	const state = run(initialEditorState(['hello']), insert('draft'), up, insert('!'), submit);
	t.deepEqual(state.history, ['hello', 'hello!']);
	t.is(state.historyIndex, null);
	t.is(run(state, up).text, 'hello!');
	t.is(run(state, up, down).text, '', 'the draft was consumed by the submit');
});

test('history is bounded, forgetting the oldest lines', (t) => {
	const many = Array.from({length: MAX_HISTORY + 100}, (_, i) => `line ${i}`);
	const loaded = initialEditorState(many);
	t.is(loaded.history.length, MAX_HISTORY);
	t.is(loaded.history[0], 'line 100');
	const after = run(loaded, insert('new'), submit);
	t.is(after.history.length, MAX_HISTORY);
	t.is(after.history[0], 'line 101');
	t.is(after.history.at(-1), 'new');
});

test('replaceWordBeforeCursor replaces the token ending at the cursor', (t) => {
	const replace = (text: string): EditorAction => ({type: 'replaceWordBeforeCursor', text});
	t.deepEqual(pick(run(line('hi @al'), replace('@alice '))), {text: 'hi @alice ', cursor: 10});
	t.deepEqual(pick(run(line('hi @al there', 6), replace('@alice'))), {text: 'hi @alice there', cursor: 9});
	t.deepEqual(pick(run(line('/jo'), replace('/join '))), {text: '/join ', cursor: 6});
	t.deepEqual(pick(run(line('hi '), replace('@bob'))), {text: 'hi @bob', cursor: 7});
});

test('set replaces the buffer and puts the cursor at the end', (t) => {
	t.deepEqual(pick(run(line('old', 1), {type: 'set', text: 'brand new'})), {text: 'brand new', cursor: 9});
});

test('the reducer never mutates the state it is given', (t) => {
	const frozen = Object.freeze({...initialEditorState(Object.freeze(['a']) as string[]), text: 'xy', cursor: 1});
	const all: EditorAction[] = [
		insert('z'),
		backspace,
		del,
		left,
		right,
		{type: 'wordLeft'},
		{type: 'wordRight'},
		{type: 'home'},
		{type: 'end'},
		{type: 'killToStart'},
		{type: 'killToEnd'},
		{type: 'killWordBack'},
		up,
		down,
		submit,
		{type: 'replaceWordBeforeCursor', text: 'q'},
		{type: 'set', text: 's'},
	];
	for (const action of all) t.notThrows(() => editorReducer(frozen, action), action.type);
	t.deepEqual(frozen.history, ['a']);
	t.is(frozen.text, 'xy');
});

test('graphemeCount counts what a reader sees', (t) => {
	t.is(graphemeCount(''), 0);
	t.is(graphemeCount('👍🏽👨‍👩‍👧🇫🇷e\u0301古a'), 6);
});

function pick(state: EditorState): {text: string; cursor: number} {
	return {text: state.text, cursor: state.cursor};
}

test('restoreDraft puts back a line and its caret (never inside an emoji), out of history browsing', (t) => {
	const browsing = run(line('typed'), submit, up);
	t.is(browsing.historyIndex, 0);
	const restored = run(browsing, {type: 'restoreDraft', text: 'bed 👍🏽 done', cursor: 5});
	t.like(restored, {text: 'bed 👍🏽 done', cursor: 8, historyIndex: null, draft: ''});
	t.deepEqual(restored.history, ['typed'], 'history stays');
	t.like(run(line('x'), {type: 'restoreDraft', text: '', cursor: 0}), {text: '', cursor: 0});
});

/** The grapheme boundaries of `text`, as the segmenter says, the end included. */
function boundaries(text: string): number[] {
	const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	return [...Array.from(segmenter.segment(text), (segment) => segment.index), text.length];
}

test('between printable ASCII the editor needs no segmenter, and moves and deletes by what a reader sees all the same', (t) => {
	// Printable ASCII mixed with what joins to it or to the next: combining marks, ZWJ
	// sequences, flags, emoji modifiers, Hangul jamo, a prepended mark, tabs and line breaks.
	const pieces = [
		'a',
		'b',
		' ',
		'~',
		'1',
		'\u0301',
		'\u200d',
		'👍',
		'🏽',
		'🇫🇷',
		'\u1100\u1161',
		'\u0600',
		'\t',
		'\n',
		'é',
	];
	const seed = Date.now();
	const random = seededRandom(seed);
	for (let round = 0; round < 2000; round++) {
		const text = Array.from({length: integer(random, 0, 12)}, () => pickOne(random, pieces)).join('');
		const stops = boundaries(text);
		const at = pickOne(random, stops);
		const index = stops.indexOf(at);
		const before = index > 0 ? stops[index - 1]! : at;
		const after = index < stops.length - 1 ? stops[index + 1]! : at;
		const where = `seed ${seed}, ${JSON.stringify(text)} at ${at}`;
		t.is(run(line(text, at), left).cursor, before, where);
		t.is(run(line(text, at), right).cursor, after, where);
		t.is(run(line(text, at), backspace).text, text.slice(0, before) + text.slice(at), where);
		t.is(run(line(text, at), del).text, text.slice(0, at) + text.slice(after), where);
		const inserted = run(line(text, at), insert(pickOne(random, pieces)));
		t.true(boundaries(inserted.text).includes(inserted.cursor), where);
	}
});
