/**
 * A logger that prints nothing and remembers everything, so tests can check what an
 * operator would see, and wait for an event instead of for time.
 */
import {formatLogLine, type LogFields, type Logger, type LogLevel} from '../../server/log.js';
import {HANG_MS} from './hang.js';

export interface LogEntry {
	readonly level: LogLevel;
	readonly event: string;
	readonly fields: LogFields;
	/** The line as the real logger would print it. */
	readonly line: string;
}

type Watcher = {readonly match: (entry: LogEntry) => boolean; readonly resolve: (entry: LogEntry) => void};

export class CapturedLog implements Logger {
	readonly entries: LogEntry[] = [];
	private readonly watchers = new Set<Watcher>();

	info(event: string, fields: LogFields = {}): void {
		this.add('info', event, fields);
	}

	warn(event: string, fields: LogFields = {}): void {
		this.add('warn', event, fields);
	}

	error(event: string, fields: LogFields = {}): void {
		this.add('error', event, fields);
	}

	/** Entries of one event, in order. */
	events(event: string): LogEntry[] {
		return this.entries.filter((entry) => entry.event === event);
	}

	/** The first entry (already logged or still to come) of `event` whose fields match. */
	waitFor(event: string, fields: LogFields = {}): Promise<LogEntry> {
		const match = (entry: LogEntry) =>
			entry.event === event && Object.entries(fields).every(([key, value]) => entry.fields[key] === value);
		const found = this.entries.find(match);
		if (found) {
			return Promise.resolve(found);
		}

		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.watchers.delete(watcher);
				const lines = this.entries.map((entry) => '  ' + entry.line).join('\n');
				reject(new Error(`No ${event} ${JSON.stringify(fields)} logged within ${HANG_MS} ms; log:\n${lines}`));
			}, HANG_MS);
			const watcher: Watcher = {
				match,
				resolve: (entry) => {
					clearTimeout(timer);
					resolve(entry);
				},
			};
			this.watchers.add(watcher);
		});
	}

	private add(level: LogLevel, event: string, fields: LogFields): void {
		const entry: LogEntry = {level, event, fields, line: formatLogLine(new Date(), level, event, fields)};
		this.entries.push(entry);
		for (const watcher of this.watchers) {
			if (watcher.match(entry)) {
				this.watchers.delete(watcher);
				watcher.resolve(entry);
			}
		}
	}
}
