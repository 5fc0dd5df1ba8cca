/**
 * Two people in `chat tui` (alice, bob) and one typing the protocol by hand (carol),
 * all in lobby on a real `chat serve`: group messages and direct messages in every
 * direction, each seen on screen by the TUIs and as MSG/DM lines by the raw client.
 */
import test from 'ava';
import {nextDirectMessage, nextGroupMessage, typeLine, waitForScreen} from '../helpers/e2e.js';
import {startLobby} from '../helpers/e2e-lobby.js';

/** A message row as the history shows it once the server confirmed it: its time, then the sender. */
const shown = (from: string, text: string) => new RegExp(`\\d\\d:\\d\\d <${from}> ${text}`);

test('MESSAGE and DM between two TUIs and a raw client, in every direction', async (t) => {
	t.timeout(90_000);
	const {carol, alice, bob} = await startLobby(t);
	// Both TUIs know everyone before anything is said: the sidebar lists the lobby.
	await waitForScreen(alice, (screen) => screen.includes(' bob') && screen.includes(' carol'));

	// Group messages: each one reaches both other people, and the sender sees it confirmed.
	await typeLine(alice, 'hello from alice');
	await waitForScreen(bob, shown('alice', 'hello from alice'));
	t.is((await nextGroupMessage(carol, 'alice', 'hello from alice')).group, 'lobby');
	await waitForScreen(alice, shown('alice', 'hello from alice'));

	await typeLine(bob, 'hello from bob');
	await waitForScreen(alice, shown('bob', 'hello from bob'));
	t.is((await nextGroupMessage(carol, 'bob', 'hello from bob')).group, 'lobby');

	const {outcome} = await carol.command('MESSAGE hello from carol');
	t.regex(outcome, /^OK MESSAGE \S+ \S+ lobby 2 /);
	await waitForScreen(alice, shown('carol', 'hello from carol'));
	await waitForScreen(bob, shown('carol', 'hello from carol'));

	// alice -> bob: bob's sidebar counts it under DIRECT; opening the conversation shows it.
	await typeLine(alice, '/dm bob dm alice to bob');
	await waitForScreen(
		alice,
		(screen) => screen.includes('@bob · direct messages') && shown('alice', 'dm alice to bob').test(screen),
	);
	await waitForScreen(bob, /DIRECT[\s\S]*alice +1 new/);
	await typeLine(bob, '/dm alice');
	await waitForScreen(
		bob,
		(screen) => screen.includes('@alice · direct messages') && shown('alice', 'dm alice to bob').test(screen),
	);

	// bob -> alice: Enter in a DM conversation sends a DM.
	await typeLine(bob, 'dm bob to alice');
	await waitForScreen(alice, shown('bob', 'dm bob to alice'));

	// carol -> alice, then alice -> carol from the conversation it opened.
	t.regex((await carol.command('DM alice dm carol to alice')).outcome, /^OK DM \S+ \S+ alice /);
	await waitForScreen(alice, /DIRECT[\s\S]*carol +1 new/);
	await typeLine(alice, '/dm carol');
	await waitForScreen(
		alice,
		(screen) => screen.includes('@carol · direct messages') && shown('carol', 'dm carol to alice').test(screen),
	);
	await typeLine(alice, 'dm alice to carol');
	t.deepEqual(await nextDirectMessage(carol, 'alice', 'dm alice to carol'), {
		from: 'alice',
		to: 'carol',
		text: 'dm alice to carol',
	});
	await waitForScreen(alice, shown('alice', 'dm alice to carol'));

	// carol -> bob, then bob -> carol.
	t.regex((await carol.command('DM bob dm carol to bob')).outcome, /^OK DM \S+ \S+ bob /);
	await typeLine(bob, '/dm carol');
	await waitForScreen(
		bob,
		(screen) => screen.includes('@carol · direct messages') && shown('carol', 'dm carol to bob').test(screen),
	);
	await typeLine(bob, 'dm bob to carol');
	t.deepEqual(await nextDirectMessage(carol, 'bob', 'dm bob to carol'), {
		from: 'bob',
		to: 'carol',
		text: 'dm bob to carol',
	});

	// Direct means direct: what alice and bob said to each other never reached carol,
	// though the server handled it before everything carol has read since.
	t.false(carol.received.some((line) => line.includes('dm alice to bob') || line.includes('dm bob to alice')));
	// And carol's own lines came back as nothing but their OKs: no echo of her messages.
	t.false(carol.received.some((line) => /^(MSG \S+ \S+ \S+|DM \S+ \S+) carol /.test(line)));
});
