/**
 * Switching groups from the TUI with /new and /join: the other TUI's sidebar and the
 * raw client's events follow each move, and a message in the new group reaches its
 * members only.
 */
import test from 'ava';
import {nextGroupMessage, typeLine, waitForScreen, waitOnline} from '../helpers/e2e.js';
import {startLobby} from '../helpers/e2e-lobby.js';

test('/new and /join move people between groups; sidebars, events and messages follow', async (t) => {
	t.timeout(90_000);
	const {carol, alice, bob} = await startLobby(t);
	await waitForScreen(bob, /IN LOBBY[\s\S]* alice\b/);

	// alice creates night: she is in it, and everyone else hears it in the protocol's order.
	await typeLine(alice, '/new night');
	t.regex(await waitOnline(alice, 'alice', 'night'), /^ #night · 1 person/);
	await carol.until((line) => line === 'GROUP_CREATED night alice');
	t.is(await carol.next(), 'LEFT lobby alice');
	t.is(await carol.next(), 'JOINED night alice');
	// bob's sidebar: the new group with one member, alice elsewhere.
	await waitForScreen(bob, (screen) => / night \(1\)/.test(screen) && /ELSEWHERE[\s\S]* alice \(night\)/.test(screen));

	// bob follows her with /join.
	await typeLine(bob, '/join night');
	await waitOnline(bob, 'bob', 'night');
	t.is(await carol.next(), 'LEFT lobby bob');
	t.is(await carol.next(), 'JOINED night bob');
	await waitForScreen(alice, (screen) => screen.includes('bob joined night.') && /IN NIGHT[\s\S]* bob\b/.test(screen));

	// A message in night reaches bob and not carol, who is still in lobby: her next
	// reply would come after it if the server had sent it to her.
	await typeLine(alice, 'night shift only');
	await waitForScreen(bob, /\d\d:\d\d <alice> night shift only/);
	const groups = await carol.command('LIST_GROUP');
	t.deepEqual(groups.lines, ['GROUP lobby 1', 'GROUP night 2']);
	t.false(carol.received.some((line) => line.includes('night shift only')));

	// carol joins by hand: both sidebars list her in night, and she is heard there.
	t.regex((await carol.command('JOIN_GROUP night')).outcome, /^OK JOIN_GROUP night /);
	for (const tui of [alice, bob]) {
		await waitForScreen(
			tui,
			(screen) =>
				screen.includes('carol joined night.') &&
				/IN NIGHT[\s\S]* carol\b/.test(screen) &&
				!screen.includes('ELSEWHERE'),
		);
	}

	t.regex((await carol.command('MESSAGE carol in night')).outcome, /^OK MESSAGE \S+ \S+ night 2 /);
	await waitForScreen(alice, /\d\d:\d\d <carol> carol in night/);
	await waitForScreen(bob, /\d\d:\d\d <carol> carol in night/);
	await typeLine(bob, 'welcome carol');
	t.is((await nextGroupMessage(carol, 'bob', 'welcome carol')).group, 'night');

	// bob goes back to lobby: alice's sidebar sees him go, and night's messages stop reaching him.
	await typeLine(bob, '/join lobby');
	await waitOnline(bob, 'bob', 'lobby');
	await waitForScreen(
		alice,
		(screen) => screen.includes('bob left night.') && /ELSEWHERE[\s\S]* bob \(lobby\)/.test(screen),
	);
	await typeLine(alice, 'after bob left');
	t.is((await nextGroupMessage(carol, 'alice', 'after bob left')).group, 'night');
	// bob's own message now goes to lobby, where nobody else is: its refusal comes back
	// after the server handled alice's, so had hers reached bob, night would count it unread.
	await typeLine(bob, 'anyone in lobby?');
	const bobInLobby = await waitForScreen(bob, 'Nobody else is in lobby to receive it');
	t.regex(bobInLobby, / night \(2\)/);
	t.notRegex(bobInLobby, / night \(2\) +\d+ new/);
});
