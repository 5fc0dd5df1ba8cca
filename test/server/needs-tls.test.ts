/**
 * Passwords travel over loopback or TLS only. The edge tells the session the remote
 * address and whether the socket is TLS; a test cannot connect from another host, so
 * the session is opened here as the edge would open it for one.
 */
import test from 'ava';
import {isLoopback} from '../../server/chat/accounts.js';
import {Chat} from '../../server/chat/chat.js';
import {Dispatcher} from '../../server/commands/dispatcher.js';
import {HANDLERS} from '../../server/commands/table.js';
import {chatSessions} from '../../server/sessions.js';
import {testAccounts} from '../helpers/accounts.js';
import {CapturedLog} from '../helpers/capture-log.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {eagerStore} from '../helpers/store.js';
import {eventually} from '../helpers/server.js';

function open(address: string, secure: boolean) {
	const chat = new Chat({store: eagerStore()});
	const log = new CapturedLog();
	const dispatcher = new Dispatcher({chat, accounts: testAccounts(chat), log, table: HANDLERS});
	const peer = new MemoryPeer();
	const session = chatSessions({chat, log, dispatcher}).open(peer, {id: 1, remote: `${address}:1`, address, secure});
	peer.take();
	return {peer, session};
}

/** The reply to a line whose answer comes after scrypt (or after a microtask, when refused before it). */
async function say({peer, session}: ReturnType<typeof open>, line: string): Promise<string[]> {
	const before = peer.sends.length;
	session.line(line);
	await eventually(`a reply to ${line}`, () => peer.sends.length > before);

	return peer.take();
}

const NEEDS_TLS =
	'Passwords are accepted only over TLS or from this host; connect with TLS to use one. Nothing was checked.';

test('from another host over plain TCP a password is refused with NEEDS_TLS, for a login and for SET_PASSWORD', async (t) => {
	const remote = open('192.0.2.7', false);
	t.deepEqual(await say(remote, 'SET_NAME alice correct horse battery'), [`ERR NEEDS_TLS SET_NAME ${NEEDS_TLS}`]);
	t.deepEqual(await say(remote, 'SET_NAME alice'), ['OK SET_NAME alice lobby Welcome, alice. You are in group lobby.']);
	t.deepEqual(await say(remote, 'SET_PASSWORD correct horse battery'), [`ERR NEEDS_TLS SET_PASSWORD ${NEEDS_TLS}`]);
});

test('over TLS from another host, or over loopback, the password is checked', async (t) => {
	for (const [address, secure] of [
		['192.0.2.7', true],
		['127.0.0.1', false],
		['::1', false],
	] as const) {
		const session = open(address, secure);
		t.deepEqual(
			await say(session, 'SET_NAME alice correct horse battery'),
			['ERR LOGIN_FAILED SET_NAME That name and password do not match an account.'],
			address,
		);
	}
});

test('loopback is 127.0.0.0/8 and ::1, IPv4 seen through IPv6 included, and nothing else', (t) => {
	for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
		t.true(isLoopback(address), address);
	}

	for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '::2', 'fe80::1', '1270.0.0.1', 'localhost']) {
		t.false(isLoopback(address), address);
	}
});
