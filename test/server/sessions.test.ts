/**
 * The join between edge and chat, with in-memory peers: greeting, line-level errors,
 * the last safety net, and leaving.
 */
import test from 'ava';
import {Chat} from '../../server/chat/chat.js';
import {Dispatcher} from '../../server/commands/dispatcher.js';
import {HANDLERS} from '../../server/commands/table.js';
import {chatSessions} from '../../server/sessions.js';
import {CapturedLog} from '../helpers/capture-log.js';
import {testAccounts} from '../helpers/accounts.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {eagerStore} from '../helpers/store.js';

function setup(dispatcher?: Dispatcher) {
	const chat = new Chat({store: eagerStore()});
	const log = new CapturedLog();
	const sessions = chatSessions({
		chat,
		log,
		dispatcher: dispatcher ?? new Dispatcher({chat, accounts: testAccounts(chat), log, table: HANDLERS}),
	});
	let lastId = 0;
	const open = () => {
		const peer = new MemoryPeer();
		const session = sessions.open(peer, {id: ++lastId, remote: '127.0.0.1:1', address: '127.0.0.1', secure: false});
		return {peer, session};
	};

	return {chat, log, open};
}

test('a session greets at its first line, not before, then answers lines', (t) => {
	const {open} = setup();
	const {peer, session} = open();
	t.deepEqual(peer.take(), [], 'nothing before the client speaks');
	// The edge calls firstLine just before it hands over the first line.
	session.firstLine!();
	session.line('SET_NAME alice');
	t.deepEqual(peer.take(), [
		'HELLO 1 Welcome to chat. Register with SET_NAME <name>; HELP lists the commands.',
		'OK SET_NAME alice lobby Welcome, alice. You are in group lobby.',
	]);
});

test('line-level refusals name the limit and use * for the command', (t) => {
	const {open} = setup();
	const {peer, session} = open();
	peer.take();
	session.tooLong(8192);
	session.invalidUtf8();
	t.deepEqual(peer.take(), [
		'ERR LINE_TOO_LONG * Line longer than 8192 bytes; it was discarded.',
		'ERR INVALID_UTF8 * The line was not valid UTF-8; it was discarded.',
	]);
});

test('a failure outside any handler still gets an answer, ERR INTERNAL *, and is logged', (t) => {
	const broken = {
		dispatch() {
			throw new RangeError('dispatcher bug');
		},
	} as unknown as Dispatcher;
	const {open, log} = setup(broken);
	const {peer, session} = open();
	peer.take();
	session.line('HELP');
	t.deepEqual(peer.take(), [
		'ERR INTERNAL * The server failed while handling that line. Try again; if it keeps failing, tell the operator.',
	]);
	t.like(log.events('error')[0], {level: 'error', fields: {conn: 1, error: 'dispatcher bug'}});
});

test('closing a session removes its user at once, tells the others, logs it, and ignores later lines', (t) => {
	const {chat, log, open} = setup();
	const alice = open();
	const bob = open();
	alice.session.line('SET_NAME alice');
	bob.session.line('SET_NAME bob');
	alice.peer.take();
	bob.peer.take();
	bob.session.closed('eof');
	t.deepEqual(alice.peer.take(), ['OFFLINE bob lobby']);
	t.is(chat.userCount, 1);
	t.like(log.events('disconnect')[0], {fields: {conn: 2, user: 'bob', reason: 'eof', users: 1}});
	bob.session.line('HELP');
	t.deepEqual(bob.peer.take(), []);
});

test('an unregistered session leaves without a word to anyone', (t) => {
	const {log, open} = setup();
	const alice = open();
	alice.session.line('SET_NAME alice');
	alice.peer.take();
	const visitor = open();
	visitor.session.closed('error');
	t.deepEqual(alice.peer.take(), []);
	t.like(log.events('disconnect')[0], {fields: {conn: 2, user: undefined, reason: 'error', users: 1}});
});
