/**
 * What a newcomer tripped over in the terminal client (issue 12), seen as a person
 * sees it: real `chat serve`, `chat tui` in tmux, raw protocol clients and a client
 * built as the lab's is.
 */
import test from 'ava';
import {LabClient} from '../helpers/lab-client.js';
import {
	nextDirectMessage,
	rawClient,
	rows,
	startOnlineTui,
	startServe,
	statusRow,
	typeLine,
	waitForScreen,
} from '../helpers/e2e.js';

test('/me reaches a lab client as a message and other TUIs as an action; a DM elsewhere shows on the status line and opens under the unread line; a DM title says when they are outside your group', async (t) => {
	t.timeout(90_000);
	const {port} = await startServe(t);
	const lab = await LabClient.connect(port);
	t.teardown(() => lab.destroy());
	lab.send('SET_NAME dave');
	const carol = await rawClient(t, port, 'carol');
	const erin = await rawClient(t, port, 'erin');
	await erin.command('NEW_GROUP icu');
	const alice = await startOnlineTui(t, {port, name: 'alice', cols: 100, rows: 30});
	const bob = await startOnlineTui(t, {port, name: 'bob', cols: 100, rows: 30});

	await typeLine(alice, '/me is on the ward round');
	await waitForScreen(bob, /\d\d:\d\d \* alice is on the ward round/);
	for (let line = await lab.next(); ; line = await lab.next()) {
		if (line.startsWith('MSG ')) {
			t.regex(line, /^MSG \S+ \S+ lobby alice \* alice is on the ward round$/);
			break;
		}
	}

	await carol.command('DM alice Family of bed 12 would like a word.');
	const noticed = await waitForScreen(alice, (screen) => statusRow(screen).startsWith(' DM from carol '));
	t.regex(statusRow(noticed), /^ DM from carol {2}Family of bed 12 would like a word\./);
	await carol.command('DM alice When you have a minute.');
	await waitForScreen(alice, /carol +2 new/);
	// Back from lobby past the top of the sidebar: the last entry, the DM.
	await alice.sendKey('C-p');
	const opened = rows(await waitForScreen(alice, /<carol> When you have a minute/));
	const marker = opened.findIndex((row) => row.includes('─ new since you last read ─'));
	t.true(marker > 0, opened.join('\n'));
	t.regex(opened[marker + 1]!, /<carol> Family of bed 12/);
	t.false(statusRow(opened.join('\n')).includes('DM from'), 'read: the notice is gone');

	await typeLine(alice, '/dm erin');
	const title = rows(await waitForScreen(alice, '@erin · direct messages'))[0]!;
	t.regex(title, /^ @erin · direct messages · in icu, not your group; \/join icu to write/);
});

test('Ctrl-N follows the sidebar to a group not joined; a line typed in one conversation stays there', async (t) => {
	t.timeout(90_000);
	const {port} = await startServe(t);
	const carol = await rawClient(t, port, 'carol');
	const erin = await rawClient(t, port, 'erin');
	await erin.command('NEW_GROUP icu');
	const bob = await startOnlineTui(t, {port, name: 'bob', cols: 100, rows: 30});
	// bob opens the DM with carol first; the sidebar still lists lobby, icu, then carol.
	await typeLine(bob, '/dm carol');
	await waitForScreen(bob, '@carol · direct messages');
	await bob.sendKey('C-p');
	await waitForScreen(bob, (screen) => rows(screen)[0]!.startsWith(' #icu'));
	await bob.sendKey('C-p');
	await waitForScreen(bob, (screen) => rows(screen)[0]!.startsWith(' #lobby'));

	// The case: a line left in #lobby, then Ctrl-N twice and Enter.
	await bob.sendKeys('meant for the lobby');
	await waitForScreen(bob, (screen) => rows(screen).at(-2) === '#lobby› meant for the lobby');
	await bob.sendKey('C-n');
	await waitForScreen(bob, (screen) => rows(screen)[0]!.startsWith(' #icu'));
	await bob.sendKey('C-n', 'Enter');
	await waitForScreen(
		bob,
		(screen) => rows(screen)[0]!.startsWith(' @carol') && rows(screen).at(-2)!.startsWith('@carol› direct message'),
	);
	await typeLine(bob, 'only this one');
	t.deepEqual(await nextDirectMessage(carol, 'bob', 'only this one'), {
		from: 'bob',
		to: 'carol',
		text: 'only this one',
	});
	t.false(
		carol.received.some((line) => line.includes('meant for the lobby')),
		'never sent to carol',
	);

	await bob.sendKey('C-n');
	await waitForScreen(bob, (screen) => rows(screen).at(-2) === '#lobby› meant for the lobby');
});
