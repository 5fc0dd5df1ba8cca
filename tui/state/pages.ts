/**
 * Urgent pages in the client: the ones to the user wait on a banner (a stack, oldest
 * on top) until acknowledged, then go into their conversation marked as acknowledged;
 * the ones the user sent show in their conversation with who has them and who has
 * acknowledged, as RECEIPT and ACKED lines come in. Receipts of the user's DMs go on the
 * same note: ✓ delivered, ✓✓ read, in words as well, so they read the same without colour.
 */
import type {Acked, DirectMessage, Escalated, GroupMessage, MessageId, Ok, Receipt} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {dmConversation, groupConversation, type ConversationKey} from './conversation-key.js';
import {addNotice, appendEntry, findEntry, switchTo, updateMessage} from './conversations.js';
import type {EntryRef} from './entries.js';
import {enqueue} from './in-flight.js';
import type {InFlightCommand} from './in-flight-command.js';
import {formatTime} from '../layout/time.js';

/** A page to the user, on the banner until acknowledged. */
export interface IncomingPage {
	readonly id: MessageId;
	readonly time: string;
	readonly from: string;
	readonly text: string;
	readonly conversation: ConversationKey;
	readonly title: string;
	/** Delivered late (at login), or sent again, or escalated: said on the banner. */
	readonly overdue: boolean;
	readonly escalated: boolean;
	/** Others who acknowledged it already (a group page). */
	readonly ackedBy: readonly string[];
	/** The ACK is on its way. */
	readonly acking: boolean;
}

/** What the user sent that is owed receipts: where its entry is, and what came back so far. */
export interface Tracked {
	readonly entry: EntryRef;
	readonly page: boolean;
	readonly delivered: readonly string[];
	readonly read: readonly string[];
	readonly acked: readonly string[];
	readonly escalated: string | undefined;
}

export interface PagesState {
	readonly banners: readonly IncomingPage[];
	readonly tracked: ReadonlyMap<MessageId, Tracked>;
}

export const NO_PAGES: PagesState = {banners: [], tracked: new Map()};

/** Entries tracked for receipts, at most: the oldest are forgotten first. */
const MAX_TRACKED = 500;

/** A line tagged `page`: a page to the user (or escalated to them). */
export function isPage(line: GroupMessage | DirectMessage): boolean {
	return line.tags?.['page'] !== undefined;
}

/** A page arrived: onto the banner (again, when re-sent), ringing; it is seen, so its sender may be told. */
export function pageReceived(state: ChatState, line: GroupMessage | DirectMessage): ChatState {
	const conversation = line.type === 'MSG' ? groupConversation(line.group) : dmConversation(line.from);
	const title = line.type === 'MSG' ? line.group : line.from;
	const tags = line.tags ?? {};
	const page: IncomingPage = {
		id: line.id,
		time: line.time,
		from: line.from,
		text: line.text,
		conversation,
		title,
		overdue: tags['overdue'] !== undefined || tags['resend'] !== undefined,
		escalated: tags['escalated'] !== undefined,
		ackedBy: [],
		acking: false,
	};
	const existing = state.pages.banners.find((banner) => banner.id === line.id);
	const banners = existing
		? state.pages.banners.map((banner) => (banner.id === line.id ? {...banner, overdue: page.overdue} : banner))
		: [...state.pages.banners, page];
	const next = {...state, pages: {...state.pages, banners}, bell: state.bell + 1};
	return existing || state.connection.status !== 'online' ? next : enqueue(next, {name: 'SEEN', id: line.id}, 'read');
}

/** The key on the banner: acknowledge the page on top. */
export function acknowledgeTop(state: ChatState): ChatState {
	const top = state.pages.banners.find((banner) => !banner.acking);
	if (!top || state.connection.status !== 'online') {
		return state;
	}

	const banners = state.pages.banners.map((banner) => (banner === top ? {...banner, acking: true} : banner));
	return enqueue({...state, pages: {...state.pages, banners}}, {name: 'ACK', id: top.id}, 'user');
}

/** OK ACK: off the banner, into its conversation, marked. */
export function ackReplied(state: ChatState, ok: Extract<Ok, {command: 'ACK'}>): ChatState {
	const page = state.pages.banners.find((banner) => banner.id === ok.id);
	if (!page) {
		return state;
	}

	const banners = state.pages.banners.filter((banner) => banner !== page);
	const acked = {...state, pages: {...state.pages, banners}};
	return appendEntry(acked, page.conversation, page.title, {
		kind: 'message',
		direction: 'incoming',
		from: page.from,
		text: page.text,
		id: page.id,
		time: page.time,
		delivery: undefined,
		error: undefined,
		mentionsMe: false,
		note: `⚑ page, acknowledged ${formatTime(ok.time) ?? ''}`.trimEnd(),
	}).state;
}

/** ERR of an ACK: the page stays on the banner, the key works again. */
export function ackRefused(state: ChatState, id: MessageId): ChatState {
	const banners = state.pages.banners.map((banner) => (banner.id === id ? {...banner, acking: false} : banner));
	return {...state, pages: {...state.pages, banners}};
}

/** OK PAGE: the page shows in its conversation as the user's, with who has it. */
export function pageSent(state: ChatState, request: InFlightCommand, ok: Extract<Ok, {command: 'PAGE'}>): ChatState {
	if (request.command.name !== 'PAGE') {
		return state;
	}

	const to = request.command.to;
	const conversation = 'group' in to ? groupConversation(to.group) : dmConversation(to.user);
	const title = 'group' in to ? to.group : to.user;
	// Whoever pages wants to watch it being acknowledged.
	const {state: next, ref} = appendEntry(switchTo(state, conversation, title), conversation, title, {
		kind: 'message',
		direction: 'own',
		from: state.me.name ?? '',
		text: request.command.text,
		id: ok.id,
		time: ok.time,
		delivery: 'sent',
		error: undefined,
		mentionsMe: false,
		note: `⚑ page to ${ok.recipients}: none acknowledged yet`,
	});
	return track(next, ok.id, {entry: ref, page: true, delivered: [], read: [], acked: [], escalated: undefined});
}

/** OK DM (sent with @receipts): its entry is owed receipts. */
export function trackDm(state: ChatState, id: MessageId, entry: EntryRef): ChatState {
	return track(state, id, {entry, page: false, delivered: [], read: [], acked: [], escalated: undefined});
}

export function receiptReceived(state: ChatState, line: Receipt): ChatState {
	return changeTracked(state, line.id, (tracked) =>
		line.kind === 'delivered'
			? {...tracked, delivered: added(tracked.delivered, line.user)}
			: {...tracked, delivered: added(tracked.delivered, line.user), read: added(tracked.read, line.user)},
	);
}

/** ACKED: on the sender's entry; on the banner of a page others acknowledged too. */
export function ackedReceived(state: ChatState, line: Acked): ChatState {
	const banners = state.pages.banners.map((banner) =>
		banner.id === line.id ? {...banner, ackedBy: added(banner.ackedBy, line.user)} : banner,
	);
	const next = {...state, pages: {...state.pages, banners}};
	return changeTracked(next, line.id, (tracked) => ({...tracked, acked: added(tracked.acked, line.user)}));
}

export function escalatedReceived(state: ChatState, line: Escalated): ChatState {
	const next = changeTracked(state, line.id, (tracked) => ({...tracked, escalated: line.to}));
	const tracked = state.pages.tracked.get(line.id);
	return tracked ? addNotice(next, tracked.entry.conversation, '', 'error', `Page escalated: ${line.text}`) : next;
}

/** What the note on the user's own entry says. */
export function noteOf(tracked: Tracked): string | undefined {
	if (tracked.page) {
		const acked =
			tracked.acked.length === 0 ? 'none acknowledged yet' : `✓✓ acknowledged by ${tracked.acked.join(', ')}`;
		const delivered = tracked.delivered.length === 0 ? '' : ` · ✓ delivered to ${tracked.delivered.join(', ')}`;
		const escalated = tracked.escalated === undefined ? '' : ` · escalated to ${tracked.escalated}`;
		return `⚑ page: ${acked}${delivered}${escalated}`;
	}

	if (tracked.read.length > 0) {
		return '✓✓ read';
	}

	return tracked.delivered.length > 0 ? '✓ delivered' : undefined;
}

function track(state: ChatState, id: MessageId, tracked: Tracked): ChatState {
	const entries = [...state.pages.tracked].slice(-(MAX_TRACKED - 1));
	return {...state, pages: {...state.pages, tracked: new Map([...entries, [id, tracked]])}};
}

function changeTracked(state: ChatState, id: MessageId, change: (tracked: Tracked) => Tracked): ChatState {
	const tracked = state.pages.tracked.get(id);
	if (!tracked || !findEntry(state, tracked.entry)) {
		return state;
	}

	const changed = change(tracked);
	const map = new Map(state.pages.tracked);
	map.set(id, changed);
	return updateMessage({...state, pages: {...state.pages, tracked: map}}, changed.entry, {note: noteOf(changed)});
}

function added(names: readonly string[], name: string): readonly string[] {
	return names.includes(name) ? names : [...names, name];
}
