/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Logging in to an account in the app, against a real server: the sign-in screen asks
 * for the password, nothing of it ever reaches the screen or the line editor's recall,
 * and a wrong one is said in the server's words.
 */
import test from 'ava';
import {HELLO} from '../../helpers/hello.js';
import {TcpClient} from '../../helpers/tcp-client.js';
import {isOnline, startChatServer, until} from '../session/helpers.js';
import {dump, openApp, typeLine} from './helpers.js';

const PASSWORD = 'correct horse';

/** Makes `name` an account with PASSWORD, as a user would over the protocol, and leaves. */
async function makeAccount(port: number, name: string): Promise<void> {
	const client = await TcpClient.connect(port, {greeting: HELLO});
	try {
		await client.command(`SET_NAME ${name}`);
		const {outcome} = await client.command(`SET_PASSWORD ${PASSWORD}`);
		if (!outcome.startsWith('OK SET_PASSWORD')) {
			throw new Error(`Could not make ${name} an account: ${outcome}`);
		}

		await client.command('CLOSE');
	} finally {
		client.destroy();
	}
}

test('the name is an account: the password is asked, never shown, and logs in; Up does not recall it', async (t) => {
	const server = await startChatServer(t);
	await makeAccount(server.port, 'alice');
	const app = openApp(t, server.port, {name: 'alice', cols: 80, rows: 24});
	let screen = await app.term.waitForScreen('alice is an account. Type its password and press Enter');
	t.regex(screen[21]!, /^password› not shown as you type/);
	t.regex(screen[22]!, /^ password needed │ 127\.0\.0\.1:\d+ │ alice /);

	app.term.type('wrong password');
	screen = await app.term.waitForScreen((rows) => rows[21]!.startsWith('password› not shown'));
	t.false(
		screen.some((row) => row.includes('wrong')),
		dump(screen),
	);
	app.term.type('\r');
	await until(
		app.session,
		'refused',
		(state) => state.passwordPrompt?.purpose === 'login' && state.passwordPrompt.problem !== undefined,
	);
	screen = await app.term.waitForScreen('! That name and password do not match an account.');
	t.false(screen.some((row) => row.includes('wrong password')));

	typeLine(app, PASSWORD);
	await until(app.session, 'logged in', isOnline);
	screen = await app.term.waitForScreen((rows) => rows[22]!.startsWith(' online │'));
	t.false(
		screen.some((row) => row.includes(PASSWORD) || row.includes('wrong password')),
		dump(screen),
	);
	t.true(app.session.getState().me.account);

	// Up recalls lines sent: passwords were never among them.
	app.term.type('\x1b[A');
	screen = await app.term.waitForScreen((rows) => rows[21]!.startsWith('#lobby› '));
	t.regex(screen[21]!, /^#lobby› message · Tab completes/);
});

test('/register asks twice with the input hidden, and the name becomes an account', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'bob', cols: 80, rows: 24});
	await until(app.session, 'online', isOnline);
	typeLine(app, '/register');
	let screen = await app.term.waitForScreen((rows) => rows[21]!.startsWith('new password› not shown as you type'));
	t.true(screen.some((row) => row.includes('Choose a password for bob')));
	app.term.type(PASSWORD);
	screen = await app.term.waitForScreen((rows) => rows[21]!.startsWith('new password› not shown'));
	t.false(screen.some((row) => row.includes(PASSWORD)));
	app.term.type('\r');
	await app.term.waitForScreen((rows) => rows[21]!.startsWith('again› '));
	typeLine(app, PASSWORD);
	await until(app.session, 'an account', (state) => state.me.account);
	screen = await app.term.waitForScreen((rows) => rows[21]!.startsWith('#lobby› '));
	t.false(
		screen.some((row) => row.includes(PASSWORD)),
		dump(screen),
	);

	// From now on the name is bob's: a guest cannot take it.
	const other = await TcpClient.connect(server.port, {greeting: HELLO});
	t.teardown(() => other.destroy());
	t.regex((await other.command('SET_NAME bob')).outcome, /^ERR (ACCOUNT_PROTECTED|NAME_TAKEN) SET_NAME/);
});
