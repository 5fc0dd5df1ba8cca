/**
 * Who is online and which groups exist, for the sidebar and for completion. Filled
 * by the LIST and LIST_GROUP replies (which replace it wholesale) and kept right
 * between them by presence and membership events. Maps keyed by name key: names are
 * user-chosen, so they must never be used as plain-object keys ("__proto__").
 */
import {nameKey} from '../../protocol/index.js';

export interface DirectoryUser {
	readonly name: string;
	readonly group: string;
}

export interface DirectoryGroup {
	readonly name: string;
	readonly members: number;
}

export interface Directory {
	/** Every online user, by name key. */
	readonly users: ReadonlyMap<string, DirectoryUser>;
	/** Every group, by name key, in the server's order (lobby first, then creation order). */
	readonly groups: ReadonlyMap<string, DirectoryGroup>;
}

export const EMPTY_DIRECTORY: Directory = {users: new Map(), groups: new Map()};

function withGroupCount(groups: ReadonlyMap<string, DirectoryGroup>, group: string, change: number) {
	const key = nameKey(group);
	const existing = groups.get(key);
	const next = new Map(groups);
	next.set(key, {name: existing?.name ?? group, members: Math.max(0, (existing?.members ?? 0) + change)});
	return next;
}

/** ONLINE: a user registered; they start in `group`. */
export function userOnline(directory: Directory, user: string, group: string): Directory {
	const users = new Map(directory.users);
	users.set(nameKey(user), {name: user, group});
	return {users, groups: withGroupCount(directory.groups, group, +1)};
}

/** OFFLINE: a user left the server from `group`. */
export function userOffline(directory: Directory, user: string, group: string): Directory {
	const users = new Map(directory.users);
	users.delete(nameKey(user));
	return {users, groups: withGroupCount(directory.groups, group, -1)};
}

/** LEFT: always followed by JOINED for the same user, which records the new group. */
export function userLeft(directory: Directory, group: string): Directory {
	return {users: directory.users, groups: withGroupCount(directory.groups, group, -1)};
}

/** JOINED (and our own successful JOIN_GROUP/NEW_GROUP, which the server does not echo as events). */
export function userJoined(directory: Directory, user: string, group: string): Directory {
	const users = new Map(directory.users);
	users.set(nameKey(user), {name: directory.users.get(nameKey(user))?.name ?? user, group});
	return {users, groups: withGroupCount(directory.groups, group, +1)};
}

/** GROUP_CREATED: the creator's LEFT/JOINED follow and do the counting. */
export function groupCreated(directory: Directory, group: string): Directory {
	if (directory.groups.has(nameKey(group))) {
		return directory;
	}

	const groups = new Map(directory.groups);
	groups.set(nameKey(group), {name: group, members: 0});
	return {users: directory.users, groups};
}

/** Moves a known user from one group to another (our own group changes). */
export function userMoved(directory: Directory, user: string, from: string | undefined, to: string): Directory {
	const left = from === undefined ? directory : userLeft(directory, from);
	return userJoined(left, user, to);
}

export function replaceUsers(directory: Directory, users: readonly DirectoryUser[]): Directory {
	return {users: new Map(users.map((user) => [nameKey(user.name), user])), groups: directory.groups};
}

export function replaceGroups(directory: Directory, groups: readonly DirectoryGroup[]): Directory {
	return {users: directory.users, groups: new Map(groups.map((group) => [nameKey(group.name), group]))};
}
