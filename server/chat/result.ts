/**
 * What a rule of the chat answers: the value of what was done, or a refusal with a
 * stable code and a sentence for the person who asked. Rules never throw for refusals:
 * throwing is for bugs, which the dispatcher answers with ERR INTERNAL.
 */
import type {ErrorCode} from '../../protocol/index.js';

export interface Refusal {
	readonly ok: false;
	readonly code: ErrorCode;
	readonly message: string;
}

export type Result<T> = {readonly ok: true; readonly value: T} | Refusal;

export function refuse(code: ErrorCode, message: string): Refusal {
	return {ok: false, code, message};
}

export function done<T>(value: T): Result<T> {
	return {ok: true, value};
}
