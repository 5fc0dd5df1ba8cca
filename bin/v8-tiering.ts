/**
 * V8's tier-up budget, lowered for every `chat` process.
 *
 * V8 moves a function to its optimising compiler after it has run a budget of bytecode
 * (--interrupt-budget, 66 KiB, three times over). chat's hot paths are long and each
 * runs once per event: a message drawn by a client, or by each SSH session's client
 * inside `chat serve`. With one session or one client, code that has run for thousands
 * of messages was still in the baseline tier, and most of a message's CPU was spent
 * there (docs/PERFORMANCE.md, "SSH sessions": 58% of the samples at one session). An
 * eighth of the budget gets that code optimised within the first few hundred messages
 * instead, for a little more compiling early on.
 *
 * Measured with the SSH suite at one session, the builds alternated: server CPU per message,
 * steady, 2.02-2.28 ms with V8's default and 1.51-1.71 ms with this budget, set as the
 * bin sets it (docs/PERFORMANCE.md, "The tier-up budget").
 *
 * Set at run time because the bin cannot choose node's own command line (npm's bin link,
 * `node dist/bin/chat.js`, a service file): V8 reads the budget whenever it resets a
 * function's counter, so setting it before the command loads is as good as the flag.
 */
import {setFlagsFromString} from 'node:v8';

/** Bytes of bytecode run between tier-up checks (V8's default: 67,584). */
export const INTERRUPT_BUDGET = 8192;

export function tierUpSooner(): void {
	setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
