/**
 * The two languages the load generator speaks: chat's line protocol (chat and the
 * relay) and IRC (ngircd, the C daemon compared with). The load is the same in both:
 * N clients in one group (`lobby`, `#lobby` on IRC), each message a line to the group;
 * what differs is how a client registers, how a message is written, and whether the
 * server acknowledges it (chat's `OK MESSAGE`; IRC has no such reply).
 */
export type DialectName = 'chat' | 'irc';

export interface Dialect {
	readonly name: DialectName;
	/** Whether the server answers every message to its sender (chat's `OK MESSAGE`). */
	readonly acks: boolean;
	/** What a client sends to take `name` and be in the bench's group. */
	register(name: string): string;
	/** One message to the group, with its line end. */
	message(text: string): string;
}

export const CHAT: Dialect = {
	name: 'chat',
	acks: true,
	register: (name) => `SET_NAME ${name}\n`,
	message: (text) => `MESSAGE ${text}\n`,
};

/** The bench's group as an IRC channel. */
export const IRC_CHANNEL = '#lobby';

export const IRC: Dialect = {
	name: 'irc',
	acks: false,
	// Registered once the server has sent the channel's names (366, RPL_ENDOFNAMES): the JOIN is done.
	register: (name) => `NICK ${name}\r\nUSER ${name} 0 * :${name}\r\nJOIN ${IRC_CHANNEL}\r\n`,
	message: (text) => `PRIVMSG ${IRC_CHANNEL} :${text}\r\n`,
};
