/**
 * Receipts: the sender of a DM or a page learns when it reached a connection of the
 * recipient (delivered) and when the recipient's client showed it (read, from SEEN).
 * A DM has receipts only when its sender asked (the @receipts tag), so a client that
 * never heard of them never gets a line it cannot read; a page always has them. A
 * user may turn read receipts off; delivery is always told for pages.
 *
 * A receipt is a fact about a time, so each is recorded once and told once; it goes to
 * the sender's connections online when it is committed (an offline sender asks
 * PAGE_STATUS later; a DM's receipts are not replayed).
 */
import type {MessageId, Receipt} from '../../protocol/index.js';
import {toWire} from '../wire/to-wire.js';
import type {Chat} from './chat.js';
import type {ReceiptKind} from './page-store.js';
import type {User} from './user.js';

export function receiptLine(id: MessageId | number, user: string, kind: ReceiptKind, time: string): Receipt {
	return {type: 'RECEIPT', id: String(id), user, kind, time};
}

export class Receipts {
	constructor(
		private readonly chat: Chat,
		private readonly clock: () => Date,
	) {}

	/**
	 * A DM whose sender asked for receipts. Returns the delivered receipt for the sender's
	 * reply when the recipient was online (the DM goes out with the same commit).
	 */
	dmSent(id: MessageId, to: string, from: User, online: boolean): Receipt[] {
		const pages = this.chat.store.pages;
		pages.requestReceipts(Number(id), from.name, to);
		if (!online) {
			return [];
		}

		const time = this.now();
		pages.markDm(Number(id), 'delivered', time);
		return [this.recorded(id, to, 'delivered', time)];
	}

	/** The user logged in: the DMs with receipts that waited for them count as delivered, and their senders are told. */
	loggedIn(user: User): void {
		const pages = this.chat.store.pages;
		for (const dm of pages.undeliveredDms(user.key)) {
			const time = this.now();
			if (pages.markDm(dm.id, 'delivered', time)) {
				this.tell(dm.from, this.recorded(dm.id, user.name, 'delivered', time));
			}
		}
	}

	/**
	 * The user's client showed message `id`. Whatever the id is, the answer is the same
	 * (SEEN cannot be used to find out which ids exist); a sender who is owed a read
	 * receipt gets it, unless the user turned them off.
	 */
	seen(user: User, id: MessageId): void {
		const pages = this.chat.store.pages;
		if (!pages.sendsReadReceipts(user.key)) {
			return;
		}

		const number = Number(id);
		const time = this.now();
		const dm = pages.dmReceipt(number);
		if (dm?.toKey === user.key) {
			// Shown implies delivered: a DM read from HISTORY before the login noticed it.
			pages.markDm(number, 'delivered', time);
			if (pages.markDm(number, 'read', time)) {
				this.tell(dm.from, this.recorded(id, user.name, 'read', time));
			}

			return;
		}

		const page = pages.page(number);
		if (page && pages.markPage(number, user.key, 'read', time)) {
			this.tell(page.from, this.recorded(id, user.name, 'read', time));
		}
	}

	setReadReceipts(user: User, on: boolean): void {
		this.chat.store.pages.setReadReceipts(user.key, on);
	}

	/**
	 * A receipt that just happened: into the audit trail, in the turn that stores it, and
	 * as the line its sender is told. Every receipt is made here, so none goes unaudited.
	 */
	recorded(id: MessageId | number, user: string, receipt: ReceiptKind, time: string): Receipt {
		this.chat.audit({kind: 'receipt', id: String(id), user, receipt});
		return receiptLine(id, user, receipt, time);
	}

	/** Sends a line to every connection of the user online once what is pending is committed. */
	tell(name: string, line: Receipt): void {
		const wire = toWire(line);
		this.chat.emit(() => this.chat.onlineUser(name)?.peers.send(wire));
	}

	private now(): string {
		return this.clock().toISOString();
	}
}
