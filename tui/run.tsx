/**
 * Runs the full-screen client on the streams it is given (a terminal's, or later an
 * SSH channel's): takes over the screen, draws the app, and gives the screen back as
 * it was however the app ends (quit, Ctrl-C, a signal, a crash).
 *
 * Frames go through the frame writer: Ink renders each complete frame into the
 * writer's sink (debug mode), and the writer sends the terminal only the cells that
 * changed, so a keystroke or a new message never repaints the screen. `renderer:
 * 'ink'` lets Ink draw itself instead, one row short of the terminal (Ink clears the
 * whole screen on every frame as tall as the terminal).
 */
import {render, type Instance} from 'ink';
import {AppContainer} from './components/AppContainer.js';
import type {BackoffPolicy} from './connection/backoff.js';
import type {ServerAddress} from './connection/chat-connection.js';
import type {ReconnectScheduler} from './connection/scheduler.js';
import type {Transport} from './connection/transport.js';
import {colorAllowed} from './layout/paint.js';
import {ChatSession} from './session/index.js';
import {guardExit, type GuardedProcess} from './terminal/exit-guard.js';
import {FrameClock} from './terminal/frame-clock.js';
import {createFrameWriter, type FrameWriter} from './terminal/frame-writer.js';
import {enterFullScreen} from './terminal/full-screen.js';
import {handleSuspend, type Suspender} from './terminal/suspend.js';
import {watchTerminal} from './terminal/terminal-watch.js';
import {SYSTEM_SCHEDULER} from './connection/scheduler.js';
import {FALLBACK_SIZE} from './terminal/use-terminal-size.js';

/** The terminal's keyboard: a tty.ReadStream, or anything that behaves like one. */
export type TuiInput = NodeJS.ReadStream;
/** The terminal's screen: a tty.WriteStream, or anything that behaves like one (size, 'resize'). */
export type TuiOutput = NodeJS.WriteStream;

export interface RunTuiOptions {
	readonly host: string;
	readonly port: number;
	/** What the status line calls the server instead of host:port (an SSH session's `ssh -p 2222 host`). */
	readonly shownAs?: string | undefined;
	/** Other nodes of the same chat (`--host a,b`), tried in turn after a failed or lost connection. */
	readonly fallbacks?: readonly ServerAddress[];
	/** From --name; without it the app asks. */
	readonly name?: string | undefined;
	/** The account's password, for scripts (CHAT_PASSWORD, --password-file); without it the app asks when needed. */
	readonly password?: string | undefined;
	/** The account the connection is proven to be before it exists (an SSH session's key): SET_NAME with this name logs in without a password. */
	readonly verifiedAccount?: string | undefined;
	/** How to reach the server: plain TCP unless given (tlsTransport for --tls). */
	readonly transport?: Transport | undefined;
	/** Ring the bell on DMs and mentions. Default true. */
	readonly bell?: boolean;
	/** Colour, unless NO_COLOR says otherwise. Default: from `env`. */
	readonly color?: boolean;
	/** The environment NO_COLOR is read from when `color` is not given. Default: process.env. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly stdin: TuiInput;
	readonly stdout: TuiOutput;
	readonly stderr: TuiOutput;
	/** 'frame-writer' (the default) or 'ink' (Ink draws itself, one row short). */
	readonly renderer?: 'frame-writer' | 'ink';
	/**
	 * The process whose exits and signals restore the terminal; false for none (a test,
	 * or an SSH server, which restores each session's channel itself). Default: process.
	 */
	readonly exitGuard?: GuardedProcess | false;
	/** For tests: the session's clock and reconnect timing. */
	readonly scheduler?: ReconnectScheduler;
	readonly backoff?: BackoffPolicy;
	/**
	 * Merges the session's changes into at most one frame per display refresh. Default: a
	 * clock on the system timers, 16 ms; tests pass one on their own timer.
	 */
	readonly frameClock?: FrameClock;
	/** Called with the session once it exists (tests watch its state). */
	readonly onSession?: (session: ChatSession) => void;
}

/** A gone terminal's goodbye to the server may take this long before the session just stops. */
const GONE_QUIT_MS = 3000;

/** The terminal's size as it says, or the usual 80x24 when it does not. */
function sizeOf(stdout: TuiOutput): {columns: number; rows: number} {
	return {columns: stdout.columns || FALLBACK_SIZE.columns, rows: stdout.rows || FALLBACK_SIZE.rows};
}

/**
 * Runs until the user quits; resolves with the exit code (0). The terminal is
 * restored before it resolves, and also if it throws.
 */
export async function runTui(options: RunTuiOptions): Promise<number> {
	const {stdin, stdout, stderr} = options;
	const session = new ChatSession({
		host: options.host,
		port: options.port,
		shownAs: options.shownAs,
		fallbacks: options.fallbacks,
		name: options.name,
		password: options.password,
		verifiedAccount: options.verifiedAccount,
		transport: options.transport,
		scheduler: options.scheduler,
		backoff: options.backoff,
	});
	options.onSession?.(session);
	const color = options.color ?? colorAllowed(options.env ?? process.env);
	const useWriter = (options.renderer ?? 'frame-writer') === 'frame-writer';

	let restoreScreen = enterFullScreen({stdin, stdout});
	let writer: FrameWriter | undefined;
	let ink: Instance | undefined;
	const onResize = () => {
		const {columns, rows} = sizeOf(stdout);
		writer?.resize(columns, rows);
	};

	let restored = false;
	const restore = () => {
		if (restored) {
			return;
		}

		restored = true;
		stdout.off('resize', onResize);
		session.stop();
		try {
			// First, so Ink's last frame lands on the alternate screen and its exit hook is gone.
			ink?.unmount();
		} finally {
			writer?.dispose();
			restoreScreen();
		}
	};

	const disposeGuard = options.exitGuard === false ? () => {} : guardExit(restore, {process: options.exitGuard});
	// Ctrl-Z and SIGTSTP stop the real process only; a test's or an SSH server's has none to stop.
	const suspender: Suspender | undefined =
		options.exitGuard === undefined
			? handleSuspend({
					leave: () => restoreScreen(),
					resume: () => {
						restoreScreen = enterFullScreen({stdin, stdout});
						// Raw mode is Ink's, but leaving put the terminal in cooked mode: back as Ink had it.
						if (stdin.isTTY) {
							stdin.setRawMode(true);
						}

						writer?.redraw();
					},
				})
			: undefined;
	try {
		if (useWriter) {
			writer = createFrameWriter({output: stdout, ...sizeOf(stdout)});
			stdout.on('resize', onResize);
		}

		const frames = writer;
		ink = render(
			<AppContainer
				session={session}
				bell={options.bell ?? true}
				color={color}
				writeBell={(data) => stdout.write(data)}
				reserveLastRow={frames === undefined}
				onCaret={frames ? (position) => frames.setCursor(position) : undefined}
				onRedraw={frames ? () => frames.redraw() : undefined}
				onSuspend={suspender?.suspend}
				frameClock={options.frameClock ?? new FrameClock()}
				writer={frames}
			/>,
			{
				stdin,
				stdout: frames ? (frames.sink as unknown as NodeJS.WriteStream) : stdout,
				stderr,
				debug: frames !== undefined,
				exitOnCtrlC: false,
				patchConsole: false,
				// Without the writer, at least rewrite only the rows that changed.
				incrementalRendering: frames === undefined,
			},
		);
		session.start();
		const stopWatching = watchTerminal({
			stdin,
			stdout,
			// The system clock even when a test drives the session's: the watch's timer would
			// otherwise sit among the reconnect timers the test counts and fires.
			scheduler: SYSTEM_SCHEDULER,
			onGone: () => {
				// Nobody sees this session any more: say goodbye to the server, which frees the
				// name, rather than hold it until the link's death is noticed. A quit that waits
				// (to confirm pending messages) is cut short: nobody can confirm anything.
				session.quit();
				SYSTEM_SCHEDULER.setTimeout(() => session.stop(), GONE_QUIT_MS);
			},
		});
		session.exited.then(stopWatching, stopWatching);
		// Ink ends by itself only if rendering failed: then its promise rejects with why.
		await Promise.race([session.exited, ink.waitUntilExit()]);
		return 0;
	} finally {
		restore();
		suspender?.dispose();
		disposeGuard();
	}
}
