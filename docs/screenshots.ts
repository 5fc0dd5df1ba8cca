/**
 * Regenerates the screens in docs/TUI.md from the real programs: a `chat serve` on a
 * free port, `chat tui` in tmux panes and raw protocol clients play a fixed script,
 * and each pane is captured as text into its marked region of the document:
 *
 *   <!-- screen:main -->
 *   ```text
 *   ...capture-pane output...
 *   ```
 *   <!-- /screen:main -->
 *
 *   npm run docs:screens                                  # build, then rewrite docs/TUI.md
 *   node --import=tsx docs/screenshots.ts [--doc=FILE]    # from dist/ as it is; another file
 *
 * Times on screen are the server's, shown in UTC (TZ=UTC): they change with every run,
 * and nothing is masked. Every process started is stopped by PID when the script ends,
 * whether it succeeds or not.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {
	rawClient,
	startOnlineTui,
	startServe,
	startTui,
	typeLine,
	waitForScreen,
	type Cleanups,
} from '../test/helpers/e2e.js';
import type {TmuxSession} from '../test/helpers/tmux.js';
import {HELP_TITLE} from '../tui/input/index.js';

export const SCREENS = ['main', 'narrow', 'dm', 'notice', 'help', 'name'] as const;
export type ScreenName = (typeof SCREENS)[number];

const DEFAULT_DOC = fileURLToPath(new URL('TUI.md', import.meta.url));

/** Cleanups run last first, each one whatever the others did. */
class CleanupStack implements Cleanups {
	private readonly cleanups: Array<() => unknown> = [];

	teardown(cleanup: () => unknown): void {
		this.cleanups.push(cleanup);
	}

	async run(): Promise<void> {
		for (const cleanup of this.cleanups.reverse()) {
			try {
				await cleanup();
			} catch (error) {
				process.stderr.write(`cleanup failed: ${(error as Error).message}\n`);
			}
		}

		this.cleanups.length = 0;
	}
}

/** A message row once confirmed: its time, then the sender. */
const shown = (from: string, text: string) =>
	new RegExp(`\\d\\d:\\d\\d <${from}> ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The name prompt: `chat tui` without --name, before anything is typed. */
async function captureNamePrompt(cleanups: Cleanups, port: number): Promise<string> {
	const tui = await startTui(cleanups, {port, cols: 80, rows: 16});
	const screen = await waitForScreen(
		tui,
		(text) => text.includes('Type the name others will know you by') && / connected │/.test(text),
	);
	await tui.kill();
	return screen;
}

/** The help overlay (/help) on a newcomer's 80x24 screen: it all fits. */
async function captureHelp(cleanups: Cleanups, port: number): Promise<string> {
	const tui = await startOnlineTui(cleanups, {port, name: 'frank', cols: 80, rows: 24});
	await typeLine(tui, '/help');
	const screen = await waitForScreen(tui, HELP_TITLE);
	await tui.kill();
	return screen;
}

/**
 * A morning on a ward: alice and bob in the TUI, carol, dave and erin typing the
 * protocol by hand. Returns alice's main screen, the status line as carol's DM arrives
 * while she looks at the lobby, her DM with carol, and bob at 60x20.
 */
async function captureConversation(
	cleanups: Cleanups,
	port: number,
): Promise<Record<'main' | 'narrow' | 'dm' | 'notice', string>> {
	const carol = await rawClient(cleanups, port, 'carol');
	const dave = await rawClient(cleanups, port, 'dave');
	const erin = await rawClient(cleanups, port, 'erin');
	await dave.command('NEW_GROUP icu');
	await erin.command('JOIN_GROUP icu');
	const alice: TmuxSession = await startOnlineTui(cleanups, {port, name: 'alice', cols: 100, rows: 30});
	const bob = await startOnlineTui(cleanups, {port, name: 'bob', cols: 100, rows: 30});

	await carol.command('MESSAGE Morning all. Bed 4 needs a review before 10:00, new chest pain overnight.');
	await waitForScreen(alice, shown('carol', 'Morning all.'));
	await typeLine(alice, 'On my way. Are the bloods back?');
	await waitForScreen(bob, shown('alice', 'On my way.'));
	await typeLine(bob, 'Troponin pending, K+ 3.1. Repeat sent, chart is on the desk.');
	await waitForScreen(alice, shown('bob', 'Troponin pending'));
	await carol.command('MESSAGE alice, can you also look at bed 9? Obs due at 10, NEWS 5.');
	await waitForScreen(alice, shown('carol', 'alice, can you'));
	await typeLine(alice, 'Yes, after bed 4.');
	await waitForScreen(bob, shown('alice', 'Yes, after bed 4.'));
	await carol.command('DM alice Family of bed 12 would like a word when you have a minute.');
	const notice = await waitForScreen(
		alice,
		(screen) => /DIRECT[\s\S]*carol +1 new/.test(screen) && / DM from carol /.test(screen),
	);
	// Escape puts the notice away (it would go by itself in a few seconds).
	await alice.sendKey('Escape');
	const main = await waitForScreen(alice, (screen) => / online │/.test(screen.split('\n').at(-1)!));

	await typeLine(alice, '/dm carol');
	await waitForScreen(alice, '@carol · direct messages');
	await typeLine(alice, 'Tell them 11:30 in the relatives room, I will call when I am free.');
	await waitForScreen(alice, shown('alice', 'Tell them 11:30'));
	await alice.sendKeys('Thanks for');
	const dm = await waitForScreen(alice, (screen) => screen.includes('@carol› Thanks for'));

	await bob.resize(60, 20);
	const narrow = await waitForScreen(
		bob,
		(screen) =>
			screen.split('\n').length === 20 && !screen.includes('GROUPS') && / online │/.test(screen.split('\n').at(-1)!),
	);
	return {main, narrow, dm, notice};
}

/** Runs the script and returns every screen, stopping everything it started. */
export async function captureScreens(): Promise<Record<ScreenName, string>> {
	const cleanups = new CleanupStack();
	const stop = () => {
		void cleanups.run().finally(() => process.exit(130));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	try {
		const server = await startServe(cleanups);
		const name = await captureNamePrompt(cleanups, server.port);
		const conversation = await captureConversation(cleanups, server.port);
		// Last: frank coming online would show on the others' screens.
		return {...conversation, help: await captureHelp(cleanups, server.port), name};
	} finally {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		await cleanups.run();
	}
}

/** `doc` with each marked region's content replaced by its screen in a text block. */
export function fillRegions(doc: string, screens: Readonly<Partial<Record<ScreenName, string>>>): string {
	let filled = doc;
	for (const [name, screen] of Object.entries(screens)) {
		const region = new RegExp(`(<!-- screen:${name} -->\\n)[\\s\\S]*?(<!-- /screen:${name} -->)`);
		if (!region.test(filled)) {
			throw new Error(`The document has no region <!-- screen:${name} --> ... <!-- /screen:${name} -->`);
		}

		// A function, so `$` in a screen is never read as a replacement pattern.
		filled = filled.replace(
			region,
			(_, open: string, close: string) => `${open}\`\`\`text\n${screen.replace(/\s+$/, '')}\n\`\`\`\n${close}`,
		);
	}

	return filled;
}

async function main(): Promise<void> {
	const file = process.argv.find((arg) => arg.startsWith('--doc='))?.slice('--doc='.length) ?? DEFAULT_DOC;
	const screens = await captureScreens();
	writeFileSync(file, fillRegions(readFileSync(file, 'utf8'), screens));
	process.stdout.write(`Rewrote ${SCREENS.map((name) => `screen:${name}`).join(', ')} in ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((error: unknown) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exitCode = 1;
	});
}
