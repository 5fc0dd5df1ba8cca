/**
 * The one outcome every command gets. A handler returns it rather than writing to
 * the connection, so the type system holds every handler to exactly one answer and
 * the dispatcher writes it, data lines and OK together, in a single send.
 */
import type {ServerLine} from '../../protocol/index.js';
import type {Refusal} from '../chat/result.js';

export interface Success {
	readonly ok: true;
	/** Data lines (if any) followed by the command's OK line. */
	readonly lines: readonly ServerLine[];
	/** Close the connection once the reply is delivered (CLOSE). */
	readonly end: boolean;
	/**
	 * The command wrote to the store: if the turn's commit fails, the client gets
	 * ERR STORE_FAILED instead of these lines (never an OK for what was not kept).
	 */
	readonly durable?: true;
}

export type Outcome = Success | Refusal;

/** What a handler returns: an outcome now, or later (a login waits for scrypt). */
export type Answer = Outcome | Promise<Outcome>;

export function success(...lines: readonly ServerLine[]): Success {
	return {ok: true, lines, end: false};
}

/** Success of a command that wrote to the store: sent only once the write is committed. */
export function durableSuccess(...lines: readonly ServerLine[]): Success {
	return {ok: true, lines, end: false, durable: true};
}

/**
 * No answer at all: for PONG only, the one documented exception to one outcome per
 * command (the dispatcher also keeps its refusals to itself).
 */
export function noReply(): Success {
	return {ok: true, lines: [], end: false};
}

export function successThenEnd(...lines: readonly ServerLine[]): Success {
	return {ok: true, lines, end: true};
}

export {refuse} from '../chat/result.js';
