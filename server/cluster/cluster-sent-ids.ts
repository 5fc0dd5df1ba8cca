/**
 * A guest's client ids on a cluster. On a single server they live in its memory
 * (SentIds: an account's are in the store), which on a cluster would let a guest who
 * fails over to another node and resends a message it got no OK for store it twice.
 * Here each id a guest's message is accepted under is also an op of the log, in the
 * same entry as the message (the same turn), so it is stored exactly when the message
 * is; every node remembers it as it reads the log, the guest's own node included when
 * it rebuilds its replica after a write that failed (a message stored although its ack
 * was lost is then remembered too, and its resend answered with the first OK).
 *
 * The window: as on a single server, a guest's last 1000 ids, forgotten 10 minutes
 * after the guest leaves; on a node the guest is not on, 10 minutes after the last id
 * it read for them.
 */
import type {Ok} from '../../protocol/index.js';
import {SentIds, type SentIdsOptions} from '../chat/sent-ids.js';

export class ClusterSentIds extends SentIds<Ok> {
	/** Guests registered on this node (the chat says returned() and left()). */
	private readonly here = new Set<string>();
	private logged: ((user: string, id: string, reply: Ok) => void) | undefined;

	constructor(options: Partial<SentIdsOptions> = {}) {
		super(options);
	}

	/** Where this node's own ids are written: the store's log (set once the store exists). */
	writeTo(log: (user: string, id: string, reply: Ok) => void): void {
		this.logged = log;
	}

	override remember(user: string, id: string, reply: Ok): void {
		super.remember(user, id, reply);
		this.logged?.(user, id, reply);
	}

	override returned(user: string): void {
		this.here.add(user);
		super.returned(user);
	}

	override left(user: string): void {
		this.here.delete(user);
		super.left(user);
	}

	/** An id read from the log: remembered, and forgotten in time unless the guest is on this node. */
	read(user: string, id: string, reply: Ok): void {
		super.remember(user, id, reply);
		if (!this.here.has(user)) {
			super.left(user);
		}
	}
}
