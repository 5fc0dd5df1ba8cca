/**
 * The measurements, each on a running TUI and a raw peer in the same conversation:
 * bytes per keystroke, bytes and CPU per incoming message (each one drawn before the
 * next is sent, as messages arrive in a ward: one at a time), and the time a fresh
 * mount of the app takes to its first full frame on the session as it stands.
 */
import {render} from 'ink';
import {createElement} from 'react';
import {AppContainer} from '../../tui/components/AppContainer.js';
import type {ChatSession} from '../../tui/session/index.js';
import {currentConversation, type ChatState} from '../../tui/state/index.js';
import {createFrameWriter} from '../../tui/terminal/frame-writer.js';
import {FakeTtyStdin} from '../../test/helpers/fake-tty-stdin.js';
import {FakeTtyStdout} from '../../test/helpers/fake-tty-stdout.js';
import type {RawPeer} from './raw-peer.js';
import {nextTurn, Signal} from './signal.js';
import type {TuiUnderTest} from './tui-under-test.js';

/** What a clinician types: a line of words, then it is cleared (unmeasured) and typed again. */
const TYPED_LINE = 'obs for bed 12 due at 14:00, BP 128/84 ok';

export interface KeystrokeFigures {
	/** Bytes written to the terminal per key. */
	readonly bytes: number;
	/** Process CPU (user + system) per key, in microseconds. */
	readonly cpuMicros: number;
}

/** Keys typed before any is measured, so the figures are of the warmed-up path, not of the JIT. */
const WARM_UP_KEYS = 40;

/** Averages over `keystrokes` single characters, each drawn before the next is typed. */
export async function perKeystroke(tui: TuiUnderTest, keystrokes: number): Promise<KeystrokeFigures> {
	for (const char of TYPED_LINE.slice(0, WARM_UP_KEYS)) {
		await tui.type(char);
	}

	await tui.type('\x15');
	let bytes = 0;
	let cpuMicros = 0;
	for (let typed = 0; typed < keystrokes;) {
		for (const char of TYPED_LINE) {
			if (typed === keystrokes) {
				break;
			}

			const mark = tui.stdout.bytesWritten;
			const cpu = process.cpuUsage();
			await tui.type(char);
			const used = process.cpuUsage(cpu);
			cpuMicros += used.user + used.system;
			bytes += tui.stdout.bytesWritten - mark;
			typed++;
		}

		await tui.type('\x15'); // Ctrl-U: clear the line, not counted
	}

	return {bytes: bytes / keystrokes, cpuMicros: cpuMicros / keystrokes};
}

function lastEntryText(state: ChatState | undefined): string | undefined {
	const last = state === undefined ? undefined : currentConversation(state).entries.at(-1);
	return last?.kind === 'message' ? last.text : undefined;
}

/** Resolves once a frame painted with `text` as the newest message is on the screen. */
export async function untilDrawn(tui: TuiUnderTest, text: string): Promise<void> {
	await tui.progress.until(() => lastEntryText(tui.drawnState) === text, `"${text}" drawn`);
	await nextTurn();
}

/** Sends one message from the peer and resolves once the TUI has it and has drawn it. */
export async function receiveOne(tui: TuiUnderTest, peer: RawPeer, text: string): Promise<void> {
	peer.send(text);
	await untilDrawn(tui, text);
}

/** A message of the kind a ward sends, numbered so each one is new. */
export const wardMessage = (label: string, index: number) =>
	`${label} ${index}: bed 7 obs due at 14:00, BP 128/84, please review the fluid chart`;

/** Average bytes written per incoming message, each drawn before the next is sent. */
export async function bytesPerMessage(tui: TuiUnderTest, peer: RawPeer, messages: number): Promise<number> {
	const mark = tui.stdout.bytesWritten;
	for (let index = 1; index <= messages; index++) {
		await receiveOne(tui, peer, wardMessage('bytes', index));
	}

	return (tui.stdout.bytesWritten - mark) / messages;
}

export interface CpuFigures {
	/** Process CPU (user + system) per message, in microseconds. */
	readonly cpuMicros: number;
	/** Wall time per message, in milliseconds. */
	readonly wallMs: number;
}

export interface SplitCpuFigures extends CpuFigures {
	/** Per message, from the send to the TUI's state holding the message: the server's path and the TUI's intake. */
	readonly intakeMicros: number;
	/** Per message, from that state to its frame's write: the frame clock's wait, the wake, the render and the diff. */
	readonly frameMicros: number;
}

/** CPU and wall time of the whole process to take in `messages` messages, one at a time, each drawn. */
export async function cpuPerMessage(receive: (index: number) => Promise<void>, messages: number): Promise<CpuFigures> {
	const cpu = process.cpuUsage();
	const started = performance.now();
	for (let index = 1; index <= messages; index++) {
		await receive(index);
	}

	const used = process.cpuUsage(cpu);
	return {cpuMicros: (used.user + used.system) / messages, wallMs: (performance.now() - started) / messages};
}

/**
 * `cpuPerMessage` over `receiveOne`, with each message's CPU split at the TUI's marks
 * (tui-under-test.ts): what runs before the message is in the TUI's state, and what runs
 * from there to its frame. The message arrives just after the last frame, so its frame
 * waits for the frame clock and the process sleeps first: the frame part holds the wake.
 */
export async function cpuPerMessageSplit(
	tui: TuiUnderTest,
	peer: RawPeer,
	label: string,
	messages: number,
): Promise<SplitCpuFigures> {
	let intake = 0;
	let frame = 0;
	const whole = await cpuPerMessage(async (index) => {
		// A change after the last frame but before this send (none is expected) is not the message's.
		tui.markNextChange();
		const used = process.cpuUsage();
		await receiveOne(tui, peer, wardMessage(label, index));
		intake += tui.firstChangeCpuMicros - (used.user + used.system);
		frame += tui.lastFrameCpuMicros - tui.firstChangeCpuMicros;
	}, messages);
	return {...whole, intakeMicros: intake / messages, frameMicros: frame / messages};
}

/**
 * CPU per wake of a process that does nothing but sleep `ms` and wake, `count` times:
 * the machine's own price of a wake from idle, which every message the TUI draws after
 * a frame clock's wait pays before any of its work (docs/PERFORMANCE.md, seventh pass).
 */
export async function emptyWakeMicros(count: number, ms: number): Promise<number> {
	const cpu = process.cpuUsage();
	for (let index = 0; index < count; index++) {
		await new Promise<void>((resolve) => setTimeout(resolve, ms));
	}

	const used = process.cpuUsage(cpu);
	return (used.user + used.system) / count;
}

export interface BurstFigures {
	/** Process CPU (user + system) for the whole burst, in microseconds. */
	readonly cpuMicros: number;
	/** Frames painted until the last message was on screen. */
	readonly frames: number;
	/** Messages in the burst. */
	readonly messages: number;
}

/**
 * `count` messages sent at once (as fast as the peer's socket takes them), until the
 * last one is drawn: what a busy group, or a reconnect's backlog, costs the client.
 */
export async function burst(tui: TuiUnderTest, peer: RawPeer, label: string, count: number): Promise<BurstFigures> {
	const frames = tui.frames;
	const cpu = process.cpuUsage();
	for (let index = 1; index < count; index++) {
		peer.send(wardMessage(label, index));
	}

	await receiveOne(tui, peer, wardMessage(label, count));
	const used = process.cpuUsage(cpu);
	return {cpuMicros: used.user + used.system, frames: tui.frames - frames, messages: count};
}

/** `count` messages one at a time, each drawn before the next is sent: the same figures as `burst`. */
export async function singles(tui: TuiUnderTest, peer: RawPeer, label: string, count: number): Promise<BurstFigures> {
	const frames = tui.frames;
	const cpu = process.cpuUsage();
	for (let index = 1; index <= count; index++) {
		await receiveOne(tui, peer, wardMessage(label, index));
	}

	const used = process.cpuUsage(cpu);
	return {cpuMicros: used.user + used.system, frames: tui.frames - frames, messages: count};
}

/**
 * From mounting the app on `session` (as it stands, history and all) to its first
 * full frame on a fresh `columns`x`rows` screen: what a restart of the client, or a
 * second view of the same session, costs before the user sees anything.
 */
export async function firstFullFrameMs(session: ChatSession, columns: number, rows: number): Promise<number> {
	const drawn = new Signal();
	let frameAt: number | undefined;
	const stdout = new FakeTtyStdout({columns, rows}, () => {
		frameAt ??= performance.now();
		drawn.notify();
	});
	const stdin = new FakeTtyStdin();
	const writer = createFrameWriter({output: stdout, columns, rows});
	const started = performance.now();
	const ink = render(
		createElement(AppContainer, {
			session,
			onCaret: (position) => writer.setCursor(position),
			writer,
		}),
		{
			stdout: writer.sink as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	try {
		await drawn.until(() => frameAt !== undefined, 'the first frame of a fresh mount');
		return frameAt! - started;
	} finally {
		ink.unmount();
		writer.dispose();
		stdin.destroy();
	}
}
