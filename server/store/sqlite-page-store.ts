/**
 * PageStore over the SqliteStore's connection. Its writes go through the SqliteStore's
 * write() (the turn's transaction, failures kept for the commit) and its reads through
 * read(), so a page and the messages of the same turn are committed, or lost, together.
 */
import type {Database, Statement} from 'better-sqlite3';
import {nameKey} from '../../protocol/index.js';
import type {
	DmReceipt,
	Escalation,
	NewRecipient,
	PageRecipient,
	PageStage,
	PageStore,
	ReceiptKind,
	StoredPage,
} from '../chat/page-store.js';

/** How the SqliteStore runs a write and a read. */
export interface Access {
	write(run: () => void): void;
	read<T>(run: () => T): T;
}

interface PageRow {
	readonly id: number;
	readonly time: string;
	readonly sender: string;
	readonly group_name: string | null;
	readonly escalation_group: string;
	readonly text: string;
	readonly timeout_ms: number;
	readonly due: number | null;
	readonly stage: number;
}

interface RecipientRow {
	readonly user_key: string;
	readonly name: string;
	readonly escalated: number;
	readonly delivered: string | null;
	readonly read: string | null;
	readonly acked: string | null;
}

interface DmReceiptRow {
	readonly message_id: number;
	readonly sender: string;
	readonly recipient_key: string;
	readonly delivered: string | null;
	readonly read: string | null;
}

const PAGE_COLUMNS = 'id, time, sender, group_name, escalation_group, text, timeout_ms, due, stage';

export class SqlitePageStore implements PageStore {
	private readonly statements: ReturnType<typeof prepare>;

	constructor(
		db: Database,
		private readonly access: Access,
	) {
		this.statements = prepare(db);
	}

	addPage(page: StoredPage, recipients: readonly NewRecipient[]): void {
		this.access.write(() => {
			this.statements.insertPage.run({
				id: page.id,
				time: page.time,
				sender: page.from,
				groupName: page.group ?? null,
				escalationGroup: page.escalationGroup,
				text: page.text,
				timeoutMs: page.timeoutMs,
				due: page.due ?? null,
				stage: page.stage,
			});
			this.insertRecipients(page.id, recipients);
		});
	}

	page(id: number): StoredPage | undefined {
		return this.access.read(() => {
			const row = this.statements.page.get({id}) as PageRow | undefined;
			return row && toPage(row);
		});
	}

	recipients(id: number): PageRecipient[] {
		return this.access.read(() => (this.statements.recipients.all({id}) as RecipientRow[]).map(toRecipient));
	}

	addRecipients(id: number, recipients: readonly NewRecipient[]): void {
		this.access.write(() => this.insertRecipients(id, recipients));
	}

	openPages(): StoredPage[] {
		return this.access.read(() => (this.statements.openPages.all() as PageRow[]).map(toPage));
	}

	setStage(id: number, stage: PageStage, due: number | undefined): void {
		this.access.write(() => {
			this.statements.setStage.run({id, stage, due: due ?? null});
		});
	}

	markPage(id: number, key: string, what: ReceiptKind | 'acked', time: string): boolean {
		let changed = false;
		this.access.write(() => {
			changed = this.statements.markPage[what].run({id, key: nameKey(key), time}).changes > 0;
		});
		return changed;
	}

	unacknowledged(key: string): StoredPage[] {
		return this.access.read(() => (this.statements.unacknowledged.all({key: nameKey(key)}) as PageRow[]).map(toPage));
	}

	escalation(group: string): Escalation | undefined {
		return this.access.read(() => {
			const row = this.statements.escalation.get({key: nameKey(group)}) as
				{group_name: string; target: string; seconds: number} | undefined;
			return row && {group: row.group_name, to: row.target, seconds: row.seconds};
		});
	}

	setEscalation({group, to, seconds}: Escalation): void {
		this.access.write(() => {
			this.statements.setEscalation.run({key: nameKey(group), group, to, seconds});
		});
	}

	requestReceipts(id: number, from: string, toKey: string): void {
		this.access.write(() => {
			this.statements.requestReceipts.run({id, from, to: nameKey(toKey)});
		});
	}

	dmReceipt(id: number): DmReceipt | undefined {
		return this.access.read(() => {
			const row = this.statements.dmReceipt.get({id}) as DmReceiptRow | undefined;
			return row && toDmReceipt(row);
		});
	}

	markDm(id: number, what: ReceiptKind, time: string): boolean {
		let changed = false;
		this.access.write(() => {
			changed = this.statements.markDm[what].run({id, time}).changes > 0;
		});
		return changed;
	}

	undeliveredDms(toKey: string): DmReceipt[] {
		return this.access.read(() =>
			(this.statements.undeliveredDms.all({to: nameKey(toKey)}) as DmReceiptRow[]).map(toDmReceipt),
		);
	}

	sendsReadReceipts(key: string): boolean {
		return this.access.read(() => this.statements.readReceiptsOff.get({key: nameKey(key)}) === undefined);
	}

	setReadReceipts(key: string, on: boolean): void {
		this.access.write(() => {
			(on ? this.statements.readReceiptsOn : this.statements.turnReadReceiptsOff).run({key: nameKey(key)});
		});
	}

	private insertRecipients(id: number, recipients: readonly NewRecipient[]): void {
		for (const recipient of recipients) {
			this.statements.insertRecipient.run({
				id,
				key: nameKey(recipient.key),
				name: recipient.name,
				escalated: recipient.escalated ? 1 : 0,
			});
		}
	}
}

function prepare(db: Database) {
	const statement = (sql: string): Statement => db.prepare(sql);
	// Each time is set once: a second ACK (from another connection) changes nothing.
	const mark = (column: string) =>
		statement(
			`UPDATE page_recipients SET ${column} = @time WHERE page_id = @id AND user_key = @key AND ${column} IS NULL`,
		);
	const markDm = (column: string) =>
		statement(`UPDATE dm_receipts SET ${column} = @time WHERE message_id = @id AND ${column} IS NULL`);
	return {
		insertPage: statement(
			`INSERT INTO pages (${PAGE_COLUMNS})
			VALUES (@id, @time, @sender, @groupName, @escalationGroup, @text, @timeoutMs, @due, @stage)`,
		),
		insertRecipient: statement(
			`INSERT OR IGNORE INTO page_recipients (page_id, user_key, name, escalated) VALUES (@id, @key, @name, @escalated)`,
		),
		page: statement(`SELECT ${PAGE_COLUMNS} FROM pages WHERE id = @id`),
		recipients: statement(
			'SELECT user_key, name, escalated, delivered, read, acked FROM page_recipients WHERE page_id = @id ORDER BY seq',
		),
		openPages: statement(`SELECT ${PAGE_COLUMNS} FROM pages WHERE due IS NOT NULL ORDER BY id`),
		setStage: statement('UPDATE pages SET stage = @stage, due = @due WHERE id = @id'),
		markPage: {delivered: mark('delivered'), read: mark('read'), acked: mark('acked')},
		unacknowledged: statement(
			`SELECT ${PAGE_COLUMNS} FROM pages WHERE id IN
			(SELECT page_id FROM page_recipients WHERE user_key = @key AND acked IS NULL) ORDER BY id`,
		),
		escalation: statement('SELECT group_name, target, seconds FROM escalations WHERE group_key = @key'),
		setEscalation: statement(
			`INSERT INTO escalations (group_key, group_name, target, seconds) VALUES (@key, @group, @to, @seconds)
			ON CONFLICT (group_key) DO UPDATE SET group_name = @group, target = @to, seconds = @seconds`,
		),
		requestReceipts: statement(
			'INSERT OR IGNORE INTO dm_receipts (message_id, sender, recipient_key) VALUES (@id, @from, @to)',
		),
		dmReceipt: statement(
			'SELECT message_id, sender, recipient_key, delivered, read FROM dm_receipts WHERE message_id = @id',
		),
		markDm: {delivered: markDm('delivered'), read: markDm('read')},
		undeliveredDms: statement(
			`SELECT message_id, sender, recipient_key, delivered, read FROM dm_receipts
			WHERE recipient_key = @to AND delivered IS NULL ORDER BY message_id`,
		),
		readReceiptsOff: statement('SELECT 1 FROM read_receipts_off WHERE user_key = @key'),
		turnReadReceiptsOff: statement('INSERT OR IGNORE INTO read_receipts_off (user_key) VALUES (@key)'),
		readReceiptsOn: statement('DELETE FROM read_receipts_off WHERE user_key = @key'),
	};
}

function toPage(row: PageRow): StoredPage {
	return {
		id: row.id,
		time: row.time,
		from: row.sender,
		group: row.group_name ?? undefined,
		escalationGroup: row.escalation_group,
		text: row.text,
		timeoutMs: row.timeout_ms,
		due: row.due ?? undefined,
		stage: row.stage as PageStage,
	};
}

function toRecipient(row: RecipientRow): PageRecipient {
	return {
		key: row.user_key,
		name: row.name,
		escalated: row.escalated === 1,
		delivered: row.delivered ?? undefined,
		read: row.read ?? undefined,
		acked: row.acked ?? undefined,
	};
}

function toDmReceipt(row: DmReceiptRow): DmReceipt {
	return {
		id: row.message_id,
		from: row.sender,
		toKey: row.recipient_key,
		delivered: row.delivered ?? undefined,
		read: row.read ?? undefined,
	};
}
