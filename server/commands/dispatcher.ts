/**
 * From a client line to exactly one outcome. Everything every command needs is done
 * here, once, in this order: a blank line is ignored; an unknown word is refused;
 * a command that needs registration is refused before its parameters are looked at;
 * the parameters are parsed by protocol's parser; a MESSAGE or DM whose client id was
 * already delivered is answered from memory instead of sent again; then the handler
 * runs, and if it throws, the client gets ERR INTERNAL and the operator gets the stack.
 *
 * A command that carried `@id=X` gets `@id=X` on its outcome line, whatever that is,
 * so a client matches answers to commands by id, not only by order. PONG is the one
 * command with no outcome at all, not even a refusal.
 *
 * Every answer goes out through the store's afterCommit(): after whatever was written
 * before it is committed, in the order the commands came. A command that wrote gets
 * ERR STORE_FAILED if that commit fails. A command that answers later (a login's
 * scrypt) holds the connection's next lines until it has answered, so they run in order.
 */
import {
	clientMessageId,
	findCommand,
	parseParameters,
	splitCommandLine,
	unknownCommandError,
	type CommandName,
	type CommandSpec,
	type Ok,
	type ProtocolError,
	type ServerLine,
	type Tags,
} from '../../protocol/index.js';
import type {Accounts} from '../chat/accounts.js';
import type {Chat} from '../chat/chat.js';
import {Pages} from '../chat/pages.js';
import {Receipts} from '../chat/receipts.js';
import {messageCount} from '../chat/wire.js';
import type {StoreFailure} from '../chat/store.js';
import type {User} from '../chat/user.js';
import {errorFields, type Logger} from '../log.js';
import {toWire} from '../wire/to-wire.js';
import type {Client} from './client.js';
import type {CommandContext, CommandTable, Handler} from './handler.js';
import type {Answer, Outcome} from './outcome.js';

export interface DispatcherOptions {
	readonly chat: Chat;
	readonly accounts: Accounts;
	readonly log: Logger;
	readonly table: CommandTable;
	/** Most bytes one HISTORY reply may take. */
	readonly historyReplyBytes?: number;
	/** Pages and receipts; by default on real timers and the wall clock. */
	readonly pages?: Pages;
	readonly receipts?: Receipts;
}

/**
 * Lines kept, in order, while a command that answers later (a login's scrypt) runs: a
 * client has no reason to send more than a few meanwhile, and the hold must not grow
 * with whatever a flood sends in those milliseconds (with the rate limit off, nothing
 * else stops it).
 */
export const MAX_HELD_LINES = 256;

const HELD_OVERFLOW: ProtocolError = {
	code: 'RATE_LIMITED',
	command: '*',
	message: `More than ${MAX_HELD_LINES} lines came while your login was being checked; this one was not run.`,
};

/** The commands whose delivery is remembered by client id, so a resend is not delivered twice. */
const DEDUPLICATED: ReadonlySet<CommandName> = new Set(['MESSAGE', 'DM']);

export class Dispatcher {
	private readonly pages: Pages;
	private readonly receipts: Receipts;

	constructor(private readonly options: DispatcherOptions) {
		const clock = () => new Date();
		this.receipts = options.receipts ?? new Receipts(options.chat, clock);
		this.pages = options.pages ?? new Pages({chat: options.chat, receipts: this.receipts, clock});
	}

	dispatch(client: Client, line: string): void {
		if (client.ended || (client.user && !client.user.peers.has(client.peer))) {
			// Closing, or its name was claimed by the account's owner: nothing more runs.
			return;
		}

		if (client.held) {
			if (client.held.length >= MAX_HELD_LINES) {
				// Counted, not kept: refused in its turn, after the held lines, so outcomes stay in order.
				client.refusedWhileHeld++;
				return;
			}

			client.held.push(line);
			return;
		}

		const split = splitCommandLine(line);
		if (!split) {
			return;
		}

		const id = clientMessageId(split.tags);
		const tags: Tags | undefined = id === undefined ? undefined : {id};
		const spec = findCommand(split.word);
		if (!spec) {
			this.refuse(client, unknownCommandError(split.word), tags);
			return;
		}

		if (!spec.beforeRegistration && !client.user) {
			this.refuse(
				client,
				{code: 'NOT_REGISTERED', command: spec.name, message: 'Register first: SET_NAME <name>.'},
				tags,
				spec,
			);
			return;
		}

		const parsed = parseParameters(spec, split.rest);
		if (!parsed.ok) {
			this.refuse(client, parsed.error, tags, spec);
			return;
		}

		const {chat} = this.options;
		const user = client.user;
		const deduplicated = id !== undefined && user !== undefined && DEDUPLICATED.has(spec.name);
		if (deduplicated) {
			const first = this.recall(user, id);
			if (first) {
				// Accepted already: the resend gets the very OK the first send got, marked.
				this.options.log.info('duplicate', {conn: client.conn, user: user.name, command: spec.name, id});
				const wire = toWire({...first, tags: {id, dup: ''}});
				chat.store.afterCommit((failure) => {
					// The first send may be this very turn's, rolled back with it (its id is
					// forgotten by now): then nothing was stored, and the resend is told so too.
					if (failure && !this.recall(user, id)) {
						this.storeFailed(client, spec, failure, tags);
						return;
					}

					client.peer.send(wire);
				});
				return;
			}
		}

		const answer = this.run(spec.name, client, () => {
			const handler = this.options.table[spec.name] as Handler<CommandName>;
			return handler(parsed.command, this.context(client, split.tags));
		});
		if (!(answer instanceof Promise)) {
			this.settle(client, spec, answer, tags, deduplicated ? id : undefined);
			return;
		}

		client.held = [];
		void answer
			.catch((error: unknown) => this.internal(spec.name, client, error))
			.then((outcome) => {
				this.settle(client, spec, outcome, tags, undefined);
				const held = client.held ?? [];
				const refused = client.refusedWhileHeld;
				client.held = undefined;
				client.refusedWhileHeld = 0;
				for (const [index, next] of held.entries()) {
					this.dispatch(client, next);
					if (holding(client)) {
						// Another command answers later: the rest wait for it, still in order.
						client.held!.push(...held.slice(index + 1));
						client.refusedWhileHeld += refused;
						return;
					}
				}

				for (let count = 0; count < refused; count++) {
					this.refuse(client, HELD_OVERFLOW, undefined);
				}
			});
	}

	/** The OK a MESSAGE or DM the user sent under client id `id` got, if it is remembered. */
	private recall(user: User, id: string): Ok | undefined {
		const {chat} = this.options;
		return user.isAccount ? chat.store.recallClientId(user.key, id) : chat.sentIds.recall(user.key, id);
	}

	/** Remembers a deduplicated command's OK, then sends the outcome once what it wrote is committed. */
	private settle(client: Client, spec: CommandSpec, outcome: Outcome, tags: Tags | undefined, id: string | undefined) {
		const {chat} = this.options;
		const user = client.user;
		const guestId = id !== undefined && outcome.ok && user !== undefined && !user.isAccount ? id : undefined;
		if (id !== undefined && outcome.ok && user) {
			const ok = outcome.lines.at(-1) as Ok;
			if (user.isAccount) {
				chat.store.rememberClientId(user.key, id, ok);
			} else {
				chat.sentIds.remember(user.key, id, ok);
			}
		}

		chat.store.afterCommit((failure) => {
			if (failure && outcome.ok && outcome.durable) {
				if (guestId !== undefined && user) {
					chat.sentIds.forget(user.key, guestId);
				}

				this.storeFailed(client, spec, failure, tags);
				return;
			}

			this.answer(client, spec, outcome, tags);
		});
	}

	private storeFailed(client: Client, spec: CommandSpec, failure: StoreFailure, tags: Tags | undefined): void {
		this.options.log.error('store_failed', {conn: client.conn, command: spec.name, error: failure.message});
		this.send(
			client,
			{
				code: 'STORE_FAILED',
				command: spec.name,
				message:
					'The server could not store that (its disk may be full); nothing was sent. Try again, or tell the operator.',
			},
			tags,
		);
	}

	private run(command: CommandName, client: Client, handle: () => Answer): Answer {
		try {
			return handle();
		} catch (error) {
			return this.internal(command, client, error);
		}
	}

	private internal(command: CommandName, client: Client, error: unknown): Outcome {
		this.options.log.error('error', {
			conn: client.conn,
			user: client.user?.name,
			command,
			...errorFields(error, {stack: true}),
		});
		return {
			ok: false,
			code: 'INTERNAL',
			message: `The server failed while handling ${command}. Try again; if it keeps failing, tell the operator.`,
		};
	}

	private answer(client: Client, spec: CommandSpec, outcome: Outcome, tags: Tags | undefined): void {
		if (!outcome.ok) {
			if (!spec.noOutcome) {
				this.send(client, {code: outcome.code, command: spec.name, message: outcome.message}, tags);
			}

			return;
		}

		if (outcome.lines.length > 0) {
			client.peer.send(toWire(...withTagsOnOutcome(outcome.lines, tags)), messageCount(outcome.lines));
		}

		if (outcome.end) {
			client.ended = true;
			client.peer.end();
		}
	}

	/** A refusal before the command ran: in order behind whatever this connection is still waiting on. */
	private refuse(client: Client, error: ProtocolError, tags: Tags | undefined, spec?: CommandSpec): void {
		if (spec?.noOutcome) {
			return;
		}

		this.options.chat.emit(() => this.send(client, error, tags));
	}

	private send(client: Client, error: ProtocolError, tags: Tags | undefined): void {
		client.peer.send(toWire({type: 'ERR', code: error.code, command: error.command, text: error.message, tags}));
	}

	private context(client: Client, tags: Tags | undefined): CommandContext {
		const {chat, accounts, log, historyReplyBytes} = this.options;
		return {chat, accounts, client, log, historyReplyBytes, pages: this.pages, receipts: this.receipts, tags};
	}
}

/** The outcome is the OK line (the last but for a login's UNREAD); data lines carry no tags. */
function withTagsOnOutcome(lines: readonly ServerLine[], tags: Tags | undefined): readonly ServerLine[] {
	if (!tags) {
		return lines;
	}

	let outcome = lines.length - 1;
	while (outcome > 0 && lines[outcome]!.type !== 'OK') {
		outcome--;
	}

	return lines.map((line, index) => (index === outcome ? {...line, tags} : line));
}

function holding(client: Client): boolean {
	return client.held !== undefined;
}
