/**
 * Reading a password for an operator command. On a terminal: raw mode, so nothing
 * typed is echoed (not even as stars: the length is a secret too), with Backspace,
 * Enter, and Ctrl-C or Ctrl-D to give up. From a pipe: the first line, so scripts can
 * `printf '%s\n' "$pw" | chat user add alice`.
 */
import type {Readable, Writable} from 'node:stream';

/** The input side of a terminal: what raw mode needs. */
export interface SecretInput extends Readable {
	readonly isTTY?: boolean;
	setRawMode?(enabled: boolean): unknown;
}

export class SecretCancelled extends Error {
	override readonly name = 'SecretCancelled';
}

const ENTER = new Set(['\r', '\n']);
const CANCEL = new Set(['\u0003', '\u0004']);
const BACKSPACE = new Set(['\u007f', '\b']);

/**
 * Reads one secret per prompt, in order, from a terminal (no echo; the prompts are
 * written to `prompt`) or the lines of a pipe (no prompts: nobody reads them). Rejects with SecretCancelled on Ctrl-C or Ctrl-D, or when the input ends first.
 */
export async function readSecrets(input: SecretInput, prompt: Writable, prompts: readonly string[]): Promise<string[]> {
	const terminal = input.isTTY === true && typeof input.setRawMode === 'function';
	const lines: string[] = [];
	let current = '';
	let wanted: (() => void) | undefined;
	let failure: Error | undefined;
	const onData = (chunk: Buffer | string) => {
		for (const char of String(chunk)) {
			if (ENTER.has(char)) {
				// A pipe from Windows ends lines with CRLF: the LF after a CR ends nothing.
				if (!(char === '\n' && !terminal && current === '' && lastWasCr)) {
					lines.push(current);
				}

				lastWasCr = char === '\r';
				current = '';
			} else if (terminal && CANCEL.has(char)) {
				failure = new SecretCancelled('cancelled; nothing was changed.');
			} else if (terminal && BACKSPACE.has(char)) {
				current = [...current].slice(0, -1).join('');
				lastWasCr = false;
			} else {
				current += char;
				lastWasCr = false;
			}
		}

		wanted?.();
	};

	let lastWasCr = false;
	const onEnd = () => {
		if (current !== '') {
			lines.push(current);
			current = '';
		}

		failure ??= new SecretCancelled('the input ended before the password; nothing was changed.');
		wanted?.();
	};

	input.setEncoding('utf8');
	input.on('data', onData);
	input.on('end', onEnd);
	if (terminal) {
		input.setRawMode!(true);
	}

	input.resume();
	try {
		const secrets: string[] = [];
		for (const text of prompts) {
			if (terminal) {
				prompt.write(text);
			}

			const line = await new Promise<string>((resolve, reject) => {
				const check = () => {
					if (lines.length > 0) {
						wanted = undefined;
						resolve(lines.shift()!);
					} else if (failure) {
						wanted = undefined;
						reject(failure);
					}
				};

				wanted = check;
				check();
			});
			if (terminal) {
				// Enter was not echoed either.
				prompt.write('\n');
			}

			secrets.push(line);
		}

		return secrets;
	} finally {
		if (terminal) {
			input.setRawMode!(false);
		}

		input.off('data', onData);
		input.off('end', onEnd);
		input.pause();
	}
}
