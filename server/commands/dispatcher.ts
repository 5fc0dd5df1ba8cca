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
import type {Chat} from '../chat/chat.js';
import {messageCount} from '../chat/wire.js';
import {errorFields, type Logger} from '../log.js';
import {toWire} from '../wire/to-wire.js';
import type {Client} from './client.js';
import type {CommandContext, CommandTable, Handler} from './handler.js';
import type {Outcome} from './outcome.js';

export interface DispatcherOptions {
	readonly chat: Chat;
	readonly log: Logger;
	readonly table: CommandTable;
	/** Most bytes one HISTORY reply may take. */
	readonly historyReplyBytes?: number;
}

/** The commands whose delivery is remembered by client id, so a resend is not delivered twice. */
const DEDUPLICATED: ReadonlySet<CommandName> = new Set(['MESSAGE', 'DM']);

export class Dispatcher {
	constructor(private readonly options: DispatcherOptions) {}

	dispatch(client: Client, line: string): void {
		if (client.ended) {
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

		const user = client.user;
		const deduplicated = id !== undefined && user !== undefined && DEDUPLICATED.has(spec.name);
		if (deduplicated) {
			const first = this.options.chat.sentIds.recall(user.key, id);
			if (first) {
				// Delivered already: the resend gets the very OK the first send got, marked.
				this.options.log.info('duplicate', {conn: client.conn, user: user.name, command: spec.name, id});
				client.peer.send(toWire({...first, tags: {id, dup: ''}}));
				return;
			}
		}

		const outcome = this.run(spec.name, client, () => {
			const handler = this.options.table[spec.name] as Handler<CommandName>;
			return handler(parsed.command, this.context(client));
		});
		if (deduplicated && outcome.ok) {
			this.options.chat.sentIds.remember(user.key, id, outcome.lines.at(-1) as Ok);
		}

		this.answer(client, spec, outcome, tags);
	}

	private run(command: CommandName, client: Client, handle: () => Outcome): Outcome {
		try {
			return handle();
		} catch (error) {
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
	}

	private answer(client: Client, spec: CommandSpec, outcome: Outcome, tags: Tags | undefined): void {
		if (!outcome.ok) {
			this.refuse(client, {code: outcome.code, command: spec.name, message: outcome.message}, tags, spec);
			return;
		}

		if (outcome.lines.length > 0) {
			client.peer.send(toWire(...withTagsOnLast(outcome.lines, tags)), messageCount(outcome.lines));
		}

		if (outcome.end) {
			client.ended = true;
			client.peer.end();
		}
	}

	private refuse(client: Client, error: ProtocolError, tags: Tags | undefined, spec?: CommandSpec): void {
		if (spec?.noOutcome) {
			return;
		}

		client.peer.send(toWire({type: 'ERR', code: error.code, command: error.command, text: error.message, tags}));
	}

	private context(client: Client): CommandContext {
		const {chat, log, historyReplyBytes} = this.options;
		return {chat, client, log, historyReplyBytes};
	}
}

/** The outcome line is the last one; data lines before it carry no tags. */
function withTagsOnLast(lines: readonly ServerLine[], tags: Tags | undefined): readonly ServerLine[] {
	if (!tags) {
		return lines;
	}

	return lines.map((line, index) => (index === lines.length - 1 ? {...line, tags} : line));
}
