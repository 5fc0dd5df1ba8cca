/**
 * Resizing the real terminal while messages arrive: 100x30, 60x20, 40x12 and back.
 * After each resize the screen must be the app's layout for the new size with nothing
 * left over from the old one. Two oracles: the layout's fixed rows and columns (status,
 * input, rule, the sidebar's separator, every row within the width, the conversation in
 * order with no repeats), and the app's own full repaint (Ctrl-L), which must change
 * nothing: a cell the incremental updates forgot would differ from the repaint.
 */
import test, {type ExecutionContext} from 'ava';
import stringWidth from 'string-width';
import {sidebarWidth} from '../../tui/layout/sidebar.js';
import type {TcpClient} from '../helpers/tcp-client.js';
import type {TmuxSession} from '../helpers/tmux.js';
import {rawClient, rows, startOnlineTui, startServe, waitForScreen} from '../helpers/e2e.js';

/** Every third note is long enough to wrap on a narrow screen. */
const note = (index: number) =>
	`note ${index}${index % 3 === 0 ? ' with words enough to wrap onto another row when the screen is narrow' : ''}`;

/** The note numbers on screen, top to bottom. */
const notesShown = (screen: string) => [...screen.matchAll(/<carol> note (\d+)\b/g)].map((match) => Number(match[1]));

/** The screen as the layout of `cols`x`rows` puts it, showing note `last` at the bottom of the history. */
function laidOut(cols: number, height: number, last: number) {
	return function laidOutForSize(screen: string): boolean {
		const lines = rows(screen);
		return (
			lines.length === height &&
			/^ online │/.test(lines[height - 1]!) &&
			lines[height - 2]!.startsWith('#lobby› ') &&
			/^─+(┴─+)?$/.test(lines[height - 3]!) &&
			notesShown(screen).at(-1) === last
		);
	};
}

function checkLayout(t: ExecutionContext, screen: string, cols: number, height: number): void {
	const lines = rows(screen);
	const sidebar = sidebarWidth(cols);
	t.true(
		lines.every((line) => stringWidth(line) <= cols),
		`rows within ${cols} columns`,
	);
	if (sidebar > 0) {
		// The separator runs down the same column on every row above the rule.
		const mainWidth = cols - sidebar;
		for (const [index, line] of lines.slice(0, height - 3).entries()) {
			t.is([...line][mainWidth], '│', `row ${index}: the sidebar separator at column ${mainWidth}`);
		}

		t.regex(lines[height - 3]!, new RegExp(`^─{${mainWidth}}┴─+$`));
		t.regex(screen, /GROUPS/);
	} else {
		t.false(
			lines.slice(0, height - 3).some((line) => line.includes('│')),
			'no sidebar separator left on a narrow screen',
		);
		t.false(screen.includes('GROUPS'), 'no sidebar left on a narrow screen');
		t.regex(lines[height - 3]!, /^─+$/);
	}

	// The conversation reads in order, each note once: a ghost row would repeat or misplace one.
	const shown = notesShown(screen);
	t.true(shown.length > 0);
	t.deepEqual(
		shown,
		shown.map((_, index) => shown[0]! + index),
		`notes in order: ${shown.join(' ')}`,
	);
}

/** Ctrl-L repaints the app's last frame from scratch; everything but the input row must already be so. */
async function checkRepaintChangesNothing(t: ExecutionContext, tui: TmuxSession, before: string): Promise<void> {
	await tui.sendKey('C-l');
	// Keys are read in order: once the 'x' shows, the repaint before it has happened.
	await tui.sendKeys('x');
	const after = await waitForScreen(tui, (screen) => rows(screen).at(-2) === '#lobby› x');
	const withoutInput = (screen: string) => rows(screen).filter((_, index, all) => index !== all.length - 2);
	t.deepEqual(withoutInput(after), withoutInput(before));
	await tui.sendKey('BSpace');
	await waitForScreen(tui, (screen) => rows(screen).at(-2)!.startsWith('#lobby› message'));
}

/** Sends notes `from`..`from + count - 1` without waiting for anything; returns the last number. */
function sendNotes(carol: TcpClient, from: number, count: number): number {
	for (let index = from; index < from + count; index++) {
		carol.send(`MESSAGE ${note(index)}`);
	}

	return from + count - 1;
}

test('100x30, 60x20, 40x12 and back while messages arrive: laid out anew, nothing left behind', async (t) => {
	t.timeout(90_000);
	const server = await startServe(t);
	const carol = await rawClient(t, server.port, 'carol');
	const alice = await startOnlineTui(t, {port: server.port, name: 'alice', cols: 100, rows: 30});
	let last = sendNotes(carol, 1, 12);
	checkLayout(t, await waitForScreen(alice, laidOut(100, 30, last)), 100, 30);

	for (const [cols, height] of [
		[60, 20],
		[40, 12],
		[100, 30],
	] as const) {
		// Messages on their way before, during and after the resize.
		last = sendNotes(carol, last + 1, 4);
		await alice.resize(cols, height);
		last = sendNotes(carol, last + 1, 4);
		const screen = await waitForScreen(alice, laidOut(cols, height, last));
		t.like(await alice.state(), {cols, rows: height});
		checkLayout(t, screen, cols, height);
		await checkRepaintChangesNothing(t, alice, screen);
	}
});
