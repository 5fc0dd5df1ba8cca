/**
 * What a command handler is, and the table of them. The table is typed by command
 * name, so a command added to protocol's COMMANDS does not compile until it has a
 * handler here.
 */
import type {ClientCommand, CommandName, Tags} from '../../protocol/index.js';
import type {Accounts} from '../chat/accounts.js';
import type {Chat} from '../chat/chat.js';
import type {Pages} from '../chat/pages.js';
import type {Receipts} from '../chat/receipts.js';
import type {User} from '../chat/user.js';
import type {Logger} from '../log.js';
import type {Client} from './client.js';
import type {Answer} from './outcome.js';

export type CommandOf<N extends CommandName> = Extract<ClientCommand, {readonly name: N}>;

export interface CommandContext {
	readonly chat: Chat;
	readonly accounts: Accounts;
	readonly client: Client;
	readonly log: Logger;
	readonly pages: Pages;
	readonly receipts: Receipts;
	/** The tags the command line carried (`@receipts` on a DM asks for receipts). */
	readonly tags: Tags | undefined;
	/** Most bytes one HISTORY reply may take; the server keeps it well under the slow-consumer cap. */
	readonly historyReplyBytes?: number;
}

/** Gets a parsed, valid command; the dispatcher has done every check common to all commands. */
export type Handler<N extends CommandName> = (command: CommandOf<N>, context: CommandContext) => Answer;

export type CommandTable = {readonly [N in CommandName]: Handler<N>};

/**
 * A handler for a command only registered users may use. The dispatcher refuses
 * such commands before registration, so here the user is always there; if it is
 * not, that is a bug, and the throw turns into ERR INTERNAL.
 */
export function forUser<N extends CommandName>(
	handler: (command: CommandOf<N>, user: User, context: CommandContext) => Answer,
): Handler<N> {
	return (command, context) => {
		const {user} = context.client;
		if (!user) {
			throw new Error(`${command.name} reached its handler without a registered user`);
		}

		return handler(command, user, context);
	};
}
