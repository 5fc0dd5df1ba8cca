/**
 * From a client line to exactly one outcome. Everything every command needs is done
 * here, once, in this order: a blank line is ignored; an unknown word is refused;
 * a command that needs registration is refused before its parameters are looked at;
 * the parameters are parsed by protocol's parser; then the handler runs, and if it
 * throws, the client gets ERR INTERNAL and the operator gets the stack.
 */
import {
	findCommand,
	parseParameters,
	splitCommandLine,
	unknownCommandError,
	type CommandName,
	type ProtocolError,
} from '../../protocol/index.js';
import type {Chat} from '../chat/chat.js';
import {toWire} from '../chat/wire.js';
import {errorFields, type Logger} from '../log.js';
import type {Client} from './client.js';
import type {CommandContext, CommandTable, Handler} from './handler.js';
import type {Outcome} from './outcome.js';

export interface DispatcherOptions {
	readonly chat: Chat;
	readonly log: Logger;
	readonly table: CommandTable;
}

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

		const spec = findCommand(split.word);
		if (!spec) {
			this.refuse(client, unknownCommandError(split.word));
			return;
		}

		if (!spec.beforeRegistration && !client.user) {
			this.refuse(client, {code: 'NOT_REGISTERED', command: spec.name, message: 'Register first: SET_NAME <name>.'});
			return;
		}

		const parsed = parseParameters(spec, split.rest);
		if (!parsed.ok) {
			this.refuse(client, parsed.error);
			return;
		}

		const outcome = this.run(spec.name, client, () => {
			const handler = this.options.table[spec.name] as Handler<CommandName>;
			return handler(parsed.command, this.context(client));
		});
		this.answer(client, spec.name, outcome);
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

	private answer(client: Client, command: CommandName, outcome: Outcome): void {
		if (!outcome.ok) {
			this.refuse(client, {code: outcome.code, command, message: outcome.message});
			return;
		}

		client.peer.send(toWire(...outcome.lines));
		if (outcome.end) {
			client.ended = true;
			client.peer.end();
		}
	}

	private refuse(client: Client, error: ProtocolError): void {
		client.peer.send(toWire({type: 'ERR', code: error.code, command: error.command, text: error.message}));
	}

	private context(client: Client): CommandContext {
		return {chat: this.options.chat, client, log: this.options.log};
	}
}
