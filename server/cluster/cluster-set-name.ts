/**
 * SET_NAME on a chat node. Before a guest takes a name, the node claims it cluster-wide
 * (name-claims.ts), so a name is one user's across every node, even when two nodes
 * register it at the same instant. Before a login or a guest's registration, the node's
 * replica catches up with the log as it is at that moment, so a user who comes to this
 * node from another one finds everything the cluster acknowledged before (an account's
 * unread count and history, a guest's client ids).
 */
import {nameKey, quote} from '../../protocol/index.js';
import type {CommandTable, Handler} from '../commands/handler.js';
import {refuse} from '../commands/outcome.js';
import type {Logger} from '../log.js';
import {describe} from './jetstream-log.js';
import type {NameClaims} from './name-claims.js';
import {catchUpWithin} from './read-barrier.js';

export interface NodeNames {
	readonly claims: NameClaims;
	/** Resolves once the replica holds every entry the log had when called. */
	caughtUp(): Promise<void>;
}

export function clusterSetName(table: CommandTable, {claims, caughtUp}: NodeNames, log: Logger): CommandTable {
	const setName = table.SET_NAME;
	const claimed: Handler<'SET_NAME'> = async (command, context) => {
		const {client, chat} = context;
		if (command.password !== undefined && !client.user) {
			await catchUpWithin(caughtUp, log, client.conn);
			return setName(command, context);
		}

		if (client.user || chat.account(command.username)) {
			return setName(command, context);
		}

		// A guest failing over from another node finds the client ids it sent there (cluster-sent-ids.ts).
		await catchUpWithin(caughtUp, log, client.conn);
		const key = nameKey(command.username);
		let won: boolean;
		try {
			won = await claims.claim(key);
		} catch (error) {
			log.error('cluster_unreachable', {conn: client.conn, command: 'SET_NAME', error: describe(error)});
			return refuse(
				'STORE_FAILED',
				'The chat cluster cannot be reached just now, so the name could not be checked; try again in a moment.',
			);
		}

		if (!won) {
			return refuse('NAME_TAKEN', `The name ${quote(command.username)} is taken (names ignore case); choose another.`);
		}

		if (client.ended) {
			// The connection went while the claim was made: nobody to register.
			void claims.release(key).catch(() => undefined);
			return refuse('NAME_TAKEN', 'The connection closed before the name was registered.');
		}

		const outcome = await setName(command, context);
		if (!outcome.ok) {
			void claims.release(key).catch(() => undefined);
		}

		return outcome;
	};
	return {...table, SET_NAME: claimed};
}
