/**
 * The cluster's log on JetStream: the CHAT_LOG stream (one subject, so one order, and
 * one consumer per node without filters, which nats-server 2.9 needs), publishing a
 * turn's entry under a message id (a publish repeated after a lost ack is stored once:
 * the stream's duplicate window), and following the log from its start in order.
 */
import {DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg} from '@nats-io/jetstream';
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

	async publish(entry: LogEntry, id: string): Promise<void> {
		if (!this.link.up) {
			// At once, not after every retry: nothing can be stored until the connection is back.
			throw new StoreFailure('NATS is unreachable from this chat node');
		}

		try {
			await this.js.publish(LOG_SUBJECT, JSON.stringify(entry), {
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
 */
export class LogFollower {
	readonly caughtUp: Promise<number>;
	private stopped = false;
	private close: (() => Promise<void>) | undefined;

	constructor(
		private readonly js: JetStreamClient,
		private readonly jsm: JetStreamManager,
		private readonly onEntry: (entry: LogEntry, seq: number) => void,
	) {
		this.caughtUp = this.start();
		// Whoever awaits caughtUp hears of a failure; the follower itself must not leave it unhandled.
		this.caughtUp.catch(() => undefined);
	}

	async stop(): Promise<void> {
		this.stopped = true;
		await this.close?.();
	}

	private async start(): Promise<number> {
		const last = (await this.jsm.streams.info(LOG_STREAM)).state.last_seq;
		const consumer = await this.js.consumers.get(LOG_STREAM, {deliver_policy: DeliverPolicy.All});
		const messages = await consumer.consume();
		this.close = async () => {
			await messages.close();
		};

		if (this.stopped) {
			await messages.close();
			return last;
		}

		return new Promise<number>((resolve) => {
			if (last === 0) {
				resolve(0);
			}

			void (async () => {
				for await (const message of messages) {
					this.deliver(message);
					if (message.seq >= last) {
						resolve(last);
					}
				}
			})();
		});
	}

	private deliver(message: JsMsg): void {
		if (!this.stopped) {
			this.onEntry(message.json<LogEntry>(), message.seq);
		}
	}
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
