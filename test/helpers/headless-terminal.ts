/**
 * Renders an Ink element into a real terminal emulator (xterm.js, headless) of a fixed
 * size, so a test asserts what a user would see: the screen after the escape sequences
 * Ink wrote were interpreted, not the string Ink meant to draw.
 *
 * Waiting is deterministic. Rendering uses `maxFps: 0` unless told otherwise: Ink's
 * default 30 fps throttle draws a burst's last frame on a 33 ms timer, which only
 * wall-clock waiting could catch; at 0 every React commit is drawn synchronously, so
 * the frame for a key exists as soon as the key has been read. What is left
 * asynchronous (stdin delivery, React's passive effects, xterm's parser) settles
 * within a few event-loop turns, which `waitForScreen` counts.
 */

import xtermHeadless from '@xterm/headless';
import type {Terminal as XtermTerminal} from '@xterm/headless';
import {render as renderInk, type Instance, type RenderOptions} from 'ink';
import {PassThrough} from 'node:stream';
import type {ReactNode} from 'react';
import {FakeTtyStdin} from './fake-tty-stdin.js';
import {FakeTtyStdout} from './fake-tty-stdout.js';
import {nextTurn} from './next-turn.js';

// The package is CommonJS without named-export hints Node can detect.
const {Terminal} = xtermHeadless;

export interface TerminalSizeInCells {
	readonly cols: number;
	readonly rows: number;
}

/** A substring of the screen, a pattern over it, or a test of its rows. */
export type ScreenMatcher = string | RegExp | ((rows: readonly string[]) => boolean);

export interface WaitForScreenOptions {
	/** Fail after this many writes from the app without a match. Default 100. */
	readonly maxWrites?: number;
	/**
	 * Fail after this many event-loop turns in a row with no write. Default 20. A turn
	 * is short and waits for no timer: what an app does on a timer (an Escape timeout,
	 * a spinner) is not reached by turns, and needs the timer driven by the test.
	 */
	readonly maxTicks?: number;
}

export type HeadlessRenderOptions = Omit<RenderOptions, 'stdout' | 'stdin' | 'stderr'>;

export interface CursorPosition {
	/** Column, from 0. */
	readonly x: number;
	/** Row of the screen, from 0. */
	readonly y: number;
}

function toPredicate(matcher: ScreenMatcher): (rows: readonly string[]) => boolean {
	if (typeof matcher === 'function') {
		return matcher;
	}
	if (typeof matcher === 'string') {
		return (rows) => rows.some((row) => row.includes(matcher));
	}
	return (rows) => matcher.test(rows.join('\n'));
}

function describeMatcher(matcher: ScreenMatcher): string {
	return typeof matcher === 'function'
		? `a screen matching ${matcher.name || 'the predicate'}`
		: `${String(matcher)} on screen`;
}

/**
 * Ink checks `is-in-ci` once, when it is loaded: under CI=true it draws no frames at all
 * (only the last one, on unmount) and ignores resizes, so every screen assertion would
 * fail for a reason no test output shows. Same test as `is-in-ci`.
 */
function inkIsInCiMode(): boolean {
	const set = (name: string) => name in process.env && process.env[name] !== '0' && process.env[name] !== 'false';
	return set('CI') || set('CONTINUOUS_INTEGRATION');
}

export class HeadlessTerminal {
	readonly terminal: XtermTerminal;
	readonly stdout: FakeTtyStdout;
	readonly stdin = new FakeTtyStdin();
	/** Ink's stderr (used by `useStderr`); what was written is in `stderrText`. */
	readonly stderr = new PassThrough();
	stderrText = '';
	private lastParse: Promise<void> = Promise.resolve();
	private instance: Instance | undefined;

	constructor({cols, rows}: TerminalSizeInCells) {
		// convertEol: a real TTY's line discipline turns "\n" into "\r\n" on output (ONLCR,
		// which Node's raw mode keeps), and Ink relies on it; xterm.js alone would not return
		// to column 0.
		this.terminal = new Terminal({cols, rows, allowProposedApi: true, convertEol: true});
		this.stdout = new FakeTtyStdout({columns: cols, rows}, (chunk) => {
			this.lastParse = new Promise((resolve) => this.terminal.write(chunk, resolve));
		});
		this.stderr.setEncoding('utf8');
		this.stderr.on('data', (text: string) => {
			this.stderrText += text;
		});
	}

	/** Mounts `element` (or re-renders the mounted tree with it) on this terminal. */
	render(element: ReactNode, options: HeadlessRenderOptions = {}): Instance {
		if (inkIsInCiMode()) {
			throw new Error(
				'Ink was loaded with CI set, so it draws nothing until unmount: run TUI tests with CI unset or CI=false.',
			);
		}
		this.instance = renderInk(element, {
			exitOnCtrlC: false,
			patchConsole: false,
			debug: false,
			maxFps: 0,
			...options,
			stdout: this.stdout as unknown as NodeJS.WriteStream,
			stdin: this.stdin as unknown as NodeJS.ReadStream,
			stderr: this.stderr as unknown as NodeJS.WriteStream,
		});
		return this.instance;
	}

	/** Sends bytes as the keyboard would: `type('\r')` is Enter, `type('\x1b[A')` is Up. */
	type(chunk: string): void {
		this.stdin.write(chunk);
	}

	/** Resolves once the emulator has parsed everything written so far, including writes made while waiting. */
	async settled(): Promise<void> {
		let parse: Promise<void>;
		do {
			parse = this.lastParse;
			await parse;
		} while (parse !== this.lastParse);
	}

	/** The visible rows, top to bottom, trailing spaces trimmed. */
	async screen(): Promise<string[]> {
		await this.settled();
		const buffer = this.terminal.buffer.active;
		const rows: string[] = [];
		for (let y = 0; y < this.terminal.rows; y++) {
			rows.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
		}
		return rows;
	}

	/** The visible rows joined with newlines, handy in assertion messages. */
	async screenText(): Promise<string> {
		return (await this.screen()).join('\n');
	}

	/**
	 * Re-reads the screen after every event-loop turn until it matches, and returns it.
	 * Gives up (throwing with the last screen) after `maxWrites` writes from the app, or
	 * after `maxTicks` turns in a row without one: a count, not a duration, so a slow
	 * machine does not fail it and a hung app does not stall the suite until ava's timeout.
	 */
	async waitForScreen(
		matcher: ScreenMatcher,
		{maxWrites = 100, maxTicks = 20}: WaitForScreenOptions = {},
	): Promise<string[]> {
		const matches = toPredicate(matcher);
		const firstWrite = this.stdout.writeCount;
		let writesSeen = firstWrite;
		let quietTurns = 0;
		for (;;) {
			const rows = await this.screen();
			if (matches(rows)) {
				return rows;
			}
			const writes = this.stdout.writeCount - firstWrite;
			if (writes > maxWrites || quietTurns >= maxTicks) {
				const why = writes > maxWrites ? `${writes} writes` : `${quietTurns} event-loop turns without a write`;
				throw new Error(
					`Waited for ${describeMatcher(matcher)}; gave up after ${why}. Last screen:\n${rows.map((row) => `|${row}`).join('\n')}`,
				);
			}
			await nextTurn();
			quietTurns = this.stdout.writeCount === writesSeen ? quietTurns + 1 : 0;
			writesSeen = this.stdout.writeCount;
		}
	}

	/** Resizes the emulator, then tells the app through its stdout, as SIGWINCH would. */
	async resize(cols: number, rows: number): Promise<void> {
		// Output already written was meant for the old size: let it land there first.
		await this.settled();
		this.terminal.resize(cols, rows);
		this.stdout.resize(cols, rows);
	}

	/** Bytes the app has written so far. */
	get bytesWritten(): number {
		return this.stdout.bytesWritten;
	}

	/** Bytes written since `mark`, an earlier value of `bytesWritten`. */
	bytesSince(mark: number): number {
		return this.stdout.bytesWritten - mark;
	}

	async cursor(): Promise<CursorPosition> {
		await this.settled();
		const buffer = this.terminal.buffer.active;
		return {x: buffer.cursorX, y: buffer.cursorY};
	}

	/** Whether the alternate screen (xterm mode 1049) is the one showing. */
	async isAlternateScreen(): Promise<boolean> {
		await this.settled();
		return this.terminal.buffer.active.type === 'alternate';
	}

	/** Unmounts the Ink tree, which draws its last frame and releases raw mode. */
	unmount(): void {
		this.instance?.unmount();
	}

	/** Unmounts if needed and frees everything; for `t.teardown`. */
	async cleanup(): Promise<void> {
		this.unmount();
		this.instance?.cleanup();
		this.instance = undefined;
		await this.settled();
		this.stdin.destroy();
		this.terminal.dispose();
	}
}

export function createHeadlessTerminal(size: TerminalSizeInCells): HeadlessTerminal {
	return new HeadlessTerminal(size);
}
