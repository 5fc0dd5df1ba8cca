/** @jsxRuntime automatic @jsxImportSource react */
/**
 * The whole app against a real server, rendered into a headless terminal: tests type
 * keys and read the screen, as a user would.
 */
import type {ExecutionContext} from 'ava';
import {AppContainer, type AppContainerProps} from '../../../tui/components/AppContainer.js';
import {ENTER_ALTERNATE_SCREEN} from '../../../tui/terminal/escape-sequences.js';
import {createHeadlessTerminal, type HeadlessTerminal} from '../../helpers/headless-terminal.js';
import {startSession, type TestSession} from '../session/helpers.js';

export interface AppUnderTest extends TestSession {
	readonly term: HeadlessTerminal;
	readonly bellsWritten: string[];
}

export interface OpenAppOptions extends Partial<Omit<AppContainerProps, 'session'>> {
	readonly cols?: number;
	readonly rows?: number;
	readonly name?: string;
}

/** A session for `name` (or none: the name prompt) on the server at `port`, drawn at cols x rows. */
export function openApp(
	t: ExecutionContext,
	port: number,
	{cols = 80, rows = 24, name, ...props}: OpenAppOptions = {},
): AppUnderTest {
	const started = startSession(t, port, name);
	const term = createHeadlessTerminal({cols, rows});
	t.teardown(() => term.cleanup());
	const bellsWritten: string[] = [];
	// As runTui does: the app lives on the alternate screen.
	term.stdout.write(ENTER_ALTERNATE_SCREEN + '\x1b[H');
	term.render(
		<AppContainer
			session={started.session}
			reserveLastRow
			writeBell={(data) => bellsWritten.push(data)}
			now={() => started.scheduler.now()}
			{...props}
		/>,
	);
	return Object.assign(started, {term, bellsWritten});
}

/** Types a line and presses Enter. */
export function typeLine(app: AppUnderTest, text: string): void {
	app.term.type(text);
	app.term.type('\r');
}

export function dump(rows: readonly string[]): string {
	return rows.map((row) => `|${row}`).join('\n');
}

export interface CellInfo {
	readonly char: string;
	readonly bold: boolean;
	readonly dim: boolean;
	readonly inverse: boolean;
	readonly defaultColors: boolean;
	readonly defaultBackground: boolean;
}

/** What the emulator shows in one cell. */
export async function cellAt(term: HeadlessTerminal, x: number, y: number): Promise<CellInfo> {
	await term.settled();
	const buffer = term.terminal.buffer.active;
	const cell = buffer.getLine(buffer.baseY + y)!.getCell(x)!;
	return {
		char: cell.getChars(),
		bold: cell.isBold() !== 0,
		dim: cell.isDim() !== 0,
		inverse: cell.isInverse() !== 0,
		defaultColors: cell.isFgDefault() && cell.isBgDefault(),
		defaultBackground: cell.isBgDefault(),
	};
}

/** Every cell of the screen. */
export async function allCells(term: HeadlessTerminal): Promise<CellInfo[]> {
	const cells: CellInfo[] = [];
	for (let y = 0; y < term.terminal.rows; y++) {
		for (let x = 0; x < term.terminal.cols; x++) {
			cells.push(await cellAt(term, x, y));
		}
	}

	return cells;
}

/** Where `text` first appears on screen (everything left of it on its row must be narrow characters). */
export async function locate(term: HeadlessTerminal, text: string): Promise<{x: number; y: number} | undefined> {
	const rows = await term.screen();
	const y = rows.findIndex((row) => row.includes(text));
	return y === -1 ? undefined : {x: rows[y]!.indexOf(text), y};
}

/** The row of the status line when Ink draws one row short of the terminal. */
export function statusRowIndex(rows: number): number {
	return rows - 2;
}
