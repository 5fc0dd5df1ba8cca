/**
 * What the server does on its own, now and then, for the record: retention (messages
 * older than --retain-days leave history and search; audit entries older than
 * --audit-retain-days leave the audit trail), each removal itself an audit entry, and a
 * signed checkpoint of the audit chain's head. One timer on the Scheduler, so a test
 * moves the clock by hand instead of waiting days.
 *
 * Retention removes at most one batch per table per tick, each in its own turn's
 * transaction, so a first sweep over years of history never holds up the chat for
 * long: a full batch brings the next tick forward to "at once".
 */
import type {Scheduler, TimerHandle} from '../../protocol/index.js';
import type {Store} from './store.js';

/** How often the head is signed and retention looks for what is due. */
export const UPKEEP_INTERVAL_MS = 60_000;
/** Messages, or audit entries, removed per turn at most. */
export const RETENTION_BATCH = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface UpkeepOptions {
	readonly store: Store;
	/** The wall clock the entries and the messages are stamped with. */
	readonly clock: () => Date;
	readonly scheduler: Scheduler;
	readonly intervalMs?: number;
	/** Messages older than this many days are removed; undefined keeps them. */
	readonly retainDays?: number;
	/** Audit entries older than this many days are removed; undefined keeps them. */
	readonly auditRetainDays?: number;
}

export class Upkeep {
	private timer: TimerHandle | undefined;
	private stopped = false;

	constructor(private readonly options: UpkeepOptions) {}

	start(): void {
		this.schedule(this.options.intervalMs ?? UPKEEP_INTERVAL_MS);
	}

	/** Stops the timer and signs the head one last time, so the chain ends signed. */
	stop(): void {
		if (this.stopped) {
			return;
		}

		this.stopped = true;
		if (this.timer !== undefined) {
			this.options.scheduler.clearTimeout(this.timer);
		}

		this.options.store.signAuditHead(this.options.clock().toISOString());
	}

	/** One round: a batch of retention each, then the head signed (retention's own entries included). */
	tick(): void {
		const {store, clock, retainDays, auditRetainDays} = this.options;
		const now = clock();
		const time = now.toISOString();
		let more = false;
		if (retainDays !== undefined) {
			const before = daysBefore(now, retainDays);
			const removed = store.removeMessagesBefore(before, RETENTION_BATCH);
			if (removed) {
				store.audit({kind: 'retention', ...removed, before}, time);
				more = removed.messages === RETENTION_BATCH;
			}
		}

		if (auditRetainDays !== undefined) {
			more =
				store.removeAuditBefore(daysBefore(now, auditRetainDays), time, RETENTION_BATCH) === RETENTION_BATCH || more;
		}

		store.signAuditHead(time);
		return this.schedule(more ? 0 : (this.options.intervalMs ?? UPKEEP_INTERVAL_MS));
	}

	private schedule(ms: number): void {
		if (!this.stopped) {
			this.timer = this.options.scheduler.setTimeout(() => this.tick(), ms);
		}
	}
}

function daysBefore(now: Date, days: number): string {
	return new Date(now.getTime() - days * DAY_MS).toISOString();
}
