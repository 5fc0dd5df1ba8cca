/**
 * A client that passed the queue cap (ConnectionPolicy.maxQueuedBytes): nothing more is
 * queued for it and its lines are no longer run (it resends what got no OK); the
 * messages it misses are counted, and it is cut off with that count as soon as it has
 * read what was queued, or after slowConsumerCutMs if it does not. Made only when a
 * client passes the cap, so the thousands of connections that never do cost nothing.
 */
import type {Socket} from 'node:net';
import type {Scheduler, TimerHandle} from '../../protocol/index.js';
import type {Logger} from '../log.js';
import {slowConsumerBye} from './byes.js';
import type {DisconnectReason} from './connection-handler.js';
import type {ConnectionPolicy} from './policy.js';

/** The connection being cut off, as the account needs it. */
export interface SlowConnection {
	/** The connection number operators see in the log. */
	readonly id: number;
	close(reason: DisconnectReason, bye?: string): void;
}

export class SlowConsumer {
	/** MSG and DM lines not queued since the cap was passed. */
	private missed = 0;
	private readonly timer: TimerHandle;

	constructor(
		private readonly connection: SlowConnection,
		socket: Socket,
		policy: ConnectionPolicy,
		log: Logger,
		private readonly scheduler: Scheduler,
	) {
		log.warn('slow_consumer', {conn: connection.id, queued: socket.writableLength, limit: policy.maxQueuedBytes});
		if (socket.writableNeedDrain) {
			socket.once('drain', this.cut);
		} else {
			// Only with a cap below the socket's own high-water mark: no 'drain' will come.
			setImmediate(this.cut);
		}

		this.timer = scheduler.setTimeout(this.cut, policy.slowConsumerCutMs);
	}

	/** Messages given to the connection since the cap was passed, and dropped. */
	missedMessages(messages: number): void {
		this.missed += messages;
	}

	/** The goodbye that tells the client how many messages to fetch again with HISTORY. */
	bye(): string {
		return slowConsumerBye(this.missed);
	}

	/** The connection is going away: the cut-off timer is not needed any more. */
	stop(): void {
		this.scheduler.clearTimeout(this.timer);
	}

	private readonly cut = (): void => {
		this.connection.close('slow_consumer', this.bye());
	};
}
