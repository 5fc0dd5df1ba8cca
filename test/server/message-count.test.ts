/**
 * Counting what a cut-off client missed: MSG and DM lines only, tagged or not, however
 * many lines one send holds. The chat counts its lines as it hands them to the edge
 * (the edge does not read them); a reply full of messages carries its count.
 */
import test from 'ava';
import {parseServerLine, type ServerLine} from '../../protocol/index.js';
import {Chat} from '../../server/chat/chat.js';
import {messageCount} from '../../server/chat/wire.js';
import {newClient} from '../../server/commands/client.js';
import {Dispatcher} from '../../server/commands/dispatcher.js';
import {HANDLERS} from '../../server/commands/table.js';
import type {SharedWire} from '../../server/wire/shared-wire.js';
import {testAccounts} from '../helpers/accounts.js';
import {CapturedLog} from '../helpers/capture-log.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {eagerStore} from '../helpers/store.js';

/** The lines of some wire text, as the chat holds them before it formats them. */
function linesOf(wire: string): ServerLine[] {
	return wire.split('\n').slice(0, -1).map(parseServerLine);
}

test('MSG and DM lines count, tagged or not; other lines do not', (t) => {
	t.is(messageCount(linesOf('MSG 1 t lobby a hi\n')), 1);
	t.is(messageCount(linesOf('DM 2 t a b hi\n')), 1);
	t.is(messageCount(linesOf('@x=1 DM 2 t a b hi\n')), 1);
	t.is(messageCount(linesOf('ONLINE a lobby\n')), 0);
	t.is(messageCount(linesOf('PING 1 Reply PONG 1 (or send anything) to stay connected.\n')), 0);
	t.is(messageCount(linesOf('OK MESSAGE 1 t lobby 1 Sent to 1 user in lobby.\n')), 0);
	for (const line of ['MSGX 1', 'DMS 1', '@only']) {
		t.throws(() => parseServerLine(line), undefined, `${line}: not a server line, so never queued nor counted`);
	}

	t.is(messageCount(linesOf('MSG 1 t g a x\nDM 2 t a b y\nOK HISTORY 2 0 2 messages.\n')), 2, 'a HISTORY reply');
	t.is(messageCount([]), 0);
});

/** A MemoryPeer that also keeps the message count given with each send. */
class CountingPeer extends MemoryPeer {
	readonly counts: number[] = [];

	override send(wire: string, messages = 0): void {
		super.send(wire);
		this.counts.push(messages);
	}

	override sendShared(wire: SharedWire): void {
		super.send(wire.text);
		this.counts.push(wire.messages);
	}
}

test('a reply and a DM are sent with the count of messages they hold', (t) => {
	const chat = new Chat({store: eagerStore()});
	const dispatcher = new Dispatcher({chat, accounts: testAccounts(chat), log: new CapturedLog(), table: HANDLERS});
	const alicePeer = new CountingPeer();
	const bobPeer = new CountingPeer();
	const alice = newClient(1, alicePeer);
	const bob = newClient(2, bobPeer);
	dispatcher.dispatch(alice, 'SET_NAME alice');
	dispatcher.dispatch(bob, 'SET_NAME bob');
	dispatcher.dispatch(alice, 'MESSAGE one');
	dispatcher.dispatch(alice, 'DM bob two');
	t.regex(bobPeer.sends.at(-1)!, /^DM /);
	t.is(bobPeer.counts.at(-1), 1, 'a DM is one message');
	t.is(alicePeer.counts.at(-1), 0, 'its OK is none');

	dispatcher.dispatch(bob, 'HISTORY 0');
	t.regex(bobPeer.sends.at(-1)!, /^MSG [^\n]*\nDM [^\n]*\nOK HISTORY 2 /);
	t.is(bobPeer.counts.at(-1), 2, 'a HISTORY reply: as many as it holds');
});
