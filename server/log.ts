/**
 * The operator's log: one line per event on stderr, in logfmt, so `grep event=disconnect`
 * or `grep user=alice` finds what happened without a log parser:
 *
 *   2026-11-24T05:10:00.123Z level=info event=register conn=3 user=alice users=2
 *
 * Every part of the server takes a Logger, so tests pass a silent or capturing one.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export type LogValue = string | number | boolean | undefined;

export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
	info(event: string, fields?: LogFields): void;
	warn(event: string, fields?: LogFields): void;
	error(event: string, fields?: LogFields): void;
}

// A value is written bare when a reader can't mistake where it ends; anything else is quoted.
const BARE = /^[^\s"=\\\u0000-\u001f\u007f-\u009f]+$/;
const C1_CONTROL = /[\u007f-\u009f]/g;

function formatValue(value: string | number | boolean): string {
	const text = String(value);
	if (BARE.test(text)) {
		return text;
	}

	// JSON quoting escapes quotes, backslashes, LF and the other C0 controls, so one
	// event stays one line whatever a client managed to put into a value.
	return JSON.stringify(text).replace(C1_CONTROL, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** One log line, without its LF. Fields whose value is undefined are left out. */
export function formatLogLine(time: Date, level: LogLevel, event: string, fields: LogFields = {}): string {
	let line = `${time.toISOString()} level=${level} event=${formatValue(event)}`;
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) {
			line += ` ${key}=${formatValue(value)}`;
		}
	}

	return line;
}

export interface LoggerOptions {
	/** Where each line (LF included) goes; stderr by default. */
	readonly write?: (line: string) => void;
	readonly clock?: () => Date;
}

export function createLogger(options: LoggerOptions = {}): Logger {
	const write = options.write ?? ((line: string) => process.stderr.write(line));
	const clock = options.clock ?? (() => new Date());
	const emit = (level: LogLevel) => (event: string, fields?: LogFields) => {
		write(formatLogLine(clock(), level, event, fields) + '\n');
	};

	return {info: emit('info'), warn: emit('warn'), error: emit('error')};
}

export const silentLogger: Logger = {
	info() {},
	warn() {},
	error() {},
};

/**
 * The fields that describe a thrown value: its code when it has one, its message, and
 * for bugs (not for the everyday socket errors) its stack, escaped onto the one line.
 */
export function errorFields(error: unknown, options: {stack?: boolean} = {}): LogFields {
	if (error instanceof Error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {code, error: error.message, stack: options.stack ? error.stack : undefined};
	}

	return {error: String(error)};
}
