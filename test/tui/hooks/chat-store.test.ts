/**
 * The store every pane reads the session through: one request of the frame clock per
 * change, passed on to every reader together; a key passes a waiting change on at once.
 */
import test from 'ava';
import {chatStore} from '../../../tui/hooks/chat-store.js';
import {createInitialState, type ChatState} from '../../../tui/state/index.js';
import {FrameClock} from '../../../tui/terminal/frame-clock.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';

/** Just what the store uses of a session: its state, changed by hand. */
function fakeSession() {
	let state: ChatState = createInitialState({host: 'localhost', port: 1, name: 'alice', clientIdPrefix: 't'});
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		subscribe(listener: () => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		change() {
			state = {...state, bell: state.bell + 1};
			for (const listener of listeners) {
				listener();
			}
		},
		listeners: () => listeners.size,
	};
}

function setup() {
	const session = fakeSession();
	const scheduler = new ManualScheduler();
	const store = chatStore(session, new FrameClock(scheduler, 16));
	const heard = [0, 0, 0];
	const unsubscribe = heard.map((_, reader) =>
		store.subscribe(() => {
			heard[reader]!++;
		}),
	);
	return {session, scheduler, store, heard, unsubscribe};
}

test('after a quiet interval a change reaches every reader at once, not only the first', (t) => {
	const {session, scheduler, store, heard} = setup();
	session.change();
	t.deepEqual(heard, [1, 1, 1]);
	t.is(scheduler.pending, 0, 'no timer');
	t.is(store.getState(), session.getState());
});

test('changes within an interval reach every reader once, together, at its end', (t) => {
	const {session, scheduler, heard} = setup();
	session.change();
	scheduler.advance(4);
	for (let change = 0; change < 100; change++) {
		session.change();
	}

	t.deepEqual(heard, [1, 1, 1], 'held for the frame clock');
	t.deepEqual(scheduler.pendingDelays, [12], 'one timer for all readers');
	scheduler.advance(12);
	t.deepEqual(heard, [2, 2, 2]);
});

test('flush (a key) passes a waiting change on at once; the interval then ends with nothing to pass on', (t) => {
	const {session, scheduler, store, heard} = setup();
	session.change();
	session.change();
	store.flush();
	t.deepEqual(heard, [2, 2, 2], 'the waiting change, now');
	store.flush();
	t.deepEqual(heard, [2, 2, 2], 'nothing waits any more');
	scheduler.advance(16);
	t.deepEqual(heard, [2, 2, 2], 'the end of the interval does not pass it on again');
});

test('once the last reader is gone the store stops listening to the session and leaves no timer', (t) => {
	const {session, scheduler, heard, unsubscribe} = setup();
	t.is(session.listeners(), 1, 'one subscription for all readers');
	session.change();
	session.change();
	t.is(scheduler.pending, 1);
	for (const stop of unsubscribe) {
		stop();
	}

	t.is(session.listeners(), 0);
	t.is(scheduler.pending, 0);
	scheduler.advance(100);
	t.deepEqual(heard, [1, 1, 1]);
});

test('without a clock every change reaches the readers at once', (t) => {
	const session = fakeSession();
	const store = chatStore(session, undefined);
	let heard = 0;
	store.subscribe(() => {
		heard++;
	});
	session.change();
	session.change();
	t.is(heard, 2);
});

test('waiting() is 0 unless a change waits for the clock, and differs for each change that does', (t) => {
	const {session, scheduler, store} = setup();
	t.is(store.waiting(), 0);
	session.change();
	t.is(store.waiting(), 0, 'passed on at once');
	session.change();
	const first = store.waiting();
	t.not(first, 0);
	session.change();
	t.not(store.waiting(), 0);
	t.not(store.waiting(), first, 'a newer change waits');
	scheduler.advance(16);
	t.is(store.waiting(), 0);
	session.change();
	session.change();
	store.flush();
	t.is(store.waiting(), 0);
});
