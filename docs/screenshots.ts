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
 *   node --import=tsx docs/screenshots.ts [--doc=FILE] [--pictures=DIR]
 *                                                         # from dist/ as it is; elsewhere
 *
 * Two of the screens are also captured in colour (`capture-pane -e`) and drawn as SVG
 * pictures (screen-svg.ts): tui-main.svg, which opens the README, and tui-day.svg.
 *
 * Times on screen are the server's, shown in UTC (TZ=UTC): they change with every run,
 * and nothing is masked. Every process started is stopped by PID when the script ends,
 * whether it succeeds or not.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {openStore} from '../server/store/open-store.js';
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
import {screenSvg} from './screen-svg.js';

export const SCREENS = ['main', 'narrow', 'dm', 'notice', 'help', 'name', 'day'] as const;
export type ScreenName = (typeof SCREENS)[number];

/** The screens also drawn as pictures, each to docs/tui-<name>.svg. */
export const PICTURES = ['main', 'day'] as const;
export type PictureName = (typeof PICTURES)[number];

/** A colour capture (`capture-pane -e`) and the size of the pane it came from. */
export interface ColourCapture {
	readonly capture: string;
	readonly columns: number;
	readonly rows: number;
}

export const pictureFile = (directory: string, name: PictureName) => join(directory, `tui-${name}.svg`);

const PICTURE_TITLES: Record<PictureName, string> = {
	main: 'chat tui: the lobby conversation, the groups and people in the sidebar, the input line and the status line',
	day: 'chat tui: a rule with the full date where a new day begins in the conversation',
};

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
): Promise<Record<'main' | 'narrow' | 'dm' | 'notice', string> & {mainColour: ColourCapture}> {
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
	const mainColour = {capture: await alice.capture({escapes: true}), columns: 100, rows: 30};

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
	return {main, narrow, dm, notice, mainColour};
}

/**
 * A new day in a conversation: the night shift's last messages, kept by the server from
 * yesterday (written to its store before it starts), then this morning's first. Returns
 * alice's screen with the day rule between them, as text and in colour.
 */
async function captureNewDay(cleanups: Cleanups): Promise<{day: string; dayColour: ColourCapture}> {
	const dataDir = mkdtempSync(join(tmpdir(), 'chat-screens-'));
	cleanups.teardown(() => rmSync(dataDir, {recursive: true, force: true}));
	const yesterday = new Date();
	yesterday.setUTCDate(yesterday.getUTCDate() - 1);
	const at = (hours: number, minutes: number) => {
		const time = new Date(yesterday);
		time.setUTCHours(hours, minutes, 0, 0);
		return time.toISOString();
	};

	const store = openStore(dataDir, 'operator');
	const night = [
		['dave', at(23, 41), 'Bed 7 settled after the fluids, obs every hour overnight.'],
		['erin', at(23, 58), 'Handing over at 07:30; nothing else outstanding.'],
	] as const;
	for (const [index, [from, time, text]] of night.entries()) {
		store.appendGroupMessage({type: 'MSG', id: String(index + 1), time, group: 'lobby', from, text});
	}

	store.flush();
	store.close();
	const server = await startServe(cleanups, 0, ['--data-dir', dataDir]);
	const carol = await rawClient(cleanups, server.port, 'carol');
	const alice = await startOnlineTui(cleanups, {port: server.port, name: 'alice', cols: 80, rows: 16});
	await waitForScreen(alice, shown('erin', 'Handing over'));
	await carol.command('MESSAGE Morning. Bed 7 slept well, bloods due at 08:00.');
	const day = await waitForScreen(alice, shown('carol', 'Morning. Bed 7'));
	return {day, dayColour: {capture: await alice.capture({escapes: true}), columns: 80, rows: 16}};
}

/** Runs the script and returns every screen and colour capture, stopping everything it started. */
export async function captureScreens(): Promise<{
	screens: Record<ScreenName, string>;
	colour: Record<PictureName, ColourCapture>;
}> {
	const cleanups = new CleanupStack();
	const stop = () => {
		void cleanups.run().finally(() => process.exit(130));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	try {
		const server = await startServe(cleanups);
		const name = await captureNamePrompt(cleanups, server.port);
		const {mainColour, ...conversation} = await captureConversation(cleanups, server.port);
		// After the conversation: frank coming online would show on the others' screens.
		const help = await captureHelp(cleanups, server.port);
		const {day, dayColour} = await captureNewDay(cleanups);
		return {screens: {...conversation, help, name, day}, colour: {main: mainColour, day: dayColour}};
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
	const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
	const file = option('doc') ?? DEFAULT_DOC;
	const pictures = option('pictures') ?? dirname(DEFAULT_DOC);
	const {screens, colour} = await captureScreens();
	writeFileSync(file, fillRegions(readFileSync(file, 'utf8'), screens));
	for (const name of PICTURES) {
		const {capture, columns, rows} = colour[name];
		writeFileSync(pictureFile(pictures, name), await screenSvg(capture, columns, rows, PICTURE_TITLES[name]));
	}

	process.stdout.write(
		`Rewrote ${SCREENS.map((name) => `screen:${name}`).join(', ')} in ${file}, and ${PICTURES.map((name) => `tui-${name}.svg`).join(', ')} in ${pictures}\n`,
	);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((error: unknown) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exitCode = 1;
	});
}
