/**
 * The password for scripts, so `chat tui` can log in to an account without a prompt:
 * `--password-file F` (its first line) or the CHAT_PASSWORD environment variable. It is
 * kept in memory only, to log in again after a reconnect, and never printed: the
 * sentences here name where it came from, never what it is.
 */
import {readFileSync, statSync} from 'node:fs';
import {passwordProblem} from '../../protocol/index.js';

export type PasswordSource = {readonly password: string | undefined} | {readonly problem: string};

/** The variable a script sets instead of a file. */
export const PASSWORD_ENV = 'CHAT_PASSWORD';

function checked(password: string, from: string): PasswordSource {
	const problem = passwordProblem(password);
	return problem === undefined ? {password} : {problem: `${from}: ${problem}`};
}

/**
 * The password from `file` when given (a flag says more than the environment), else
 * from the environment; `{password: undefined}` when neither has one. A file others
 * can read is refused, as ssh refuses such a key: whoever can read it can log in.
 */
export function readPasswordSource(
	file: string | undefined,
	env: Readonly<Record<string, string | undefined>>,
): PasswordSource {
	if (file !== undefined) {
		let text: string;
		try {
			const mode = statSync(file).mode & 0o777;
			if ((mode & 0o077) !== 0) {
				return {
					problem: `--password-file ${file} can be read by others (mode ${mode.toString(8).padStart(4, '0')}); make it yours alone with chmod 600 ${file}.`,
				};
			}

			text = readFileSync(file, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			return {problem: `--password-file ${file} cannot be read (${code ?? 'error'}).`};
		}

		// The first line; a file written by `echo` ends in a line break that is no part of it.
		return checked(text.split(/\r?\n/)[0] ?? '', `--password-file ${file}`);
	}

	const fromEnv = env[PASSWORD_ENV];
	return fromEnv === undefined || fromEnv === '' ? {password: undefined} : checked(fromEnv, PASSWORD_ENV);
}
