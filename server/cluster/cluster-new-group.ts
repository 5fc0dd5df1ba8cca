/**
 * NEW_GROUP on a chat node. A group's name is claimed cluster-wide before the group is
 * made (KV create() on the bucket `chat-groups`, as names are claimed in `chat-names`),
 * so two nodes making the same group at the same instant cannot both succeed: exactly
 * one makes it, the other is told it exists, as a single server would tell the second.
 *
 * A group this node knows of already is refused by the chat itself, without asking NATS.
 * Groups live as long as the chat does, so a claim is never let go; a claim held by a
 * node that is no longer alive (a group that died with it, or one of an earlier run of
 * the cluster) is taken over like a dead node's name.
 */
import {nameKey} from '../../protocol/index.js';
import type {CommandTable, Handler} from '../commands/handler.js';
import {refuse} from '../commands/outcome.js';
import type {Logger} from '../log.js';
import {describe} from './jetstream-log.js';
import type {NameClaims} from './name-claims.js';

export const GROUPS_BUCKET = 'chat-groups';

export function clusterNewGroup(table: CommandTable, claims: NameClaims, log: Logger): CommandTable {
	const newGroup = table.NEW_GROUP;
	const claimed: Handler<'NEW_GROUP'> = async (command, context) => {
		const {client, chat} = context;
		if (chat.group(command.group)) {
			return newGroup(command, context);
		}

		let won: boolean;
		try {
			won = await claims.claim(nameKey(command.group));
		} catch (error) {
			log.error('cluster_unreachable', {conn: client.conn, command: 'NEW_GROUP', error: describe(error)});
			return refuse(
				'STORE_FAILED',
				'The chat cluster cannot be reached just now, so the group could not be made; try again in a moment.',
			);
		}

		if (!won) {
			const name = chat.group(command.group)?.name ?? command.group;
			return refuse('GROUP_EXISTS', `A group named ${name} already exists; JOIN_GROUP ${name} to join it.`);
		}

		return newGroup(command, context);
	};
	return {...table, NEW_GROUP: claimed};
}
