/**
 * Urgent pages: a message to one user or to every member of a group that each
 * recipient must acknowledge (ACK), re-sent and then escalated when nobody does.
 *
 * A page goes out as the line a client already reads: a DM (to one user) or a MSG (to
 * a group) carrying the `page` tag, so a lab client or an older `chat tui` shows its text
 * as a message, and a client that knows the tag shows it as a page. What only pages have
 * (ACKED, RECEIPT, ESCALATED) goes to those who used PAGE, ACK or PAGE_STATUS, the
 * commands that know of them.
 *
 * Escalation, per page: `timeoutMs` after it was sent (the group's ESCALATION seconds,
 * else the server's default) a page nobody has acknowledged is re-sent to those online
 * (the client rings again); after as long again it goes to the escalation target (the
 * group's, else the server's), with who did not answer, and the sender is told. A page
 * is answered by its first acknowledgement: the steps stop, and every other recipient
 * still acknowledges their own copy. The next step's time is in the store, so a
 * restarted server takes each open page up where it was (a step that fell due while it
 * was down runs at once).
 *
 * On a cluster's node (server/cluster/page-steps.ts) every node keeps a timer for every
 * open page, and a step that falls due runs on the one node that claims it (PageSteps):
 * so it runs once however many nodes there are, and still runs when the node that made
 * the page is gone. A node that does not get the claim waits for the step to show in
 * the store (refresh), and tries again after STEP_RETRY_MS in case its holder died first.
 *
 * The events an audit trail records are the three PageEvents calls, one per kind.
 */
import {
	nameKey,
	quote,
	type PageTarget,
	type RecipientState,
	type Scheduler,
	type ServerLine,
	type Tags,
	type TimerHandle,
} from '../../protocol/index.js';
import type {Peer} from '../wire/peer.js';
import {toWire} from '../wire/to-wire.js';
import {counted} from '../plural.js';
import type {Chat} from './chat.js';
import type {NewRecipient, PageRecipient, PageStage, StoredPage} from './page-store.js';
import type {Receipts} from './receipts.js';
import {done, refuse, type Result} from './result.js';
import type {User} from './user.js';

/** How long a page waits for an acknowledgement before it is re-sent, unless its group says otherwise. */
export const DEFAULT_PAGE_TIMEOUT_MS = 2 * 60 * 1000;
/** How long a node that did not get a step's claim waits before it looks again (the holder may have died). */
export const STEP_RETRY_MS = 10_000;

/** What happened to a page, for an audit trail: one call per kind of event, after it is stored. */
const PROCESS_TIMERS: Scheduler = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PageEvents {
	paged(page: StoredPage, recipients: readonly NewRecipient[]): void;
	acknowledged(page: StoredPage, user: string, time: string): void;
	/** `to` is the target as set (a user, `#group`), or undefined when none was set; `unanswered` names who did not acknowledge. */
	escalated(page: StoredPage, to: string | undefined, unanswered: readonly string[], time: string): void;
}

/** Who runs a page's step that fell due, where several servers share the pages (a cluster). */
export interface PageSteps {
	/** Whether this server runs step `stage` of page `id`: true for exactly one claimant while it lives. */
	claim(id: number, stage: PageStage): Promise<boolean>;
	/** Gives the call to make when a page changed elsewhere (made, answered, stepped on by another server). */
	watch(refresh: (id: number) => void): void;
}

export interface PagesOptions {
	readonly chat: Chat;
	readonly receipts: Receipts;
	/** The escalation timers, their delays computed from `clock`; by default the process's own. */
	readonly scheduler?: Scheduler;
	readonly clock: () => Date;
	/** Re-send after this long without an acknowledgement, escalate after twice it; by default 2 minutes. */
	readonly timeoutMs?: number;
	/** The operator's escalation target for groups that set none: a user, or `#` and a group. */
	readonly escalateTo?: string;
	readonly events?: PageEvents;
	/** Without it (a single server) every step that falls due runs here. */
	readonly steps?: PageSteps;
}

export interface PageSent {
	readonly page: StoredPage;
	readonly to: string;
	readonly recipients: number;
	readonly offline: number;
	/** Delivered receipts of those online, for the sender's reply. */
	readonly receipts: readonly ServerLine[];
}

export interface PageStatus {
	readonly page: StoredPage;
	readonly recipients: readonly PageRecipient[];
}

export class Pages {
	private readonly chat: Chat;
	private readonly receipts: Receipts;
	private readonly scheduler: Scheduler;
	private readonly clock: () => Date;
	private readonly timeoutMs: number;
	private readonly escalateTo: string | undefined;
	private readonly events: PageEvents | undefined;
	private readonly steps: PageSteps | undefined;
	/** The timer of each open page, by id. */
	private readonly timers = new Map<number, TimerHandle>();
	private stopped = false;

	constructor(options: PagesOptions) {
		this.chat = options.chat;
		this.receipts = options.receipts;
		this.scheduler = options.scheduler ?? PROCESS_TIMERS;
		this.clock = options.clock;
		this.timeoutMs = options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
		this.escalateTo = options.escalateTo;
		this.events = options.events;
		this.steps = options.steps;
		this.steps?.watch((id) => this.refresh(id));
		for (const page of this.store.openPages()) {
			this.schedule(page);
		}
	}

	private get store() {
		return this.chat.store.pages;
	}

	send(from: User, to: PageTarget, text: string): Result<PageSent> {
		const found = 'group' in to ? this.groupRecipients(from, to.group) : this.userRecipient(from, to.user);
		if (!found.ok) {
			return found;
		}

		const {recipients, group, escalationGroup, shown} = found.value;
		const timeoutMs = this.timeoutFor(escalationGroup);
		const stamp = this.chat.stamp();
		const now = this.clock().getTime();
		const page: StoredPage = {
			id: Number(stamp.id),
			time: stamp.time,
			from: from.name,
			group,
			escalationGroup,
			text,
			timeoutMs,
			due: now + timeoutMs,
			stage: 0,
		};
		this.store.addPage(page, recipients);
		// Told before its deliveries, so an audit trail reads the page, then its receipts.
		this.events?.paged(page, recipients);
		const receipts: ServerLine[] = [];
		let offline = 0;
		for (const recipient of recipients) {
			const user = this.chat.onlineUser(recipient.key);
			if (!user) {
				offline++;
				continue;
			}

			this.store.markPage(page.id, recipient.key, 'delivered', stamp.time);
			receipts.push(this.receipts.recorded(page.id, user.name, 'delivered', stamp.time));
			this.deliver(user, pageLine(page, user.name, {}));
		}

		this.schedule(page);
		this.chat.store.afterCommit((failure) => {
			if (failure) {
				this.cancel(page.id);
			}
		});
		return done({page, to: shown, recipients: recipients.length, offline, receipts});
	}

	/** The user acknowledges page `id`; a second acknowledgement changes nothing and says when the first was. */
	ack(user: User, via: Peer, id: number): Result<{readonly time: string; readonly again: boolean}> {
		const page = this.store.page(id);
		const recipients = page ? this.store.recipients(id) : [];
		const mine = recipients.find((recipient) => recipient.key === user.key);
		if (!page || !mine) {
			return refuse('NO_SUCH_PAGE', `No page to you has the id ${id}; pages to you carry the tag @page.`);
		}

		if (mine.acked !== undefined) {
			return done({time: mine.acked, again: true});
		}

		const time = this.clock().toISOString();
		this.store.markPage(id, user.key, 'delivered', time);
		this.store.markPage(id, user.key, 'acked', time);
		if (page.due !== undefined) {
			// Answered: nothing more happens by itself.
			this.store.setStage(id, page.stage, undefined);
			this.cancel(id);
		}

		const wire = toWire({type: 'ACKED', id: String(id), time, user: user.name, text: `Acknowledged by ${user.name}.`});
		const told = new Set([nameKey(page.from), ...recipients.map((recipient) => recipient.key)]);
		this.chat.emit(() => {
			for (const key of told) {
				const online = this.chat.onlineUser(key);
				if (online === user) {
					online.peers.all().forEach((peer) => peer !== via && peer.send(wire));
				} else {
					online?.peers.send(wire);
				}
			}
		});
		this.events?.acknowledged(page, user.name, time);
		return done({time, again: false});
	}

	/** Where page `id` stands with each recipient: for its sender and its recipients only. */
	status(user: User, id: number): Result<PageStatus> {
		const page = this.store.page(id);
		const recipients = page ? this.store.recipients(id) : [];
		if (!page || (nameKey(page.from) !== user.key && !recipients.some((recipient) => recipient.key === user.key))) {
			return refuse('NO_SUCH_PAGE', `No page you sent or received has the id ${id}.`);
		}

		return done({page, recipients});
	}

	/** The pages the user has not acknowledged, for a connection that just logged in: delivered now, overdue if so. */
	loggedIn(user: User): ServerLine[] {
		const now = this.clock();
		const time = now.toISOString();
		const lines: ServerLine[] = [];
		for (const page of this.store.unacknowledged(user.key)) {
			const mine = this.store.recipients(page.id).find((recipient) => recipient.key === user.key);
			const overdue = now.getTime() >= Date.parse(page.time) + page.timeoutMs;
			lines.push(
				pageLine(page, user.name, {
					overdue,
					escalated: mine?.escalated ? this.unansweredOf(page) : undefined,
				}),
			);
			if (this.store.markPage(page.id, user.key, 'delivered', time)) {
				this.receipts.tell(page.from, this.receipts.recorded(page.id, user.name, 'delivered', time));
			}
		}

		return lines;
	}

	/** Stops every timer (the server is stopping; the store keeps when each was due). */
	stop(): void {
		this.stopped = true;
		for (const handle of this.timers.values()) {
			this.scheduler.clearTimeout(handle);
		}

		this.timers.clear();
	}

	/** Seconds a page waits before it is re-sent where its group sets none. */
	get defaultTimeoutSeconds(): number {
		return Math.round(this.timeoutMs / 1000);
	}

	/** The server's escalation target for groups that set none. */
	get defaultTarget(): string | undefined {
		return this.escalateTo;
	}

	/** Pages whose next step is waiting on a timer here. */
	get open(): number {
		return this.timers.size;
	}

	private userRecipient(from: User, name: string): Result<Found> {
		const online = this.chat.onlineUser(name);
		const account = online ? undefined : this.chat.account(name);
		if (!online && !account) {
			return refuse('NO_SUCH_USER', `There is no user named ${quote(name)}.`);
		}

		if (online === from) {
			return refuse('PAGE_INVALID', 'You cannot page yourself.');
		}

		const shown = online ? online.name : account!.name;
		return done({
			recipients: [{key: nameKey(shown), name: shown, escalated: false}],
			group: undefined,
			escalationGroup: online ? online.group.name : account!.group,
			shown,
		});
	}

	private groupRecipients(from: User, name: string): Result<Found> {
		const group = this.chat.group(name);
		if (!group) {
			return refuse('NO_SUCH_GROUP', `There is no group named ${quote(name)}; LIST_GROUP shows every group.`);
		}

		const recipients = this.membersOf(group.name, new Set([from.key]));
		if (recipients.length === 0) {
			return refuse('NO_RECIPIENTS', `Nobody else is in ${group.name} to page; the page was not sent.`);
		}

		return done({recipients, group: group.name, escalationGroup: group.name, shown: `#${group.name}`});
	}

	/** Every member of the group, online or an account offline in it, but those in `except` (keys). */
	private membersOf(name: string, except: ReadonlySet<string>): NewRecipient[] {
		const group = this.chat.group(name);
		if (!group) {
			return [];
		}

		const members = new Map<string, string>(group.offline);
		for (const user of group.members) {
			members.set(user.key, user.name);
		}

		return [...members]
			.filter(([key]) => !except.has(key))
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, shown]) => ({key, name: shown, escalated: false}));
	}

	private timeoutFor(group: string): number {
		const set = this.store.escalation(group);
		return set ? set.seconds * 1000 : this.timeoutMs;
	}

	/** Page `id` changed elsewhere: its timer follows what the store says now. */
	private refresh(id: number): void {
		const page = this.store.page(id);
		if (page?.due === undefined) {
			this.cancel(id);
		} else if (!this.stopped) {
			this.schedule(page);
		}
	}

	private schedule(page: StoredPage): void {
		if (page.due === undefined) {
			return;
		}

		this.after(page.id, Math.max(0, page.due - this.clock().getTime()), () => this.fallDue(page.id, page.stage));
	}

	private after(id: number, delay: number, callback: () => void): void {
		this.cancel(id);
		this.timers.set(
			id,
			this.scheduler.setTimeout(() => {
				this.timers.delete(id);
				callback();
			}, delay),
		);
	}

	/** Step `stage` of the page fell due: run it here, or, on a cluster, where it is claimed. */
	private fallDue(id: number, stage: PageStage): void {
		if (!this.steps) {
			this.step(id, stage);
			return;
		}

		const retry = () => {
			if (!this.stopped && !this.timers.has(id)) {
				this.after(id, STEP_RETRY_MS, () => this.fallDue(id, stage));
			}
		};
		this.steps.claim(id, stage).then((won) => {
			if (!this.stopped && won) {
				this.step(id, stage);
			} else {
				retry();
			}
		}, retry);
	}

	private cancel(id: number): void {
		const handle = this.timers.get(id);
		if (handle !== undefined) {
			this.scheduler.clearTimeout(handle);
			this.timers.delete(id);
		}
	}

	/** The page's step `stage` fell due: re-send it, or escalate it (unless it is past that step). */
	private step(id: number, stage: PageStage): void {
		const page = this.store.page(id);
		if (page?.due === undefined) {
			return;
		}

		if (page.stage !== stage) {
			// Another server took that step: this one waits for the next.
			this.schedule(page);
			return;
		}

		const recipients = this.store.recipients(id);
		if (recipients.some((recipient) => recipient.acked !== undefined)) {
			this.store.setStage(id, page.stage, undefined);
			return;
		}

		if (page.stage === 0) {
			this.resend(page, recipients);
		} else {
			this.escalate(page, recipients);
		}
	}

	private resend(page: StoredPage, recipients: readonly PageRecipient[]): void {
		const time = this.clock().toISOString();
		for (const recipient of recipients) {
			const user = this.chat.onlineUser(recipient.key);
			if (user) {
				if (this.store.markPage(page.id, recipient.key, 'delivered', time)) {
					this.receipts.tell(page.from, this.receipts.recorded(page.id, user.name, 'delivered', time));
				}

				this.deliver(user, pageLine(page, user.name, {resend: true}));
			}
		}

		const next: StoredPage = {...page, stage: 1, due: this.clock().getTime() + page.timeoutMs};
		this.store.setStage(page.id, next.stage, next.due);
		this.schedule(next);
	}

	private escalate(page: StoredPage, recipients: readonly PageRecipient[]): void {
		const time = this.clock().toISOString();
		this.store.setStage(page.id, 2, undefined);
		const unanswered = recipients.map((recipient) => recipient.name);
		const to = this.store.escalation(page.escalationGroup)?.to ?? this.escalateTo;
		const already = new Set(recipients.map((recipient) => recipient.key));
		already.add(nameKey(page.from));
		const added = to === undefined ? [] : this.targetRecipients(to, already);
		this.store.addRecipients(page.id, added);
		const history = unansweredText(unanswered, page);
		for (const recipient of added) {
			const user = this.chat.onlineUser(recipient.key);
			if (user) {
				this.store.markPage(page.id, recipient.key, 'delivered', time);
				this.receipts.tell(page.from, this.receipts.recorded(page.id, user.name, 'delivered', time));
				this.deliver(user, pageLine(page, user.name, {escalated: history}));
			}
		}

		const sentence =
			to === undefined
				? `No acknowledgement from ${unanswered.join(', ')}; no escalation target is set (ESCALATION).`
				: added.length === 0
					? `No acknowledgement from ${unanswered.join(', ')}; ${to} is nobody who can be paged.`
					: `No acknowledgement from ${unanswered.join(', ')}; escalated to ${to} (${counted(added.length, 'user')}).`;
		const wire = toWire({type: 'ESCALATED', id: String(page.id), time, to: to ?? '-', text: sentence});
		this.chat.emit(() => this.chat.onlineUser(page.from)?.peers.send(wire));
		this.events?.escalated(page, to, unanswered, time);
	}

	private targetRecipients(to: string, except: ReadonlySet<string>): NewRecipient[] {
		if (to.startsWith('#')) {
			return this.membersOf(to.slice(1), except).map((recipient) => ({...recipient, escalated: true}));
		}

		const shown = this.chat.onlineUser(to)?.name ?? this.chat.account(to)?.name;
		return shown === undefined || except.has(nameKey(shown))
			? []
			: [{key: nameKey(shown), name: shown, escalated: true}];
	}

	private unansweredOf(page: StoredPage): string {
		const unanswered = this.store
			.recipients(page.id)
			.filter((recipient) => !recipient.escalated)
			.map((recipient) => recipient.name);
		return unansweredText(unanswered, page);
	}

	/** Sends a page line to every connection of the user, once what is pending is committed. */
	private deliver(user: User, line: ServerLine): void {
		const wire = toWire(line);
		this.chat.emit(() => user.peers.send(wire, 1));
	}
}

interface Found {
	readonly recipients: NewRecipient[];
	/** A group page's group. */
	readonly group: string | undefined;
	/** Whose escalation setting applies. */
	readonly escalationGroup: string;
	/** The target as the sender's reply shows it. */
	readonly shown: string;
}

interface LineFlags {
	/** Delivered at login after its first step fell due. */
	readonly overdue?: boolean;
	/** Sent again: nobody acknowledged it in time. */
	readonly resend?: boolean;
	/** To an escalation target: the history it carries (who did not answer). */
	readonly escalated?: string | undefined;
}

/**
 * A page as its recipient gets it: a MSG to its group, or a DM to them (to an escalation
 * target always a DM, with who did not answer before the text), tagged `page`.
 */
export function pageLine(page: StoredPage, to: string, flags: LineFlags): ServerLine {
	const tags: Record<string, string> = {page: ''};
	if (flags.overdue) {
		tags['overdue'] = '';
	}

	if (flags.resend) {
		tags['resend'] = '';
	}

	const common = {id: String(page.id), time: page.time, from: page.from};
	if (flags.escalated !== undefined) {
		tags['escalated'] = '';
		return {type: 'DM', ...common, to, text: `${flags.escalated} ${page.text}`, tags: tags as Tags};
	}

	return page.group === undefined
		? {type: 'DM', ...common, to, text: page.text, tags: tags as Tags}
		: {type: 'MSG', ...common, group: page.group, text: page.text, tags: tags as Tags};
}

/** What an escalated copy says before the page's text. */
function unansweredText(unanswered: readonly string[], page: StoredPage): string {
	const to = page.group === undefined ? '' : ` to #${page.group}`;
	const seconds = Math.round((2 * page.timeoutMs) / 1000);
	return `[Escalated: page${to} not acknowledged by ${unanswered.join(', ')} in ${seconds} s]`;
}

/** How a recipient's state reads in PAGE_STATUS. */
export function recipientState(recipient: PageRecipient): {readonly state: RecipientState; readonly time: string} {
	if (recipient.acked !== undefined) {
		return {state: 'acked', time: recipient.acked};
	}

	return recipient.delivered === undefined
		? {state: 'offline', time: '-'}
		: {state: 'delivered', time: recipient.delivered};
}
