/**
 * The command table and the checks the dispatcher does once for every command,
 * driven with in-memory peers.
 */
import test from 'ava';
import {COMMANDS} from '../../protocol/index.js';
import {Chat} from '../../server/chat/chat.js';
import {Pages} from '../../server/chat/pages.js';
import {Receipts} from '../../server/chat/receipts.js';
import {newClient, type Client} from '../../server/commands/client.js';
import {Dispatcher} from '../../server/commands/dispatcher.js';
import type {CommandTable} from '../../server/commands/handler.js';
import {success} from '../../server/commands/outcome.js';
import {HANDLERS} from '../../server/commands/table.js';
import {CapturedLog} from '../helpers/capture-log.js';
import {testAccounts} from '../helpers/accounts.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {eagerStore} from '../helpers/store.js';

function setup(table: CommandTable = HANDLERS) {
	const chat = new Chat({store: eagerStore()});
	const log = new CapturedLog();
	const dispatcher = new Dispatcher({chat, accounts: testAccounts(chat), log, table});
	let lastConn = 0;
	const open = () => {
		const peer = new MemoryPeer();
		const client = newClient(++lastConn, peer);
		const say = (line: string) => {
			dispatcher.dispatch(client, line);
			return peer.take();
		};

		return {peer, client, say};
	};

	return {chat, log, open};
}

test('the table has exactly one handler per command of protocol/', (t) => {
	t.deepEqual(Object.keys(HANDLERS).sort(), COMMANDS.map((spec) => spec.name).sort());
});

test('a blank line, spaces, or tags alone get no reply at all', (t) => {
	const {open} = setup();
	const {say, peer} = open();
	t.deepEqual(say(''), []);
	t.deepEqual(say('    '), []);
	t.deepEqual(say('@id=7'), []);
	t.deepEqual(peer.sends, []);
});

test('an unknown word is refused, named when it is safe to print and * otherwise', (t) => {
	const {open} = setup();
	const {say} = open();
	t.deepEqual(say('shout hello'), [
		'ERR UNKNOWN_COMMAND SHOUT Unknown command "shout". Type HELP for the list of commands.',
	]);
	t.deepEqual(say('\u001b[2J'), [
		'ERR UNKNOWN_COMMAND * Unknown command "\\x1b[2J". Type HELP for the list of commands.',
	]);
});

test('registration is checked before parameters, for every command that needs it', (t) => {
	const {open} = setup();
	const {say} = open();
	const needing = COMMANDS.filter((spec) => !spec.beforeRegistration);
	t.true(needing.length > 0);
	for (const spec of needing) {
		// Missing and malformed parameters alike: registration is the first thing said.
		t.deepEqual(say(spec.name), [`ERR NOT_REGISTERED ${spec.name} Register first: SET_NAME <name>.`]);
		t.deepEqual(say(`${spec.name.toLowerCase()} a b c \t`), [
			`ERR NOT_REGISTERED ${spec.name} Register first: SET_NAME <name>.`,
		]);
	}
});

test('parameter refusals come from protocol/ with the command named', (t) => {
	const {open} = setup();
	const {say} = open();
	t.deepEqual(say('HELP me'), ['ERR TOO_MANY_ARGUMENTS HELP HELP takes no parameters. Usage: HELP.']);
	t.deepEqual(say('SET_NAME'), ['ERR NAME_MISSING SET_NAME A name is required: SET_NAME <username>.']);
});

test('a handler that throws is answered with ERR INTERNAL, logged with its stack, and the client goes on', (t) => {
	const table: CommandTable = {
		...HANDLERS,
		LIST: () => {
			throw new Error('list exploded');
		},
	};
	const {open, log} = setup(table);
	const alice = open();
	const bob = open();
	alice.say('SET_NAME alice');
	bob.say('SET_NAME bob');
	alice.peer.take();
	t.deepEqual(alice.say('LIST'), [
		'ERR INTERNAL LIST The server failed while handling LIST. Try again; if it keeps failing, tell the operator.',
	]);
	const [entry] = log.events('error');
	t.like(entry, {level: 'error', fields: {conn: 1, user: 'alice', command: 'LIST', error: 'list exploded'}});
	t.regex(String(entry?.fields['stack']), /list exploded\n\s+at /);
	const reply = alice.say('MESSAGE still here');
	t.is(reply.length, 1);
	t.regex(reply[0] ?? '', /^OK MESSAGE 1 \S+ lobby 1 Sent to 1 user in lobby\.$/);
	t.regex(bob.peer.take().join('\n'), /^MSG 1 \S+ lobby alice still here$/);
});

test('a registered-only handler reached without a user throws rather than guess', (t) => {
	const {chat, log} = setup();
	const client: Client = newClient(1, new MemoryPeer());
	const receipts = new Receipts(chat, () => new Date());
	const pages = new Pages({chat, receipts, scheduler: new ManualScheduler(), clock: () => new Date()});
	const context = {chat, accounts: testAccounts(chat), client, log, pages, receipts, tags: undefined};
	t.throws(() => HANDLERS.LIST({name: 'LIST'}, context), {
		message: 'LIST reached its handler without a registered user',
	});
});

test("a handler's data lines and OK go out in a single send", (t) => {
	const table: CommandTable = {
		...HANDLERS,
		HELP: () =>
			success({type: 'COMMAND', name: 'HELP', text: 'one'}, {type: 'OK', command: 'HELP', count: 1, text: 'done'}),
	};
	const {open} = setup(table);
	const {peer, client, say} = open();
	say('HELP');
	t.deepEqual(peer.sends, ['COMMAND HELP one\nOK HELP 1 done\n']);
	t.false(client.ended);
});

test('after CLOSE the reply is sent, the peer is ended, and later lines are ignored', (t) => {
	const {open, chat} = setup();
	const {peer, client, say} = open();
	say('SET_NAME alice');
	t.deepEqual(say('CLOSE'), ['OK CLOSE Goodbye, alice.']);
	t.true(peer.ended);
	t.true(client.ended);
	t.is(chat.userCount, 0);
	t.deepEqual(say('HELP'), []);
});
