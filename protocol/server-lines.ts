/**
 * Server lines: every reply and event the server sends. Each is one line: a keyword,
 * a fixed number of single-token fields, then (for most) free text to the end of the
 * line. Fixed arity is what lets free text contain spaces without quoting, and lets a
 * person read the line in telnet as it is.
 */
import type {ErrorCode} from './errors.js';
import {formatTags, splitTags, type Tags} from './tags.js';

/**
 * Server-assigned message id: a decimal integer, increasing in the order the server
 * accepted messages, across restarts too, so "after the last id I saw" means the same
 * thing to a client before and after a restart (HISTORY).
 */
export type MessageId = string;

interface Line {
	readonly tags?: Tags;
}

/** The first line on every connection. */
export interface Hello extends Line {
	readonly type: 'HELLO';
	readonly version: number;
	readonly text: string;
}

/** Why the server is closing the connection. */
export type ByeReason =
	| 'CLOSE'
	| 'SHUTDOWN'
	| 'SLOW_CONSUMER'
	| 'ERROR'
	/** Nothing came from the client for the whole idle timeout, PING or not. */
	| 'IDLE'
	/** The client went on sending far past the rate limit. */
	| 'FLOOD'
	/** Sent instead of HELLO: the server, or the client's address, has all the connections it takes. */
	| 'TOO_MANY_CONNECTIONS'
	/** The client did not SET_NAME within the registration timeout. */
	| 'REGISTRATION_TIMEOUT'
	/**
	 * A guest held a name that has since become an account (the operator made it), and the
	 * account's owner has logged in: the name is theirs.
	 */
	| 'ACCOUNT_CLAIMED';

export interface Bye extends Line {
	readonly type: 'BYE';
	readonly reason: ByeReason;
	readonly text: string;
}

/**
 * The server's keepalive probe, sent to a client that has been silent for half the idle
 * timeout. Any line from the client counts as an answer; `PONG <token>` is the polite one.
 */
export interface Ping extends Line {
	readonly type: 'PING';
	readonly token: string;
	readonly text: string;
}

export interface Err extends Line {
	readonly type: 'ERR';
	readonly code: ErrorCode;
	/** The command refused, or `*` when the line itself was (too long, not UTF-8, unknown word). */
	readonly command: string;
	readonly text: string;
}

/** Success replies, one shape per command. */
export type Ok =
	| (Line & {
			readonly type: 'OK';
			readonly command: 'SET_NAME';
			readonly user: string;
			readonly group: string;
			readonly text: string;
	  })
	| (Line & {readonly type: 'OK'; readonly command: 'SET_PASSWORD'; readonly user: string; readonly text: string})
	| (Line & {readonly type: 'OK'; readonly command: 'HELP'; readonly count: number; readonly text: string})
	| (Line & {readonly type: 'OK'; readonly command: 'CLOSE'; readonly text: string})
	| (Line & {
			readonly type: 'OK';
			readonly command: 'LIST';
			readonly members: number;
			readonly online: number;
			readonly text: string;
	  })
	| (Line & {
			readonly type: 'OK';
			readonly command: 'MESSAGE';
			readonly id: MessageId;
			readonly time: string;
			readonly group: string;
			readonly recipients: number;
			readonly text: string;
	  })
	| (Line & {
			readonly type: 'OK';
			readonly command: 'DM';
			readonly id: MessageId;
			readonly time: string;
			readonly to: string;
			readonly text: string;
	  })
	| (Line & {readonly type: 'OK'; readonly command: 'NEW_GROUP'; readonly group: string; readonly text: string})
	| (Line & {readonly type: 'OK'; readonly command: 'LIST_GROUP'; readonly count: number; readonly text: string})
	| (Line & {readonly type: 'OK'; readonly command: 'JOIN_GROUP'; readonly group: string; readonly text: string})
	| (Line & {
			readonly type: 'OK';
			readonly command: 'HISTORY';
			/** MSG and DM lines in the run before this OK. */
			readonly count: number;
			/** 1 when more were kept than fit in this reply: ask again after the last id received. */
			readonly more: number;
			readonly text: string;
	  })
	| (Line & {
			readonly type: 'OK';
			readonly command: 'HISTORY_BEFORE';
			/** MSG and DM lines in the run before this OK, oldest first. */
			readonly count: number;
			/** 1 when older ones exist: ask again before the first id received. */
			readonly more: number;
			readonly text: string;
	  })
	| (Line & {readonly type: 'OK'; readonly command: 'READ'; readonly id: MessageId; readonly text: string})
	| (Line & {
			readonly type: 'OK';
			readonly command: 'SEARCH';
			/** MSG and DM lines in the run before this OK, newest first. */
			readonly count: number;
			/** 1 when more matched than the reply holds. */
			readonly more: number;
			readonly text: string;
	  })
	| (Line & {readonly type: 'OK'; readonly command: 'PING'; readonly token: string; readonly text: string})
	| (Line & {
			readonly type: 'OK';
			readonly command: 'PAGE';
			readonly id: MessageId;
			readonly time: string;
			/** The user paged, or `#` and the group. */
			readonly to: string;
			readonly recipients: number;
			readonly text: string;
	  })
	| (Line & {
			readonly type: 'OK';
			readonly command: 'ACK';
			readonly id: MessageId;
			readonly time: string;
			readonly text: string;
	  })
	| (Line & {
			readonly type: 'OK';
			readonly command: 'PAGE_STATUS';
			readonly id: MessageId;
			readonly acked: number;
			/** Delivered to a connection of theirs, not acknowledged. */
			readonly waiting: number;
			/** Not delivered yet: offline since it was sent. */
			readonly offline: number;
			readonly text: string;
	  })
	| (Line & {
			readonly type: 'OK';
			readonly command: 'ESCALATION';
			readonly group: string;
			/** A user, `#` and a group, or `-` for none. */
			readonly to: string;
			readonly seconds: number;
			readonly text: string;
	  })
	| (Line & {readonly type: 'OK'; readonly command: 'SEEN'; readonly id: MessageId; readonly text: string})
	| (Line & {
			readonly type: 'OK';
			readonly command: 'READ_RECEIPTS';
			readonly setting: 'on' | 'off';
			readonly text: string;
	  });

/** The commands that have an OK line: all but PONG, which gets no outcome. */
export type OkCommand = Ok['command'];

/** A message to a group. */
export interface GroupMessage extends Line {
	readonly type: 'MSG';
	readonly id: MessageId;
	readonly time: string;
	readonly group: string;
	readonly from: string;
	readonly text: string;
}

/** A direct message. */
export interface DirectMessage extends Line {
	readonly type: 'DM';
	readonly id: MessageId;
	readonly time: string;
	readonly from: string;
	readonly to: string;
	readonly text: string;
}

/**
 * Sent after `OK SET_NAME` of a login when the account has unread messages: how many it
 * may read with an id above its read position (`after`), which `HISTORY <after>` pages.
 * Counted, never flooded: the client decides how much to fetch.
 */
export interface Unread extends Line {
	readonly type: 'UNREAD';
	readonly count: number;
	readonly after: MessageId;
	readonly text: string;
}

/** Presence and membership events, sent to every other registered user. */
export interface Online extends Line {
	readonly type: 'ONLINE';
	readonly user: string;
	readonly group: string;
}
export interface Offline extends Line {
	readonly type: 'OFFLINE';
	readonly user: string;
	readonly group: string;
}
export interface Joined extends Line {
	readonly type: 'JOINED';
	readonly group: string;
	readonly user: string;
}
export interface Left extends Line {
	readonly type: 'LEFT';
	readonly group: string;
	readonly user: string;
}
export interface GroupCreated extends Line {
	readonly type: 'GROUP_CREATED';
	readonly group: string;
	readonly user: string;
}

/**
 * What became of a DM or page the user sent: it reached a connection of the recipient
 * (`delivered`), or the recipient's client showed it (`read`).
 */
export interface Receipt extends Line {
	readonly type: 'RECEIPT';
	readonly id: MessageId;
	readonly user: string;
	readonly kind: 'delivered' | 'read';
	readonly time: string;
}

/** Someone acknowledged a page: to its sender and the other recipients. */
export interface Acked extends Line {
	readonly type: 'ACKED';
	readonly id: MessageId;
	readonly time: string;
	readonly user: string;
	readonly text: string;
}

/** A page nobody acknowledged in time went to its escalation target (to its sender). */
export interface Escalated extends Line {
	readonly type: 'ESCALATED';
	readonly id: MessageId;
	readonly time: string;
	/** The user, or `#` and the group. */
	readonly to: string;
	readonly text: string;
}

/** Data lines of multi-line replies; the run ends with the command's OK line. */
export interface CommandItem extends Line {
	readonly type: 'COMMAND';
	readonly name: string;
	readonly text: string;
}
export interface MemberItem extends Line {
	readonly type: 'MEMBER';
	readonly group: string;
	readonly user: string;
}
export interface UserItem extends Line {
	readonly type: 'USER';
	readonly user: string;
	readonly group: string;
}
export interface GroupItem extends Line {
	readonly type: 'GROUP';
	readonly group: string;
	readonly members: number;
}
/** Data line of PAGE_STATUS: one recipient of the page. */
export interface RecipientItem extends Line {
	readonly type: 'RECIPIENT';
	readonly id: MessageId;
	readonly user: string;
	readonly state: RecipientState;
	/** When it was acknowledged or delivered; `-` while offline. */
	readonly time: string;
}

/** Where a page stands with one recipient. */
export type RecipientState = 'acked' | 'delivered' | 'offline';

export type ServerLine =
	| Hello
	| Bye
	| Ping
	| Err
	| Ok
	| GroupMessage
	| DirectMessage
	| Unread
	| Online
	| Offline
	| Joined
	| Left
	| GroupCreated
	| CommandItem
	| MemberItem
	| UserItem
	| GroupItem
	| Receipt
	| Acked
	| Escalated
	| RecipientItem;

export type ServerLineType = ServerLine['type'];

type FieldKind = 'token' | 'count';
type Layout = {readonly fields: ReadonlyArray<readonly [string, FieldKind]>; readonly text: boolean};

const token = (name: string) => [name, 'token'] as const;
const count = (name: string) => [name, 'count'] as const;

/** Field order of every keyword but OK. */
const LAYOUTS: Record<Exclude<ServerLineType, 'OK'>, Layout> = {
	HELLO: {fields: [count('version')], text: true},
	BYE: {fields: [token('reason')], text: true},
	PING: {fields: [token('token')], text: true},
	ERR: {fields: [token('code'), token('command')], text: true},
	MSG: {fields: [token('id'), token('time'), token('group'), token('from')], text: true},
	DM: {fields: [token('id'), token('time'), token('from'), token('to')], text: true},
	UNREAD: {fields: [count('count'), token('after')], text: true},
	ONLINE: {fields: [token('user'), token('group')], text: false},
	OFFLINE: {fields: [token('user'), token('group')], text: false},
	JOINED: {fields: [token('group'), token('user')], text: false},
	LEFT: {fields: [token('group'), token('user')], text: false},
	GROUP_CREATED: {fields: [token('group'), token('user')], text: false},
	COMMAND: {fields: [token('name')], text: true},
	MEMBER: {fields: [token('group'), token('user')], text: false},
	USER: {fields: [token('user'), token('group')], text: false},
	GROUP: {fields: [token('group'), count('members')], text: false},
	RECEIPT: {fields: [token('id'), token('user'), token('kind'), token('time')], text: false},
	ACKED: {fields: [token('id'), token('time'), token('user')], text: true},
	ESCALATED: {fields: [token('id'), token('time'), token('to')], text: true},
	RECIPIENT: {fields: [token('id'), token('user'), token('state'), token('time')], text: false},
};

/** Field order of OK lines, after `OK <COMMAND>`; every OK line ends in text. */
const OK_LAYOUTS: Record<OkCommand, Layout> = {
	SET_NAME: {fields: [token('user'), token('group')], text: true},
	SET_PASSWORD: {fields: [token('user')], text: true},
	HELP: {fields: [count('count')], text: true},
	CLOSE: {fields: [], text: true},
	LIST: {fields: [count('members'), count('online')], text: true},
	MESSAGE: {fields: [token('id'), token('time'), token('group'), count('recipients')], text: true},
	DM: {fields: [token('id'), token('time'), token('to')], text: true},
	NEW_GROUP: {fields: [token('group')], text: true},
	LIST_GROUP: {fields: [count('count')], text: true},
	JOIN_GROUP: {fields: [token('group')], text: true},
	HISTORY: {fields: [count('count'), count('more')], text: true},
	HISTORY_BEFORE: {fields: [count('count'), count('more')], text: true},
	READ: {fields: [token('id')], text: true},
	SEARCH: {fields: [count('count'), count('more')], text: true},
	PING: {fields: [token('token')], text: true},
	PAGE: {fields: [token('id'), token('time'), token('to'), count('recipients')], text: true},
	ACK: {fields: [token('id'), token('time')], text: true},
	PAGE_STATUS: {fields: [token('id'), count('acked'), count('waiting'), count('offline')], text: true},
	ESCALATION: {fields: [token('group'), token('to'), count('seconds')], text: true},
	SEEN: {fields: [token('id')], text: true},
	READ_RECEIPTS: {fields: [token('setting')], text: true},
};

// Free text can never break framing: a stray CR or LF from a bug becomes a space.
function safeText(text: string): string {
	return text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, ' ') : text;
}

function layoutOf(line: ServerLine): Layout {
	return line.type === 'OK' ? OK_LAYOUTS[line.command] : LAYOUTS[line.type];
}

/** The wire text of a server line, without the LF. */
export function formatServerLine(line: ServerLine): string {
	const layout = layoutOf(line);
	const record = line as unknown as Record<string, string | number>;
	let out = formatTags(line.tags) + line.type;
	if (line.type === 'OK') {
		out += ' ' + line.command;
	}

	for (const [name] of layout.fields) {
		out += ' ' + String(record[name]);
	}

	if (layout.text) {
		out += ' ' + safeText(String(record['text'] ?? ''));
	}

	return out;
}

/** Why a line could not be parsed: the TUI shows it rather than guessing. */
export class ServerLineError extends Error {}

function takeFields(rest: string, layout: Layout, target: Record<string, string | number>, original: string): void {
	let position = 0;
	for (const [name, kind] of layout.fields) {
		const space = rest.indexOf(' ', position);
		const end = space === -1 ? rest.length : space;
		const value = rest.slice(position, end);
		if (value === '') {
			throw new ServerLineError(`Missing field ${name} in server line: ${original}`);
		}

		if (kind === 'count') {
			if (!/^\d+$/.test(value)) {
				throw new ServerLineError(`Field ${name} is not a number in server line: ${original}`);
			}

			target[name] = Number(value);
		} else {
			target[name] = value;
		}

		position = space === -1 ? rest.length : space + 1;
	}

	const remainder = rest.slice(position);
	if (layout.text) {
		target['text'] = remainder;
	} else if (remainder !== '') {
		throw new ServerLineError(`Unexpected text in server line: ${original}`);
	}
}

/** Parses one server line (without its LF). Throws ServerLineError on a line this version cannot read. */
export function parseServerLine(line: string): ServerLine {
	const {tags, rest: untagged} = splitTags(line);
	const space = untagged.indexOf(' ');
	const keyword = space === -1 ? untagged : untagged.slice(0, space);
	let rest = space === -1 ? '' : untagged.slice(space + 1);
	const target: Record<string, string | number> = {type: keyword};
	let layout: Layout | undefined;
	if (keyword === 'OK') {
		const commandEnd = rest.indexOf(' ');
		const command = commandEnd === -1 ? rest : rest.slice(0, commandEnd);
		layout = Object.hasOwn(OK_LAYOUTS, command) ? OK_LAYOUTS[command as OkCommand] : undefined;
		target['command'] = command;
		rest = commandEnd === -1 ? '' : rest.slice(commandEnd + 1);
	} else if (Object.hasOwn(LAYOUTS, keyword)) {
		layout = LAYOUTS[keyword as keyof typeof LAYOUTS];
	}

	if (!layout) {
		throw new ServerLineError(`Unknown server line: ${line}`);
	}

	// Error codes and BYE reasons a newer server adds are read as they are: the
	// sentence that comes with them is what a person acts on.
	takeFields(rest, layout, target, line);

	if (tags) {
		(target as Record<string, unknown>)['tags'] = tags;
	}

	return target as unknown as ServerLine;
}
