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

/** A view for which each change is one it shows while `changes()` says so. */
function view(painted: boolean, changes: () => boolean) {
	return {painted, showsSame: () => !changes()};
}

test('a change no other view shows goes to the direct painter, and no reader hears of it', (t) => {
	const {session, store, heard} = setup();
	const painted: ChatState[] = [];
	store.watch(view(true, () => true));
	store.watch(view(false, () => false));
	store.paintDirectly((state) => {
		painted.push(state);
		return true;
	});
	session.change();
	t.deepEqual(painted, [session.getState()], 'painted with the newest state');
	t.deepEqual(heard, [0, 0, 0], 'React is not asked to render');
	t.is(store.waiting(), 0, 'nothing waits: a later key renders nothing stale');
});

test('a change another view shows goes to the readers, and the direct painter is not asked', (t) => {
	const {session, scheduler, store, heard} = setup();
	let painted = 0;
	let sidebarChanges = false;
	store.watch(view(true, () => true));
	store.watch(view(false, () => sidebarChanges));
	store.paintDirectly(() => {
		painted++;
		return true;
	});
	sidebarChanges = true;
	session.change();
	t.is(painted, 0);
	t.deepEqual(heard, [1, 1, 1]);
	sidebarChanges = false;
	scheduler.advance(16);
	session.change();
	t.is(painted, 1, 'the next change only the painted view shows is painted');
	t.deepEqual(heard, [1, 1, 1]);
});

test('a change the direct painter declines goes to the readers', (t) => {
	const {session, store, heard} = setup();
	let asked = 0;
	store.watch(view(true, () => true));
	store.paintDirectly(() => {
		asked++;
		return false;
	});
	session.change();
	t.is(asked, 1);
	t.deepEqual(heard, [1, 1, 1]);
});

test('once the direct painter and a view are taken back, changes go to the readers as before', (t) => {
	const {session, scheduler, store, heard} = setup();
	let painted = 0;
	let otherChanges = false;
	const unwatch = store.watch(view(false, () => otherChanges));
	const stop = store.paintDirectly(() => {
		painted++;
		return true;
	});
	session.change();
	t.is(painted, 1);
	stop();
	scheduler.advance(16);
	session.change();
	t.is(painted, 1, 'the painter is gone');
	t.deepEqual(heard, [1, 1, 1]);
	// A painter taken back leaves a newer one alone; a view taken back is not asked.
	const newer = store.paintDirectly(() => {
		painted++;
		return true;
	});
	stop();
	otherChanges = true;
	unwatch();
	scheduler.advance(16);
	session.change();
	t.is(painted, 2, 'the newer painter took the change');
	t.deepEqual(heard, [1, 1, 1]);
	newer();
});

test('direct paints are held for the frame clock as renders are: a burst is one paint', (t) => {
	const {session, scheduler, store, heard} = setup();
	let painted = 0;
	store.paintDirectly(() => {
		painted++;
		return true;
	});
	for (let change = 0; change < 100; change++) {
		session.change();
	}

	t.is(painted, 1, 'the first at once');
	scheduler.advance(16);
	t.is(painted, 2, 'the other 99 in one paint at the end of the interval');
	t.deepEqual(heard, [0, 0, 0]);
});
