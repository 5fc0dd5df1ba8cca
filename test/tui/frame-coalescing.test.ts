/**
 * The client draws a burst of incoming messages in one frame per display refresh, not
 * one per message, while a key typed meanwhile is drawn at once. Deterministic: the
 * frame clock runs on a manual timer, so "an interval passes" is the test's call.
 */
import test from 'ava';
import {startWithManualFrameClock} from '../helpers/manual-frames.js';
import {nextTurn} from '../helpers/next-turn.js';
import {messages, until} from './session/helpers.js';

test('a burst of 100 incoming messages is drawn in 2 frames, and a key typed meanwhile at once', async (t) => {
	const {term, session, exit, timer, bob, frames} = await startWithManualFrameClock(t);

	const before = frames();
	bob.send('MESSAGE burst 1');
	await term.waitForScreen('<bob> burst 1');
	t.is(frames() - before, 1, 'a message after a quiet interval is drawn at once');
	// The rest arrive within the interval of that frame (the clock has not moved).
	for (let index = 2; index <= 100; index++) {
		bob.send(`MESSAGE burst ${index}`);
	}

	await until(session, 'all 100 received', (s) => messages(s).at(-1)?.text === 'burst 100');
	for (let turn = 0; turn < 5; turn++) {
		await nextTurn();
	}

	t.is(frames() - before, 1, '99 more messages, no frame yet: they wait for the end of the interval');
	t.false((await term.screen()).some((row) => row.includes('burst 100')));

	// A key is drawn at once, interval or not, and its frame shows the newest state.
	term.type('x');
	const typed = await term.waitForScreen((rows) => rows[28] === '#lobby› x');
	t.true(typed.some((row) => row.includes('<bob> burst 100')));
	t.is(frames() - before, 2);

	// The merged frame was drawn by the key: the interval's end has nothing left to draw.
	timer.advance(16);
	for (let turn = 0; turn < 5; turn++) {
		await nextTurn();
	}

	t.is(frames() - before, 2, '100 messages and a key: 2 frames');
	term.type('\x15/quit\r');
	t.is(await exit, 0);
});

test('without a key, the burst is drawn whole at the end of the interval', async (t) => {
	const {term, session, timer, bob, frames} = await startWithManualFrameClock(t);

	const before = frames();
	bob.send('MESSAGE wave 1');
	await term.waitForScreen('<bob> wave 1');
	for (let index = 2; index <= 500; index++) {
		bob.send(`MESSAGE wave ${index}`);
	}

	await until(session, 'all 500 received', (s) => messages(s).at(-1)?.text === 'wave 500');
	for (let turn = 0; turn < 5; turn++) {
		await nextTurn();
	}

	t.is(frames() - before, 1, 'only the first so far');
	timer.advance(16);
	await term.waitForScreen('<bob> wave 500');
	t.is(frames() - before, 2, '500 messages: the first at once, the rest in one frame');
});
