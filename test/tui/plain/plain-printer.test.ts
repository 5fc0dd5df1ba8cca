/**
 * What plain line mode says of what the full screen shows over the conversation: a
 * page waiting on the banner (again when re-sent), others' acknowledgements of a group
 * page, the note beside a message whenever it changes, and /help. The printer is pure:
 * client states in, lines out.
 */
import test from 'ava';
import {PlainPrinter} from '../../../tui/plain/plain-printer.js';
import {apply, connected, initial, online, receive, type, written} from '../state/fixtures.js';

const TIME = '2026-11-24T05:10:00.000Z';
const ACK_TIME = '2026-11-24T05:10:07.000Z';

test('a page is said as a line until acknowledged: again when re-sent, and who else acknowledged a group page', (t) => {
	const printer = new PlainPrinter();
	let state = online();
	printer.update(state);
	state = written(receive(state, `@page DM 40 ${TIME} bob alice Bed 4 BP 70/40`)).state;
	t.deepEqual(printer.update(state), ['@bob ⚑ PAGE from bob: Bed 4 BP 70/40. Type /ack to acknowledge.']);
	t.deepEqual(printer.update(receive(state, 'OK SEEN 40 Seen 40.')), [], 'nothing new, nothing said');

	state = written(receive(state, 'OK SEEN 40 Seen 40.', `@page MSG 41 ${TIME} lobby carol Crash call`)).state;
	t.deepEqual(printer.update(state), [
		'#lobby ⚑ PAGE from carol to lobby: Crash call. Type /ack to acknowledge. 2 pages wait; /ack takes the oldest first.',
	]);
	state = receive(state, 'OK SEEN 41 Seen 41.', `@page;resend DM 40 ${TIME} bob alice Bed 4 BP 70/40`);
	t.deepEqual(printer.update(state), [
		'@bob ⚑ PAGE OVERDUE from bob: Bed 4 BP 70/40. Type /ack to acknowledge. 2 pages wait; /ack takes the oldest first.',
	]);
	state = receive(state, `ACKED 41 ${ACK_TIME} dave Acknowledged by dave.`);
	t.deepEqual(printer.update(state), [
		'#lobby ⚑ the page from carol was acknowledged by dave; yours is still waiting: /ack.',
	]);

	// The ACK on its way says nothing; its OK puts the page in its conversation, marked.
	state = written(type(state, '/ack')).state;
	t.deepEqual(printer.update(state), []);
	state = receive(state, `OK ACK 40 ${ACK_TIME} Acknowledged page 40; the sender is told.`);
	const lines = printer.update(state);
	t.is(lines.length, 1);
	t.regex(lines[0]!, /^@bob \d\d:\d\d <bob> Bed 4 BP 70\/40 · ⚑ page, acknowledged \d\d:\d\d$/);
});

test('the note on a message is said whenever it changes: who a page reached and who acknowledged it', (t) => {
	const printer = new PlainPrinter();
	let state = written(type(online(), '/page bob Bed 4 BP 70/40, come now please')).state;
	printer.update(state);
	state = receive(state, `OK PAGE 50 ${TIME} bob 1 Paged 1 user. Each must ACK 50.`);
	const sent = printer.update(state);
	t.is(sent.length, 1);
	t.regex(sent[0]!, /^@bob \d\d:\d\d <alice> Bed 4 BP 70\/40, come now please · ⚑ page to 1: none acknowledged yet$/);

	state = receive(state, `RECEIPT 50 bob delivered ${TIME}`);
	t.deepEqual(printer.update(state), [
		'@bob ⚑ page: none acknowledged yet · ✓ delivered to bob (your "Bed 4 BP 70/40, come no…")',
	]);
	state = receive(state, `ACKED 50 ${ACK_TIME} bob Acknowledged by bob.`);
	t.deepEqual(printer.update(state), [
		'@bob ⚑ page: ✓✓ acknowledged by bob · ✓ delivered to bob (your "Bed 4 BP 70/40, come no…")',
	]);
	t.deepEqual(printer.update(state), []);
});

test('/help is said as lines, the commands with /ack among them, each time it is asked for', (t) => {
	const printer = new PlainPrinter();
	let state = online();
	printer.update(state);
	state = type(state, '/help');
	const help = printer.update(state);
	t.regex(help[0]!, /^Help: the commands/);
	t.true(help.some((line) => /^ {2}\/ack +Acknowledge the oldest page waiting/.test(line)));
	t.true(help.some((line) => /^ {2}\/page <to> <text> +Urgent page/.test(line)));
	t.deepEqual(printer.update(state), [], 'said once while it is up');

	// run-plain.ts closes it once said (Escape's action), so the next /help says it again.
	state = apply(state, {type: 'dismiss'});
	t.deepEqual(printer.update(state), []);
	t.deepEqual(printer.update(type(state, '/help')), help);
});

test('the login prompt says whether the password is shown: hidden on a terminal, echoed where it cannot be', (t) => {
	const asked = receive(
		written(apply(initial('alice'), connected)).state,
		'ERR ACCOUNT_PROTECTED SET_NAME "alice" is an account: log in with SET_NAME alice <password>.',
	);
	t.true(
		new PlainPrinter({passwordsHidden: true})
			.update(asked)
			.includes('alice is an account: type its password and press Enter (it is not shown).'),
	);
	t.true(
		new PlainPrinter({passwordsHidden: false})
			.update(asked)
			.includes(
				'alice is an account: type its password (it is echoed here; --password-file or CHAT_PASSWORD avoids that).',
			),
	);
});
