/**
 * The chat itself: who is online, which groups exist, who is in which, and the rules
 * for registering, messaging and moving between groups. It knows nothing of sockets
 * or command lines: users hold a Peer, rules answer a Result, and the events other
 * users must hear of are sent here, so a rule and its events cannot drift apart.
 *
 * Names arrive already checked by protocol's parser (syntax); the rules here are the
 * ones that depend on state (taken, exists, same group).
 */
import {
	DEFAULT_GROUP,
	nameKey,
	quote,
	type DirectMessage,
	type GroupMessage,
	type MessageId,
	type Ok,
	type ServerLine,
} from '../../protocol/index.js';
import type {Peer} from '../wire/peer.js';
import type {SharedWire} from '../wire/shared-wire.js';
import {toWire} from '../wire/to-wire.js';
import {Group, sortUsers} from './group.js';
import type {HistoryPage, HistoryStore} from './history-store.js';
import {MemoryHistory} from './memory-history.js';
import {counterIds, type MessageIds} from './message-ids.js';
import {done, refuse, type Result} from './result.js';
import {SentIds} from './sent-ids.js';
import {User} from './user.js';
import {sharedWire} from './wire.js';

export interface ChatOptions {
	readonly clock?: () => Date;
	readonly ids?: MessageIds;
	readonly history?: HistoryStore;
	readonly sentIds?: SentIds<Ok>;
}

export interface Stamp {
	readonly id: MessageId;
	readonly time: string;
}

export interface GroupDelivery extends Stamp {
	readonly group: Group;
	readonly recipients: number;
}

export interface DirectDelivery extends Stamp {
	readonly to: User;
}

export interface Move {
	readonly left: Group;
	readonly joined: Group;
}

export class Chat {
	readonly lobby: Group;
	/** Client message ids (`@id=`) whose MESSAGE or DM was delivered, with the OK each got, by user key. */
	readonly sentIds: SentIds<Ok>;
	private readonly users = new Map<string, User>();
	/** Insertion order is the listing order: lobby first, then by creation. */
	private readonly groups = new Map<string, Group>();
	private readonly clock: () => Date;
	private readonly ids: MessageIds;
	private readonly history: HistoryStore;

	constructor(options: ChatOptions = {}) {
		this.clock = options.clock ?? (() => new Date());
		this.ids = options.ids ?? counterIds();
		this.history = options.history ?? new MemoryHistory();
		this.sentIds = options.sentIds ?? new SentIds({now: () => this.clock().getTime()});
		this.lobby = new Group(DEFAULT_GROUP, nameKey(DEFAULT_GROUP));
		this.groups.set(this.lobby.key, this.lobby);
	}

	get userCount(): number {
		return this.users.size;
	}

	/** Every registered user, sorted by name. */
	onlineUsers(): User[] {
		return sortUsers(this.users.values());
	}

	/** Every group: lobby first, then in the order they were created. */
	allGroups(): Group[] {
		return [...this.groups.values()];
	}

	register(peer: Peer, name: string): Result<User> {
		const key = nameKey(name);
		if (this.users.has(key)) {
			return refuse('NAME_TAKEN', `The name ${quote(name)} is taken (names ignore case); choose another.`);
		}

		const user = new User(name, key, peer, this.lobby);
		this.broadcast(sharedWire({type: 'ONLINE', user: user.name, group: user.group.name}), user);
		this.users.set(key, user);
		this.lobby.members.add(user);
		this.sentIds.returned(key);
		return done(user);
	}

	/** Takes a user off the chat at once: the name is free and nobody lists them. */
	remove(user: User): void {
		if (this.users.get(user.key) !== user) {
			return;
		}

		this.users.delete(user.key);
		user.group.members.delete(user);
		this.sentIds.left(user.key);
		this.broadcast(sharedWire({type: 'OFFLINE', user: user.name, group: user.group.name}), user);
	}

	postToGroup(from: User, text: string): Result<GroupDelivery> {
		const group = from.group;
		const recipients = group.members.size - 1;
		if (recipients === 0) {
			return refuse('NO_RECIPIENTS', `Nobody else is in ${group.name} to receive it; the message was not sent.`);
		}

		const stamp = this.stamp();
		const message: GroupMessage = {type: 'MSG', ...stamp, group: group.name, from: from.name, text};
		// Formatted and encoded once; every member's connection queues the same bytes.
		const wire = sharedWire(message);
		for (const member of group.members) {
			if (member !== from) {
				member.peer.sendShared(wire);
			}
		}

		this.history.append(message);
		return done({...stamp, group, recipients});
	}

	sendDirect(from: User, toName: string, text: string): Result<DirectDelivery> {
		const to = this.users.get(nameKey(toName));
		if (!to) {
			return refuse('NO_SUCH_USER', `There is no user named ${quote(toName)}.`);
		}

		if (to === from) {
			return refuse('DM_SELF', 'You cannot send a DM to yourself.');
		}

		if (to.group !== from.group) {
			return refuse(
				'NOT_IN_YOUR_GROUP',
				`${to.name} is in group ${to.group.name}; DMs reach only users of your group (${from.group.name}).`,
			);
		}

		const stamp = this.stamp();
		const message: DirectMessage = {type: 'DM', ...stamp, from: from.name, to: to.name, text};
		to.peer.send(toWire(message), 1);
		this.history.append(message);
		return done({...stamp, to});
	}

	/** The user's group's messages and their DMs with an id above `afterId`, oldest first. */
	historyAfter(user: User, afterId: number, limit: number): HistoryPage {
		return this.history.after({user: user.name, group: user.group.name, afterId, limit});
	}

	createGroup(creator: User, name: string): Result<Group> {
		const key = nameKey(name);
		const existing = this.groups.get(key);
		if (existing) {
			const hint = existing === creator.group ? 'you are in it' : `JOIN_GROUP ${existing.name} to join it`;
			return refuse('GROUP_EXISTS', `A group named ${existing.name} already exists; ${hint}.`);
		}

		const group = new Group(name, key);
		this.groups.set(key, group);
		const left = this.move(creator, group);
		this.broadcast(
			sharedWire({type: 'GROUP_CREATED', group: group.name, user: creator.name}, ...movedLines(creator, left, group)),
			creator,
		);
		return done(group);
	}

	joinGroup(user: User, name: string): Result<Move> {
		const group = this.groups.get(nameKey(name));
		if (!group) {
			return refuse('NO_SUCH_GROUP', `There is no group named ${quote(name)}; LIST_GROUP shows every group.`);
		}

		if (group === user.group) {
			return refuse('ALREADY_IN_GROUP', `You are already in group ${group.name}.`);
		}

		const left = this.move(user, group);
		this.broadcast(sharedWire(...movedLines(user, left, group)), user);
		return done({left, joined: group});
	}

	private move(user: User, to: Group): Group {
		const from = user.group;
		from.members.delete(user);
		to.members.add(user);
		user.group = to;
		return from;
	}

	private stamp(): Stamp {
		return {id: this.ids.next(), time: this.clock().toISOString()};
	}

	/** Hands the same wire, formatted and encoded once, to every registered user but one. */
	private broadcast(wire: SharedWire, except: User): void {
		for (const user of this.users.values()) {
			if (user !== except) {
				user.peer.sendShared(wire);
			}
		}
	}
}

function movedLines(user: User, from: Group, to: Group): ServerLine[] {
	return [
		{type: 'LEFT', group: from.name, user: user.name},
		{type: 'JOINED', group: to.name, user: user.name},
	];
}
