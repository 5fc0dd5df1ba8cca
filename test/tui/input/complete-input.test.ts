import test from 'ava';
import {applyCompletion, completeInput, cycleCompletion} from '../../../tui/input/index.js';
import type {ChatState} from '../../../tui/state/index.js';
import {online, receive} from '../state/fixtures.js';

/** Completes at the end of `text` and returns the new text. */
function complete(text: string, state: ChatState): string | undefined {
	const completion = completeInput(text, text.length, state);
	return completion && applyCompletion(text, completion).text;
}

function withUsers(): ChatState {
	return receive(online(), 'ONLINE alan lobby', 'ONLINE Albert night', 'GROUP_CREATED nightshift carol');
}

test('a unique slash command completes, with a space when a parameter follows', (t) => {
	t.is(complete('/jo', online()), '/join ');
	t.is(complete('/gr', online()), '/groups');
	t.is(complete('/H', online()), '/help');
	t.is(complete('/ms', online()), '/msg ', 'aliases complete too');
	t.is(complete('/q', online()), '/qu', 'to what /query and /quit share');
});

test('a bare slash offers every command, in table order, cycling both ways', (t) => {
	const all = completeInput('/', 1, online())!;
	t.deepEqual(all.candidates, [
		'/dm',
		'/msg',
		'/query',
		'/me',
		'/join',
		'/new',
		'/groups',
		'/list',
		'/search',
		'/goto',
		'/page',
		'/ack',
		'/register',
		'/help',
		'/quit',
	]);
	t.is(all.replacement, '/dm');
	t.is(cycleCompletion(all).replacement, '/msg');
	t.is(cycleCompletion(all, -1).replacement, '/quit');
});

test('user names complete after /dm, without yourself', (t) => {
	const state = withUsers();
	t.is(complete('/dm b', state), '/dm bob ');
	const many = completeInput('/dm ', 4, state)!;
	t.deepEqual(many.candidates, ['alan', 'Albert', 'bob', 'carol']);
});

test('several names extend to their common prefix first, then cycle', (t) => {
	const first = completeInput('/dm a', 5, withUsers())!;
	t.deepEqual(first.candidates, ['alan', 'Albert']);
	t.is(first.replacement, 'al');
	t.is(first.index, -1);
	const second = cycleCompletion(first);
	t.is(second.replacement, 'alan');
	t.is(cycleCompletion(second).replacement, 'Albert');
	t.is(cycleCompletion(cycleCompletion(second)).replacement, 'alan', 'wraps around');
	t.is(applyCompletion('/dm a', second).text, '/dm alan');
});

test('group names complete after /join and /new', (t) => {
	const state = withUsers();
	t.deepEqual(completeInput('/join n', 7, state)!.candidates, ['night', 'nightshift']);
	t.is(complete('/join l', state), '/join lobby');
	t.is(complete('/new nights', state), '/new nightshift');
});

test('user names complete in any word of a message, with or without @', (t) => {
	const state = withUsers();
	t.is(complete('thanks ca', state), 'thanks carol ');
	t.is(complete('ping @bo', state), 'ping @bob ');
	t.is(complete('ca', state), 'carol ');
});

test('completion works before the end of the text and replaces only the word before the cursor', (t) => {
	const text = '/dm bo hello';
	const completion = completeInput(text, 6, withUsers())!;
	t.like(completion, {start: 4, end: 6, replacement: 'bob'});
	t.deepEqual(applyCompletion(text, completion), {text: '/dm bob hello', cursor: 7});
});

test('nothing to complete is undefined', (t) => {
	const state = withUsers();
	t.is(completeInput('hello ', 6, state), undefined, 'no word started');
	t.is(completeInput('zz', 2, state), undefined);
	t.is(completeInput('/zz', 3, state), undefined);
	t.is(completeInput('ali', 3, state), undefined, 'never yourself');
});
