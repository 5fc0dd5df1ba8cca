/**
 * The chat itself: who is online, which groups exist, who is in which, and the rules
 * for registering, logging in, messaging and moving between groups. It knows nothing of
 * sockets or command lines: users hold Peers, rules answer a Result, and the events
 * other users must hear of are sent here, so a rule and its events cannot drift apart.
 *
 * What must outlive the process goes to the Store, and nothing that depends on a write
 * is sent before the write is committed: every line the chat sends goes through the
 * store's afterCommit(), in order, so a presence event never overtakes a message sent
 * before it in the same turn, and a message whose commit failed is delivered to nobody.
 *
 * Names arrive already checked by protocol's parser (syntax); the rules here are the
 * ones that depend on state (taken, an account, exists, same group).
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
import type {AuditEvent} from './audit.js';
import {Group, sortUsers} from './group.js';
import {counterIds, type MessageIds} from './message-ids.js';
import {done, refuse, type Result} from './result.js';
import {SentIds} from './sent-ids.js';
import type {Account, DmSide, MessagePage, Store, Viewer} from './store.js';
import {User} from './user.js';
import {sharedWire} from './wire.js';

/** Whom a DM may reach: users of the sender's group (the lab's rule), or anyone. */
export type DmScope = 'group' | 'all';

export interface ChatOptions {
	readonly store: Store;
	readonly clock?: () => Date;
	readonly ids?: MessageIds;
	/** Client ids of guests (in memory); an account's are in the store. */
	readonly sentIds?: SentIds<Ok>;
	readonly dmScope?: DmScope;
	/** Told of every change other chat nodes must mirror (server/cluster/); nobody on a single server. */
	readonly observer?: ChatObserver;
}

/**
 * What a chat node tells the others (cluster mode): its own users' connections and moves.
 * The lines users see travel with the chat's own sends; this is the state behind them.
 */
export interface ChatObserver {
	/** A connection of `user` on this node came online (the user may be online on other nodes too). */
	connected(user: User): void;
	/** One of `user`'s connections on this node went (`user.online` says whether it was the last anywhere). */
	disconnected(user: User): void;
	moved(user: User, to: Group): void;
	groupCreated(group: Group): void;
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
	/** The recipient's name as registered or created. */
	readonly to: string;
	/** Whether the recipient gets it at their next login rather than now. */
	readonly offline: boolean;
}

export interface Move {
	readonly left: Group;
	readonly joined: Group;
}

const CLAIMED = toWire({
	type: 'BYE',
	reason: 'ACCOUNT_CLAIMED',
	text: 'This name is now an account and its owner has logged in; choose another name.',
});

export class Chat {
	readonly lobby: Group;
	readonly store: Store;
	/** Guests' client message ids (`@id=`) whose MESSAGE or DM was accepted, with the OK each got, by user key. */
	readonly sentIds: SentIds<Ok>;
	readonly dmScope: DmScope;
	private readonly users = new Map<string, User>();
	/** Insertion order is the listing order: lobby first, then by creation. */
	private readonly groups = new Map<string, Group>();
	private readonly clock: () => Date;
	private readonly ids: MessageIds;
	private readonly observer: ChatObserver | undefined;
	/** The highest id given or stored: ids only ever go up, across restarts too. */
	private lastId: number;
	/**
	 * The last stamp's millisecond and its ISO text: a burst stamps dozens of messages in
	 * the same millisecond, and formatting the time was a tenth of a stamp's cost.
	 */
	private stampMs = Number.NaN;
	private stampTime = '';

	constructor(options: ChatOptions) {
		this.store = options.store;
		this.clock = options.clock ?? (() => new Date());
		this.ids = options.ids ?? counterIds();
		this.sentIds = options.sentIds ?? new SentIds({now: () => this.clock().getTime()});
		this.dmScope = options.dmScope ?? 'group';
		this.observer = options.observer;
		this.lobby = new Group(DEFAULT_GROUP, nameKey(DEFAULT_GROUP));
		this.groups.set(this.lobby.key, this.lobby);
		this.lastId = this.store.lastMessageId();
		this.restore();
	}

	get userCount(): number {
		return this.users.size;
	}

	/** Every user online, sorted by name; an account on several connections once. */
	onlineUsers(): User[] {
		return sortUsers(this.users.values());
	}

	/** Every group: lobby first, then in the order they were created (or restored). */
	allGroups(): Group[] {
		return [...this.groups.values()];
	}

	/** The user of that name who is online, if one is (guest or account). */
	onlineUser(name: string): User | undefined {
		return this.users.get(nameKey(name));
	}

	/** Appends the event to the audit trail, stamped now, in the turn's transaction (committed with what it records). */
	audit(event: AuditEvent): void {
		this.store.audit(event, this.clock().toISOString());
	}

	/** The account of that name, if there is one. */
	account(name: string): Account | undefined {
		return this.store.account(name);
	}

	/** The group of that name, if it exists. */
	group(name: string): Group | undefined {
		return this.groups.get(nameKey(name));
	}

	/** A guest takes a name that is neither online nor an account. */
	register(peer: Peer, name: string, session: string): Result<User> {
		// An account's name is refused as an account's whether or not it is online: its owner
		// may log in again from here (a second connection, or past a lost one), and the
		// answer says how.
		const account = this.store.account(name);
		if (account) {
			return refuse(
				'ACCOUNT_PROTECTED',
				`${quote(account.name)} is an account: log in with SET_NAME ${account.name} <password>.`,
			);
		}

		const key = nameKey(name);
		if (this.users.has(key)) {
			return refuse('NAME_TAKEN', `The name ${quote(name)} is taken (names ignore case); choose another.`);
		}

		const user = new User(name, key, this.lobby, session);
		this.goOnline(user, peer);
		this.sentIds.returned(key);
		return done(user);
	}

	/**
	 * Puts a connection whose password was checked online as the account: alongside the
	 * account's other connections if it has any, in place of a guest holding the name if
	 * one does (the guest is told and disconnected).
	 */
	login(peer: Peer, account: Account): User {
		const online = this.users.get(account.key);
		if (online?.isAccount) {
			online.peers.add(peer);
			this.observer?.connected(online);
			return online;
		}

		if (online) {
			const guest = online.peers.all();
			for (const connection of guest) {
				online.peers.delete(connection);
			}

			this.emit(() => {
				for (const connection of guest) {
					connection.send(CLAIMED);
					connection.end();
				}
			});
			this.leave(online);
		}

		const group = this.groupForAccount(account);
		group.offline.delete(account.key);
		const user = new User(account.name, account.key, group, undefined);
		this.goOnline(user, peer);
		return user;
	}

	/** Makes a guest's name an account, remembered in its current group. False when it is one already. */
	makeAccount(user: User, passwordHash: string): boolean {
		if (!this.store.createAccount({name: user.name, passwordHash, group: user.group.name})) {
			return false;
		}

		user.session = undefined;
		this.audit({kind: 'account_created', user: user.name, by: 'self'});
		this.keepGroup(user.group);
		// What was sent before the name was an account counts as seen: unread starts now.
		this.store.advanceReadPosition(user.name, this.lastId);
		return true;
	}

	/** One connection of the user goes: the user leaves once it was the last one. */
	remove(user: User, peer: Peer): void {
		if (this.users.get(user.key) !== user || !user.peers.delete(peer)) {
			return;
		}

		if (!user.online) {
			this.leave(user);
		}

		this.observer?.disconnected(user);
	}

	postToGroup(from: User, via: Peer, text: string): Result<GroupDelivery> {
		const group = from.group;
		const recipients = group.members.size - 1 + group.offline.size;
		if (recipients === 0) {
			return refuse('NO_RECIPIENTS', `Nobody else is in ${group.name} to receive it; the message was not sent.`);
		}

		const {id, time} = this.stamp();
		// Fields named, not spread from the stamp: every message makes these objects, and at
		// one session this code runs unoptimised, where a spread costs microseconds (PERFORMANCE.md).
		const message: GroupMessage = {type: 'MSG', id, time, group: group.name, from: from.name, text};
		this.store.appendGroupMessage(message);
		this.store.audit({kind: 'message', id, group: group.name, from: from.name, text}, time);
		// Formatted and encoded once; every member's connection queues the same bytes.
		const wire = sharedWire(message);
		// Those in the group now, not at the commit: who joins later in this turn was not there when it was sent.
		const members = group.snapshot();
		this.store.afterCommit((failure) => {
			if (failure) {
				return;
			}

			for (const member of members) {
				if (member === from) {
					member.peers.sendSharedExcept(wire, via);
				} else {
					member.peers.sendShared(wire);
				}
			}
		});
		return done({id, time, group, recipients});
	}

	sendDirect(from: User, via: Peer, toName: string, text: string): Result<DirectDelivery> {
		const online = this.users.get(nameKey(toName));
		const account = online ? undefined : this.store.account(toName);
		if (!online && !account) {
			return refuse('NO_SUCH_USER', `There is no user named ${quote(toName)}.`);
		}

		if (online === from) {
			return refuse('DM_SELF', 'You cannot send a DM to yourself.');
		}

		const toGroup = online ? online.group.name : account!.group;
		const to = online ? online.name : account!.name;
		if (this.dmScope === 'group' && nameKey(toGroup) !== from.group.key) {
			return refuse(
				'NOT_IN_YOUR_GROUP',
				`${to} is in group ${toGroup}; DMs reach only users of your group (${from.group.name}).`,
			);
		}

		const {id, time} = this.stamp();
		const message: DirectMessage = {type: 'DM', id, time, from: from.name, to, text};
		const toSide: DmSide = online?.session === undefined ? {account: to} : {session: online.session};
		this.store.appendDirectMessage(message, sideOf(from), toSide);
		this.store.audit({kind: 'dm', id, from: from.name, to, text}, time);
		const wire = sharedWire(message);
		this.store.afterCommit((failure) => {
			if (!failure) {
				online?.peers.sendShared(wire);
				from.peers.sendSharedExcept(wire, via);
			}
		});
		return done({id, time, to, offline: !online});
	}

	/** Whose messages a connection may read: its group's, its account's DMs, its own session's DMs. */
	viewer(user: User, session: string): Viewer {
		return user.isAccount ? {group: user.group.name, account: user.name, session} : {group: user.group.name, session};
	}

	/** The messages the viewer may see with an id above `afterId`, oldest first. */
	historyAfter(viewer: Viewer, afterId: number, limit: number): MessagePage {
		return this.store.after(viewer, afterId, limit);
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
		this.audit({kind: 'group_created', group: group.name, user: creator.name});
		this.observer?.groupCreated(group);
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

	/** Sends once what is pending is committed: the order of everything the chat sends is the order it happened in. */
	emit(send: () => void): void {
		this.store.afterCommit(() => send());
	}

	// --- Users of other chat nodes (cluster mode) ---
	// Mirrored without a line to anyone: the node where it happened sent the lines, to
	// its own users and through these mirrors' peers to everyone else's.

	/** A connection of a user on another node: the user is listed, and messaged through `peer`, like any. */
	attachRemote(name: string, key: string, groupName: string, session: string | undefined, peer: Peer): User {
		let user = this.users.get(key);
		if (!user) {
			const group = this.ensureGroup(groupName);
			group.offline.delete(key);
			user = new User(name, key, group, session);
			this.users.set(key, user);
			group.join(user);
		}

		user.peers.add(peer);
		return user;
	}

	/** That connection went; the user is returned when it was their last anywhere (they are offline now). */
	detachRemote(key: string, peer: Peer): User | undefined {
		const user = this.users.get(key);
		if (!user?.peers.delete(peer) || user.online) {
			return undefined;
		}

		this.users.delete(key);
		user.group.leave(user);
		if (user.isAccount) {
			user.group.offline.set(key, user.name);
		}

		return user;
	}

	/** A user of another node moved to `groupName`. */
	moveRemote(key: string, groupName: string): void {
		const user = this.users.get(key);
		const to = this.ensureGroup(groupName);
		if (user && user.group !== to) {
			user.group.leave(user);
			to.join(user);
			user.group = to;
		}
	}

	/** The group of that name, made (silently) if this node has not heard of it. */
	ensureGroup(name: string): Group {
		const key = nameKey(name);
		let group = this.groups.get(key);
		if (!group) {
			group = new Group(name, key);
			this.groups.set(key, group);
		}

		return group;
	}

	private goOnline(user: User, peer: Peer): void {
		this.broadcast(sharedWire({type: 'ONLINE', user: user.name, group: user.group.name}), user);
		user.peers.add(peer);
		this.users.set(user.key, user);
		user.group.join(user);
		this.observer?.connected(user);
	}

	/** Takes a user off the chat at once: the name is free (a guest's) and nobody lists them. */
	private leave(user: User): void {
		this.users.delete(user.key);
		user.group.leave(user);
		if (user.isAccount) {
			user.group.offline.set(user.key, user.name);
		} else {
			this.sentIds.left(user.key);
		}

		this.broadcast(sharedWire({type: 'OFFLINE', user: user.name, group: user.group.name}), user);
	}

	private move(user: User, to: Group): Group {
		const from = user.group;
		from.leave(user);
		to.join(user);
		user.group = to;
		this.audit({kind: 'group_left', group: from.name, user: user.name});
		this.audit({kind: 'group_joined', group: to.name, user: user.name});
		this.observer?.moved(user, to);
		if (user.isAccount) {
			this.keepGroup(to);
			this.store.setAccountGroup(user.name, to.name);
		}

		return from;
	}

	/** A group an account is in is stored, so it is there after a restart. */
	private keepGroup(group: Group): void {
		if (group !== this.lobby) {
			this.store.saveGroup(group.name);
		}
	}

	/** The account's remembered group, made again (and announced) if it is gone. */
	private groupForAccount(account: Account): Group {
		const key = nameKey(account.group);
		const existing = this.groups.get(key);
		if (existing) {
			return existing;
		}

		const group = new Group(account.group, key);
		this.groups.set(key, group);
		this.keepGroup(group);
		this.audit({kind: 'group_created', group: group.name, user: account.name});
		this.broadcast(sharedWire({type: 'GROUP_CREATED', group: group.name, user: account.name}), undefined);
		return group;
	}

	/** Groups with account members, as stored, each with its accounts offline in it; groups left with none are let go. */
	private restore(): void {
		for (const stored of this.store.groups()) {
			if (!this.groups.has(stored.key)) {
				this.groups.set(stored.key, new Group(stored.name, stored.key));
			}
		}

		for (const account of this.store.accounts()) {
			this.groupForAccount(account).offline.set(account.key, account.name);
		}

		for (const group of this.groups.values()) {
			if (group !== this.lobby && group.offline.size === 0) {
				this.groups.delete(group.key);
				this.store.deleteGroup(group.name);
			}
		}
	}

	/** The next message id, and now: pages take their ids from the messages' sequence. */
	stamp(): Stamp {
		this.lastId = Math.max(Number(this.ids.next()), this.lastId + 1);
		const now = this.clock();
		if (now.getTime() !== this.stampMs) {
			this.stampMs = now.getTime();
			this.stampTime = now.toISOString();
		}

		return {id: String(this.lastId), time: this.stampTime};
	}

	/** Hands the same wire, formatted and encoded once, to every user online but one, once what is pending is committed. */
	private broadcast(wire: SharedWire, except: User | undefined): void {
		if (!this.store.pending) {
			sendToAll(this.users.values(), wire, except);
			return;
		}

		// Those online now: who comes online later in this turn hears of what happened before from LIST.
		const users = [...this.users.values()];
		this.store.afterCommit(() => sendToAll(users, wire, except));
	}
}

function sendToAll(users: Iterable<User>, wire: SharedWire, except: User | undefined): void {
	for (const user of users) {
		if (user !== except) {
			user.peers.sendShared(wire);
		}
	}
}

/** Who a DM belongs to on the sender's side: the account, or the guest's session. */
function sideOf(user: User): DmSide {
	return user.session === undefined ? {account: user.name} : {session: user.session};
}

function movedLines(user: User, from: Group, to: Group): ServerLine[] {
	return [
		{type: 'LEFT', group: from.name, user: user.name},
		{type: 'JOINED', group: to.name, user: user.name},
	];
}
