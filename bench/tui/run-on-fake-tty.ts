/**
 * `runTui` as `chat tui` runs it (frame writer, full height, colour on), on fake TTY streams
 * of the given size: what every TUI the bench measures is started with, so the figures of
 * one client and of N clients come from the same set-up.
 */
import {runTui} from '../../tui/run.js';
import type {ChatSession} from '../../tui/session/index.js';
import type {FakeTtyStdin} from '../../test/helpers/fake-tty-stdin.js';
import {FakeTtyStdout} from '../../test/helpers/fake-tty-stdout.js';

export function runOnFakeTty(options: {
	port: number;
	name: string;
	stdin: FakeTtyStdin;
	stdout: FakeTtyStdout;
	columns: number;
	rows: number;
	onSession: (session: ChatSession) => void;
}): Promise<number> {
	// Nothing the bench measures goes to stderr; it is a TTY only so the client runs as on a terminal.
	const stderr = new FakeTtyStdout({columns: options.columns, rows: options.rows}, () => {});
	return runTui({
		host: '127.0.0.1',
		port: options.port,
		name: options.name,
		stdin: options.stdin as unknown as NodeJS.ReadStream,
		stdout: options.stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		exitGuard: false,
		color: true,
		onSession: options.onSession,
	});
}
