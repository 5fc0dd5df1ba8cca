/**
 * Accounts end to end: a TUI logs in with a password at its sign-in screen, the real
 * server (`chat serve --data-dir <tmp>`) is killed with SIGKILL and started again on
 * the same port and data directory, and the TUI logs in again by itself, its
 * conversation intact. A second TUI started afterwards (logging in from a password
 * file, as a script would) shows the earlier conversation, from the server's store.
 */
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {
	nextGroupMessage,
	rawClient,
	startServe,
	startTui,
	typeLine,
	waitForScreen,
	waitOnline,
} from '../helpers/e2e.js';

const PASSWORD = 'correct horse battery';

test('log in with a password; SIGKILL and restart; logged in again by itself; a second TUI shows the conversation', async (t) => {
	t.timeout(120_000);
	const dataDir = mkdtempSync(join(tmpdir(), 'chat-accounts-e2e-'));
	t.teardown(() => rmSync(dataDir, {recursive: true, force: true}));
	const storage = ['--data-dir', dataDir];
	const first = await startServe(t, 0, storage);
	const {port} = first;

	// alice claims her name over the protocol, then leaves.
	const claim = await rawClient(t, port, 'alice');
	t.regex((await claim.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD alice /);
	await claim.command('CLOSE');

	const alice = await startTui(t, {port, name: 'alice'});
	let screen = await waitForScreen(alice, 'alice is an account. Type its password and press Enter');
	t.regex(screen, / password needed │/);
	await typeLine(alice, PASSWORD);
	screen = await waitOnline(alice, 'alice');
	t.false(screen.includes(PASSWORD), 'the password never reaches the screen');

	const bob = await rawClient(t, port, 'bob');
	await typeLine(alice, 'Bed 4 needs a review before 10.');
	await nextGroupMessage(bob, 'alice', 'Bed 4 needs a review before 10.');
	t.regex((await bob.command('MESSAGE On it, after the round.')).outcome, /^OK MESSAGE /);
	await waitForScreen(alice, /\d\d:\d\d <bob> On it, after the round\./);

	t.like(await first.stop('SIGKILL'), {signal: 'SIGKILL'});
	await waitForScreen(alice, /^ offline, retrying/m);

	const second = await startServe(t, port, storage);
	t.is(second.port, port);
	// Back, as alice, without being asked: the password was kept in memory for this (the
	// name is an account, so a SET_NAME without it would have been refused).
	screen = await waitOnline(alice, 'alice');
	t.false(screen.includes('Type its password'));
	t.regex(screen, /\d\d:\d\d <alice> Bed 4 needs a review before 10\./);
	t.regex(screen, /\d\d:\d\d <bob> On it, after the round\./);

	// A second terminal, logging in from a file: the conversation so far comes from the store.
	const passwordFile = join(dataDir, 'alice.password');
	writeFileSync(passwordFile, `${PASSWORD}\n`);
	chmodSync(passwordFile, 0o600);
	const again = await startTui(t, {port, name: 'alice', args: ['--password-file', passwordFile]});
	screen = await waitForScreen(
		again,
		(shown) =>
			/\d\d:\d\d <alice> Bed 4 needs a review before 10\./.test(shown) &&
			/\d\d:\d\d <bob> On it, after the round\./.test(shown),
	);
	t.false(screen.includes('Type its password'));
	await waitOnline(again, 'alice');
	t.false(screen.includes(PASSWORD));
});
