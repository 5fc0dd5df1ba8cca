import {rawClient, startOnlineTui, startServe, type Cleanups} from './e2e.js';
import type {TmuxSession} from './tmux.js';

/** The cast of the end-to-end conversations, all in lobby on one fresh `chat serve`. */
export interface Lobby {
	/** Types the protocol by hand. */
	readonly carol: Awaited<ReturnType<typeof rawClient>>;
	/** In `chat tui`, online. */
	readonly alice: TmuxSession;
	/** In `chat tui`, online, after alice. */
	readonly bob: TmuxSession;
}

/** Starts the server, signs carol in over raw TCP, then starts alice's and bob's TUIs, each online before the next. */
export async function startLobby(cleanups: Cleanups): Promise<Lobby> {
	const {port} = await startServe(cleanups);
	const carol = await rawClient(cleanups, port, 'carol');
	const alice = await startOnlineTui(cleanups, {port, name: 'alice'});
	const bob = await startOnlineTui(cleanups, {port, name: 'bob'});
	return {carol, alice, bob};
}
