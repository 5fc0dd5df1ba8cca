/**
 * SET_NAME on a connection that carries a verified account (an SSH session's): that
 * name logs in without a password, another name is an ordinary SET_NAME, and a key
 * removed since it was checked no longer opens the account. A connection without one
 * (every TCP client) gets nothing of this.
 */
import test from 'ava';
import {Chat} from '../../server/chat/chat.js';
import {Pages} from '../../server/chat/pages.js';
import {Receipts} from '../../server/chat/receipts.js';
import {newClient, type Client} from '../../server/commands/client.js';
import {Dispatcher} from '../../server/commands/dispatcher.js';
import {HANDLERS} from '../../server/commands/table.js';
import type {VerifiedAccount} from '../../server/wire/verified-account.js';
import {testAccounts} from '../helpers/accounts.js';
import {CapturedLog} from '../helpers/capture-log.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {nextTurn} from '../helpers/next-turn.js';
import {eagerStore} from '../helpers/store.js';

function setup() {
	const store = eagerStore();
	const chat = new Chat({store});
	const log = new CapturedLog();
	// Pages and receipts on a fake clock: a page's escalation timers never fire on their own.
	const scheduler = new ManualScheduler();
	const clock = () => new Date(scheduler.now());
	const receipts = new Receipts(chat, clock);
	const pages = new Pages({chat, receipts, scheduler, clock});
	const dispatcher = new Dispatcher({chat, accounts: testAccounts(chat), log, table: HANDLERS, pages, receipts});
	store.createAccount({name: 'Bob', passwordHash: 'none', group: 'lobby'});
	store.addAccountKey('bob', 'SHA256:key', 'ssh-ed25519 AAAA');
	let conn = 0;
	const open = (verified?: VerifiedAccount) => {
		const peer = new MemoryPeer();
		const client: Client = {...newClient(++conn, peer), verified};
		return {
			peer,
			client,
			say: (line: string) => (dispatcher.dispatch(client, line), peer.take()),
			// For a command whose reply waits for the store's commit (PAGE, DM): a turn later.
			sayDurable: async (line: string) => (dispatcher.dispatch(client, line), await nextTurn(), peer.take()),
		};
	};

	return {chat, store, log, open};
}

const BOB: VerifiedAccount = {account: 'Bob', fingerprint: 'SHA256:key', firstUse: false};

test("the verified account's name logs in without a password, any case, welcomed with the key", (t) => {
	const {open, chat} = setup();
	const {say} = open(BOB);
	t.deepEqual(say('SET_NAME bob'), [
		'OK SET_NAME Bob lobby Welcome back, Bob (SSH key SHA256:key). You are in group lobby.',
	]);
	t.true(chat.onlineUser('bob')?.isAccount);
});

test('on first use the welcome says the account is new and the key is its key', (t) => {
	const {open} = setup();
	const {say} = open({...BOB, firstUse: true});
	t.deepEqual(say('SET_NAME Bob'), [
		'OK SET_NAME Bob lobby Welcome, Bob. Bob is a new account, and your SSH key SHA256:key logs in to it from now on. You are in group lobby.',
	]);
});

test('without a verified account, or for another name, SET_NAME is the ordinary one', (t) => {
	const {open} = setup();
	t.deepEqual(open().say('SET_NAME bob'), [
		'ERR ACCOUNT_PROTECTED SET_NAME "Bob" is an account: log in with SET_NAME Bob <password>.',
	]);
	t.deepEqual(open(BOB).say('SET_NAME carol'), ['OK SET_NAME carol lobby Welcome, carol. You are in group lobby.']);
});

test('a key deleted since it was checked, or an account deleted, no longer logs in', (t) => {
	const {open, store} = setup();
	store.deleteAccountKey('bob', 'SHA256:key');
	t.deepEqual(open(BOB).say('SET_NAME bob'), [
		'ERR LOGIN_FAILED SET_NAME The SSH key SHA256:key no longer logs in to Bob.',
	]);
	store.deleteAccount('bob');
	const refused = open(BOB).say('SET_NAME bob');
	t.deepEqual(refused, ['ERR LOGIN_FAILED SET_NAME The SSH key SHA256:key no longer logs in to Bob.']);
});

test('a key login gets what waited for the account, as a password login does: pages, DM receipts, unread', async (t) => {
	const {open} = setup();
	const alice = open();
	alice.say('SET_NAME alice');
	t.regex((await alice.sayDurable('PAGE Bob Call the ward'))[0]!, /^OK PAGE 1 \S+ Bob 1 Paged 1 user; 1 user offline /);
	t.regex((await alice.sayDurable('@receipts DM Bob are you on tonight?'))[0]!, /^OK DM 2 \S+ Bob Bob is offline; /);

	const bob = open(BOB).say('SET_NAME bob');
	t.is(bob[0], 'OK SET_NAME Bob lobby Welcome back, Bob (SSH key SHA256:key). You are in group lobby.');
	t.regex(bob[1]!, /^UNREAD 1 0 /);
	t.regex(bob[2]!, /^@page DM 1 \S+ alice Bob Call the ward$/);
	t.is(bob.length, 3);
	const told = alice.peer.take();
	t.true(
		told.some((line) => /^RECEIPT 1 Bob delivered /.test(line)),
		told.join('\n'),
	);
	t.true(
		told.some((line) => /^RECEIPT 2 Bob delivered /.test(line)),
		told.join('\n'),
	);
});
