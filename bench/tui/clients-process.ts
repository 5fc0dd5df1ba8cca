/**
 * A process of its own holding N TUI clients (`runTui`, frame writer and all, each on a
 * fake terminal), as a server that serves the TUI over SSH would hold its sessions:
 * the parent (bench/tui/clients.ts) reads this process's CPU and RSS, which are the
 * clients' alone, with neither the server nor the sender in them.
 *
 *   node --expose-gc clients-process.mjs <port> <clients> <columns> <rows>
 *
 * (transpiled by clients.ts, importing the client from dist/, so no loader's memory
 * counts as the clients').
 * Talks to the parent over IPC: `ready` once every client is online and drawn;
 * `drawn` once every client has painted a frame whose newest message is the text the
 * parent said to wait for; `measured` with CPU and RSS (after a full GC) on request.
 */
import type {ChatSession} from '../../tui/session/index.js';
import {currentConversation, type ChatState} from '../../tui/state/index.js';
import {BEGIN_SYNCHRONIZED_UPDATE} from '../../tui/terminal/frame-writer.js';
import {FakeTtyStdin} from '../../test/helpers/fake-tty-stdin.js';
import {FakeTtyStdout} from '../../test/helpers/fake-tty-stdout.js';
import {runOnFakeTty} from './run-on-fake-tty.js';

export type ToClients = {type: 'wait'; text: string} | {type: 'measure'} | {type: 'stop'};
export type FromClients =
	| {type: 'ready'}
	| {type: 'drawn'; text: string}
	| {type: 'measured'; rssBytes: number; heapUsedBytes: number; cpuMicros: number; frames: number};

interface Client {
	session: ChatSession | undefined;
	stdin: FakeTtyStdin;
	exit: Promise<number>;
	/** The newest message on its screen, as of its last frame. */
	drawnText: string | undefined;
	/** Something was drawn while it was online: its first screen online is on the terminal. */
	drawnOnline: boolean;
	/** Online, drawn, and no command waiting for its reply (the sidebar's LIST and LIST_GROUP answered). */
	online: boolean;
}

// Each client's Ink adds its own exit listeners: fifty are expected here, not a leak.
process.setMaxListeners(0);

const [port, count, columns, rows] = process.argv.slice(2).map(Number) as [number, number, number, number];
const send = (message: FromClients) => process.send!(message);
const gc = (globalThis as {gc?: () => void}).gc;

function newestMessage(state: ChatState): string | undefined {
	const last = currentConversation(state).entries.at(-1);
	return last?.kind === 'message' ? last.text : undefined;
}

let waitingFor: string | undefined;
let frames = 0;
const clients: Client[] = [];

function checkDrawn(): void {
	if (waitingFor !== undefined && clients.every((client) => client.drawnText === waitingFor)) {
		const text = waitingFor;
		waitingFor = undefined;
		send({type: 'drawn', text});
	}
}

let readySent = false;
function checkReady(): void {
	if (!readySent && clients.length === count && clients.every((client) => client.online)) {
		readySent = true;
		send({type: 'ready'});
	}
}

/**
 * Checked on every write and every change of the session's state, not on wrapped frames
 * alone: the last change of a login (the last reply taken off the in-flight queue, or a
 * later client's arrival in the sidebar) can draw an update too small for the
 * synchronized-update pair (frame-writer.ts, TEAR_FREE_BYTES), or nothing at all, and a
 * client that waited for a wrapped frame in that state never became ready.
 */
function checkOnline(client: Client): void {
	const state = client.session?.getState();
	if (client.online || !client.drawnOnline || state === undefined) {
		return;
	}

	if (state.connection.status === 'online' && state.inFlight.length === 0) {
		client.online = true;
		checkReady();
	}
}

for (let index = 1; index <= count; index++) {
	const stdin = new FakeTtyStdin();
	const client: Client = {
		session: undefined,
		stdin,
		exit: Promise.resolve(0),
		drawnText: undefined,
		drawnOnline: false,
		online: false,
	};
	const stdout = new FakeTtyStdout({columns, rows}, (chunk) => {
		if (client.session === undefined) {
			return;
		}

		// Every update the writer paints is one write; a small one goes out without the pair.
		const state = client.session.getState();
		client.drawnOnline ||= state.connection.status === 'online';
		checkOnline(client);
		// A new message's update is always long enough to be wrapped: these are its frames.
		if (!String(chunk).startsWith(BEGIN_SYNCHRONIZED_UPDATE)) {
			return;
		}

		frames++;
		client.drawnText = newestMessage(state);
		if (waitingFor !== undefined && client.drawnText === waitingFor) {
			checkDrawn();
		}
	});
	client.exit = runOnFakeTty({
		port,
		name: `reader${index}`,
		stdin,
		stdout,
		columns,
		rows,
		onSession: (session) => {
			client.session = session;
			session.subscribe(() => checkOnline(client));
		},
	});
	clients.push(client);
}

process.on('message', (message: ToClients) => {
	switch (message.type) {
		case 'wait':
			waitingFor = message.text;
			checkDrawn();
			return;
		case 'measure': {
			// CPU first: the collection below is the measurement's, not the clients'.
			const cpu = process.cpuUsage();
			gc?.();
			gc?.();
			const memory = process.memoryUsage();
			send({
				type: 'measured',
				rssBytes: memory.rss,
				heapUsedBytes: memory.heapUsed,
				cpuMicros: cpu.user + cpu.system,
				frames,
			});
			return;
		}
		case 'stop':
			void Promise.all(
				clients.map((client) => {
					client.session?.stop();
					return client.exit;
				}),
			).then(() => process.exit(0));
			return;
	}
});
