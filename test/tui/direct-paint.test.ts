/**
 * A message that only the history pane shows is painted without React: the pane lays
 * out its rows, paints them into its slots and asks the writer for the frame
 * (chat-store.ts, HistoryPane.tsx). So is a keystroke that only the input line shows
 * (editor-store.ts, InputLine.tsx). What they paint must be what React would draw, and
 * every change that shows anywhere else, or that the live rows cannot show, must still
 * go through React. The writer's `frameNow` is watched to tell which path drew a frame.
 */
import test, {type ExecutionContext} from 'ava';
import {createFrameWriter} from '../../tui/terminal/frame-writer.js';
import {startWithManualFrameClock} from '../helpers/manual-frames.js';
import {nextTurn} from '../helpers/next-turn.js';
import {isScrolled} from '../../tui/state/index.js';
import {messages, until} from './session/helpers.js';

/**
 * Counts the writer's `frameNow` calls that drew a frame, for the whole file (its tests
 * run one at a time), and keeps the last one's word on how far the history's rows moved.
 */
const {drawnDirectly, lastShift} = (() => {
	const prototype = Object.getPrototypeOf(createFrameWriter({output: {write: () => true}, columns: 10, rows: 5})) as {
		frameNow(shift?: number): boolean;
	};
	const frameNow = prototype.frameNow;
	let count = 0;
	let shift: number | undefined;
	prototype.frameNow = function (this: unknown, given?: number) {
		const drawn = frameNow.call(this, given);
		count += drawn ? 1 : 0;
		shift = given;
		return drawn;
	};
	return {drawnDirectly: () => count, lastShift: () => shift};
})();

async function settle(): Promise<void> {
	for (let turn = 0; turn < 5; turn++) {
		await nextTurn();
	}
}

/** The screen's history rows (below the title, above the rule and input), the sidebar cut off. */
function historyRows(rows: readonly string[]): string[] {
	return rows.slice(1, 27).map((row) => row.slice(0, 70).trimEnd());
}

async function quit(t: ExecutionContext, term: {type(keys: string): void}, exit: Promise<number>) {
	term.type('\x15/quit\r');
	t.is(await exit, 0);
}

test.serial('a lone message while live is one frame, drawn directly, and shows as React draws it', async (t) => {
	const {term, exit, timer, bob, frames} = await startWithManualFrameClock(t);
	const before = {frames: frames(), direct: drawnDirectly()};
	bob.send('MESSAGE first of the shift');
	await term.waitForScreen('<bob> first of the shift');
	timer.advance(16);
	bob.send('MESSAGE bed 7 obs due at 14:00, BP 128/84, please review the fluid chart before the round');
	const painted = await term.waitForScreen('before the round');
	await settle();
	t.is(frames() - before.frames, 2, 'one frame per message');
	t.is(drawnDirectly() - before.direct, 2, 'both drawn without React');
	// Two rows at 100x30 with the sidebar: the writer is told, and need not search for the scroll.
	t.is(lastShift(), 2, 'the history says how far its rows moved');

	// Ctrl-L repaints the last frame whole; a resize away and back makes React render every pane anew.
	await term.resize(100, 29);
	await term.waitForScreen((rows) => rows.length === 29 && rows[28]!.startsWith(' online │'));
	await term.resize(100, 30);
	const rendered = await term.waitForScreen((rows) => rows[29]!.startsWith(' online │'));
	t.deepEqual(historyRows(rendered), historyRows(painted), 'React draws the same history');
	t.true(historyRows(painted).some((row) => row.includes('<bob> first of the shift')));
	await quit(t, term, exit);
});

test.serial('a burst drawn directly is still one frame per interval', async (t) => {
	const {term, session, exit, timer, bob, frames} = await startWithManualFrameClock(t);
	const before = {frames: frames(), direct: drawnDirectly()};
	for (let index = 1; index <= 50; index++) {
		bob.send(`MESSAGE wave ${index}`);
	}

	await term.waitForScreen('<bob> wave 1');
	await until(session, 'all 50 received', (s) => messages(s).at(-1)?.text === 'wave 50');
	await settle();
	timer.advance(16);
	await term.waitForScreen('<bob> wave 50');
	await settle();
	t.true(frames() - before.frames <= 3, `${frames() - before.frames} frames for 50 messages`);
	t.is(drawnDirectly() - before.direct, frames() - before.frames, 'every one of them drawn directly');
	await quit(t, term, exit);
});

test.serial('scrolled up, a message goes through React: the hint below counts it', async (t) => {
	const {term, session, exit, timer, bob} = await startWithManualFrameClock(t);
	for (let index = 1; index <= 40; index++) {
		bob.send(`MESSAGE line ${index}`);
	}

	await term.waitForScreen('<bob> line 1');
	await until(session, 'all 40 received', (s) => messages(s).at(-1)?.text === 'line 40');
	await settle();
	timer.advance(16);
	await term.waitForScreen('<bob> line 40');
	term.type('\x1b[5~'); // PgUp
	await term.waitForScreen('Scrolled up');
	timer.advance(16);
	const direct = drawnDirectly();
	bob.send('MESSAGE while you were up');
	await until(session, 'received', (s) => messages(s).at(-1)?.text === 'while you were up');
	timer.advance(16);
	await term.waitForScreen('1 new message below');
	t.is(drawnDirectly(), direct, 'not drawn directly');
	t.false(
		(await term.screen()).some((row) => row.includes('while you were up')),
		'counted, not jumped to',
	);
	term.type('\x1b'); // Esc: back to live
	await until(session, 'live again', (s) => !isScrolled(s.scroll));
	timer.advance(16);
	await term.waitForScreen('<bob> while you were up');
	await quit(t, term, exit);
});

test.serial('a message another pane shows as well (a DM the sidebar counts) goes through React', async (t) => {
	const {term, exit, timer, bob} = await startWithManualFrameClock(t);
	const direct = drawnDirectly();
	bob.send('DM alice are you free for bed 12');
	await term.waitForScreen((rows) => rows.some((row) => /bob.*1/.test(row.slice(70))));
	timer.advance(16);
	t.is(drawnDirectly(), direct);
	// Back in the lobby, the next message is the history's alone again.
	bob.send('MESSAGE lobby again');
	await term.waitForScreen('<bob> lobby again');
	t.is(drawnDirectly(), direct + 1);
	await quit(t, term, exit);
});

test.serial('with a draft on the input line, a message is still drawn directly, and the draft stays', async (t) => {
	const {term, exit, timer, bob} = await startWithManualFrameClock(t);
	term.type('half a reply');
	await term.waitForScreen('#lobby› half a reply');
	timer.advance(16);
	const direct = drawnDirectly();
	bob.send('MESSAGE meanwhile, bed 3');
	const screen = await term.waitForScreen('<bob> meanwhile, bed 3');
	t.is(drawnDirectly(), direct + 1, 'the rule counts the draft, and the message does not change its count');
	t.is(screen[28], '#lobby› half a reply');
	await quit(t, term, exit);
});

/** The input line's row at 100x30. */
const INPUT_ROW = 28;

test.serial(
	'a keystroke that changes the input line alone is drawn directly, caret and all, as React draws it',
	async (t) => {
		const {term, exit} = await startWithManualFrameClock(t);
		const before = drawnDirectly();
		for (const [key, line] of [
			['b', '#lobby› b'],
			['e', '#lobby› be'],
			['d', '#lobby› bed'],
		] as const) {
			term.type(key);
			await term.waitForScreen((rows) => rows[INPUT_ROW] === line);
		}

		t.is(drawnDirectly() - before, 3, 'a frame each, none from React');
		t.deepEqual(await term.cursor(), {x: 11, y: INPUT_ROW});
		term.type('\x1b[D'); // Left
		await settle();
		t.deepEqual(await term.cursor(), {x: 10, y: INPUT_ROW}, 'the caret alone moves');
		t.is(drawnDirectly() - before, 4);

		// A resize away and back makes React render every pane anew: the same line, the same caret.
		await term.resize(100, 29);
		await term.waitForScreen((rows) => rows.length === 29 && rows[28]!.startsWith(' online │'));
		await term.resize(100, 30);
		const rendered = await term.waitForScreen((rows) => rows[29]!.startsWith(' online │'));
		t.is(rendered[INPUT_ROW], '#lobby› bed');
		t.deepEqual(await term.cursor(), {x: 10, y: INPUT_ROW});

		const direct = drawnDirectly();
		term.type('X');
		await term.waitForScreen((rows) => rows[INPUT_ROW] === '#lobby› beXd');
		t.is(drawnDirectly(), direct + 1, 'after React, keys are drawn directly again');
		t.deepEqual(await term.cursor(), {x: 11, y: INPUT_ROW});
		term.type('\x05'); // Ctrl-E: to the end, so that quit's Ctrl-U clears the line
		await quit(t, term, exit);
	},
);

test.serial(
	'a key that changes the rule as well (a paste of two lines, and its undoing) goes through React',
	async (t) => {
		const {term, exit} = await startWithManualFrameClock(t);
		const before = drawnDirectly();
		term.type('\x1b[200~bed 4\rbed 5\x1b[201~');
		const pasted = await term.waitForScreen('Enter sends 2 messages');
		t.is(pasted[INPUT_ROW], '#lobby› bed 4⏎bed 5');
		t.is(drawnDirectly(), before, 'the rule counts the messages: React draws it');

		term.type('\x15'); // Ctrl-U: the line and the count go
		await term.waitForScreen((rows) => rows[INPUT_ROW]!.startsWith('#lobby› message'));
		t.false((await term.screen()).some((row) => row.includes('Enter sends')));
		t.is(drawnDirectly(), before, 'the count went: React draws it');

		term.type('x');
		await term.waitForScreen((rows) => rows[INPUT_ROW] === '#lobby› x');
		t.is(drawnDirectly(), before + 1, 'a key the rule does not show is drawn directly');
		await quit(t, term, exit);
	},
);

test.serial(
	'a key typed while a change React draws waits for the clock: the change is drawn with the key, at once',
	async (t) => {
		const {term, session, exit, bob} = await startWithManualFrameClock(t);
		bob.send('MESSAGE first');
		await term.waitForScreen('<bob> first');
		// The sidebar counts a DM: React's to draw, and it waits for the interval's end.
		bob.send('DM alice bed 12?');
		await until(session, 'the DM arrived', (s) => s.conversations.size === 2);
		await settle();
		t.false(
			(await term.screen()).some((row) => /bob.*1/.test(row.slice(70))),
			'not drawn yet',
		);
		const before = drawnDirectly();
		term.type('y');
		const typed = await term.waitForScreen((rows) => rows[INPUT_ROW] === '#lobby› y');
		t.true(
			typed.some((row) => /bob.*1/.test(row.slice(70))),
			'React drew the DM when the key came, before the key was drawn',
		);
		t.is(drawnDirectly(), before + 1, 'the key itself drawn directly');
		await quit(t, term, exit);
	},
);
