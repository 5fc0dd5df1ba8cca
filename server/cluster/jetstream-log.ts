/**
 * The cluster's log on JetStream: the CHAT_LOG stream (one subject, so one order, and
 * one consumer per node without filters, which nats-server 2.9 needs), publishing a
 * turn's entry under a message id (a publish repeated after a lost ack is stored once:
 * the stream's duplicate window), and following the log from its start in order.
 */
import {DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager} from '@nats-io/jetstream';
import {StoreFailure} from '../chat/store.js';
import type {ClusterLog} from './cluster-store.js';
import type {LogEntry} from './log-ops.js';
import type {NatsLink} from './nats-link.js';

export const LOG_STREAM = 'CHAT_LOG';
export const LOG_SUBJECT = 'chat.log';
/** How long a publish waits for its ack before it is tried again (same message id). */
const ACK_TIMEOUT_MS = 2000;
/** Tries per publish: together about the time a 3-member cluster takes to elect a new stream leader. */
const PUBLISH_TRIES = 4;
const FOLLOW_EXPIRES_MS = 2000;
/** How often a follower checks that it is not stuck behind the stream. */
const WATCHDOG_MS = 2000;
const REOPEN_RETRY_MS = 250;

/** Makes the stream if it is missing: file storage, `replicas` copies (3 in a 3-member cluster). */
export async function ensureLogStream(jsm: JetStreamManager, replicas: number): Promise<void> {
	try {
		await jsm.streams.info(LOG_STREAM);
	} catch {
		await jsm.streams.add({name: LOG_STREAM, subjects: [LOG_SUBJECT], num_replicas: replicas});
	}
}

export class JetStreamLog implements ClusterLog {
	constructor(
		private readonly link: NatsLink,
		private readonly js: JetStreamClient,
	) {}

	async publish(payload: string, id: string): Promise<void> {
		if (!this.link.up) {
			// At once, not after every retry: nothing can be stored until the connection is back.
			throw new StoreFailure('NATS is unreachable from this chat node');
		}

		try {
			await this.js.publish(LOG_SUBJECT, payload, {
				msgID: id,
				timeout: ACK_TIMEOUT_MS,
				retries: PUBLISH_TRIES,
			});
		} catch (error) {
			throw new StoreFailure(`NATS JetStream did not acknowledge the write (${describe(error)})`);
		}
	}
}

/**
 * Reads the log from its first entry, in order, and keeps reading as entries come:
 * `caughtUp` resolves with the sequence of the last entry there was at the start once
 * that one has been handed over (at once for an empty log).
 *
 * JetStream's ordered consumer starts again by itself after most failures, but not
 * always after the loss of the NATS server it was on (its requests can fail while the
 * cluster elects new leaders). So a watchdog checks every few seconds: when the stream
 * has entries past the last one handed over and none came since the last check, the
 * consumer is closed and a new one starts just after that entry.
 */
/** Entries the follower needed were purged (compaction, snapshots.ts): the replica must be built again from a snapshot. */
export class LogGap extends Error {
	override readonly name = 'LogGap';
}

export interface FollowOptions {
	/** The sequence the replica holds already (a snapshot's): entries up to it may be purged. */
	readonly from?: number;
	/** Told once when entries it needed were purged; it has stopped (and caughtUp rejects, if it had not resolved). */
	readonly onGap?: () => void;
}

export class LogFollower {
	readonly caughtUp: Promise<number>;
	private stopped = false;
	/** The sequence of the last entry handed over. */
	private handed = 0;
	/** The sequence the next entry must have: a later one means the entries between were purged. */
	private next = 1;
	private gapped: ((gap: LogGap) => void) | undefined;
	private messages: ConsumerMessages | undefined;
	private readonly watchdog: NodeJS.Timeout;

	constructor(
		private readonly js: JetStreamClient,
		private readonly jsm: JetStreamManager,
		private readonly onEntry: (entry: LogEntry, seq: number) => void,
		private readonly options: FollowOptions = {},
	) {
		this.caughtUp = this.start();
		// Whoever awaits caughtUp hears of a failure; the follower itself must not leave it unhandled.
		this.caughtUp.catch(() => undefined);
		let checked = -1;
		this.watchdog = setInterval(() => {
			const handed = this.handed;
			void this.jsm.streams.info(LOG_STREAM).then(
				(info) => {
					if (info.state.last_seq > handed && handed === checked) {
						void this.messages?.close();
					}

					checked = handed;
				},
				() => undefined,
			);
		}, WATCHDOG_MS);
		this.watchdog.unref();
	}

	async stop(): Promise<void> {
		this.stopped = true;
		clearInterval(this.watchdog);
		await this.messages?.close();
	}

	private async start(): Promise<number> {
		const {state} = await this.jsm.streams.info(LOG_STREAM);
		const last = state.last_seq;
		const from = this.options.from ?? 0;
		if (last > from && state.first_seq > from + 1) {
			throw new LogGap(`the log starts at ${state.first_seq}, and this replica holds it up to ${from} only`);
		}

		if (state.messages === 0) {
			// Empty, or purged to its end (the snapshot holds it all): the next entry is the first.
			this.handed = last;
			this.next = last + 1;
		}

		await this.open();
		return new Promise<number>((resolve, reject) => {
			this.gapped = reject;
			if (this.handed >= last) {
				resolve(last);
			}

			void this.follow(() => {
				if (this.handed >= last) {
					resolve(last);
				}
			});
		});
	}

	/** A new ordered consumer just after the last entry handed over. */
	private async open(): Promise<void> {
		const consumer = await this.js.consumers.get(
			LOG_STREAM,
			this.handed === 0
				? {deliver_policy: DeliverPolicy.All}
				: {deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.handed + 1},
		);
		// Pull requests that expire after 2 s (heartbeats every 1 s), not 30 s: a consumer whose
		// NATS server died notices within seconds.
		this.messages = await consumer.consume({expires: FOLLOW_EXPIRES_MS});
		if (this.stopped) {
			await this.messages.close();
		}
	}

	private gap(seq: number): void {
		const gap = new LogGap(`the log was purged up to ${seq - 1} while this node needed it from ${this.next}`);
		void this.stop();
		this.gapped?.(gap);
		this.options.onGap?.();
	}

	private async follow(progress: () => void): Promise<void> {
		while (!this.stopped) {
			for await (const message of this.messages!) {
				if (this.stopped) {
					break;
				}

				if (message.seq > this.next && message.seq > (this.options.from ?? 0) + 1) {
					this.gap(message.seq);
					break;
				}

				if (message.seq > this.handed) {
					this.onEntry(message.json<LogEntry>(), message.seq);
					this.handed = message.seq;
					this.next = message.seq + 1;
					progress();
				}
			}

			// Closed by the watchdog (or by stop()): again from the next entry, until a consumer starts.
			while (!this.stopped) {
				try {
					await this.open();
					break;
				} catch {
					await new Promise((resolve) => setTimeout(resolve, REOPEN_RETRY_MS).unref());
				}
			}
		}
	}
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
