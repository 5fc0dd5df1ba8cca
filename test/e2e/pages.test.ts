/**
 * An urgent page end to end, in two `chat tui`s on a real `chat serve`: alice pages bob
 * while bob has another conversation open; it arrives as a banner over it and rings
 * (BEL, again every few seconds, counted in the raw output of bob's pane); bob
 * acknowledges with the one key the banner names; the page goes into bob's conversation
 * with alice marked as acknowledged, and alice sees who acknowledged it.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {rawClient, startOnlineTui, startServe, typeLine, waitForScreen} from '../helpers/e2e.js';

const run = promisify(execFile);
const BEL = 0x07;

test('a page arrives as a banner over another conversation, rings until acknowledged with one key, and the sender sees it acknowledged', async (t) => {
	t.timeout(120_000);
	const {port} = await startServe(t);
	const carol = await rawClient(t, port, 'carol');
	const alice = await startOnlineTui(t, {port, name: 'alice'});
	const bob = await startOnlineTui(t, {port, name: 'bob'});

	// Everything bob's terminal is sent, raw, so the bells can be counted.
	const directory = mkdtempSync(join(tmpdir(), 'chat-bells-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const output = join(directory, 'output');
	await run('tmux', ['-S', bob.socketPath, 'pipe-pane', '-o', `cat > ${output}`]);
	const bells = () => {
		try {
			return [...readFileSync(output)].filter((byte) => byte === BEL).length;
		} catch {
			return 0;
		}
	};

	// bob is reading another conversation.
	t.regex((await carol.command('DM bob Bed 12 family are here')).outcome, /^OK DM /);
	await typeLine(bob, '/dm carol');
	await waitForScreen(
		bob,
		(screen) => screen.includes('@carol · direct messages') && screen.includes('family are here'),
	);

	await typeLine(alice, '/page bob Bed 4 BP 70/40, come now');
	const banner = await waitForScreen(
		bob,
		(screen) =>
			screen.includes('⚑ PAGE from alice: Bed 4 BP 70/40, come now') &&
			screen.includes('Press Alt-A or type /ack to acknowledge') &&
			screen.includes('@carol · direct messages'),
	);
	t.log(banner);
	await waitForScreen(alice, /⚑ page: none acknowledged yet · ✓ delivered to bob/);

	// It rings on arrival and again a few seconds later, while nobody acknowledges it.
	await waitForScreen(bob, function twoBells() {
		return bells() >= 2;
	});

	await bob.sendKey('M-a');
	await waitForScreen(bob, (screen) => !screen.includes('⚑ PAGE from alice'));
	await waitForScreen(alice, /⚑ page: ✓✓ acknowledged by bob · ✓ delivered to bob/);
	await typeLine(bob, '/dm alice');
	await waitForScreen(bob, /<alice> Bed 4 BP 70\/40, come now ⚑ page, acknowledged \d\d:\d\d/);
});
