/**
 * Commands that read what another node may have just written wait, first, until this
 * node's replica holds every entry the log had when they came. A login must find the
 * unread count and history complete; ACK, PAGE_STATUS and SEEN name a page or a DM the
 * user heard of through another path than the log (a page line travels on core NATS,
 * and may outrun the log entry that stores the page), so without the wait a user who
 * answers a page at once could be told there is no such page.
 *
 * Bounded: with NATS unreachable the command goes on with the replica as it is (it
 * catches up later), rather than hang or be refused, which would help nobody.
 */
import type {CommandName} from '../../protocol/index.js';
import type {CommandTable, Handler} from '../commands/handler.js';
import type {Logger} from '../log.js';
import {describe} from './jetstream-log.js';

/** How long a command waits for the replica to catch up with the log. */
const CATCH_UP_MS = 5000;

/** The commands that read a page or a DM by an id the user may have heard of before the log's entry came. */
export const READS_BY_ID = ['ACK', 'PAGE_STATUS', 'SEEN'] as const satisfies readonly CommandName[];

/** Resolves once the replica has caught up, or after CATCH_UP_MS (logged), whichever is first. */
export async function catchUpWithin(caughtUp: () => Promise<void>, log: Logger, conn?: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`not caught up within ${CATCH_UP_MS} ms`)), CATCH_UP_MS);
	});
	await Promise.race([caughtUp(), late])
		.catch((error: unknown) => log.warn('cluster_behind', {conn, error: describe(error)}))
		.finally(() => clearTimeout(timer));
}

/** The table with each of `names` run once the replica has caught up. */
export function afterCatchingUp(
	table: CommandTable,
	names: readonly CommandName[],
	caughtUp: () => Promise<void>,
	log: Logger,
): CommandTable {
	const wrapped: Partial<Record<CommandName, Handler<CommandName>>> = {};
	for (const name of names) {
		const handler = table[name] as Handler<CommandName>;
		wrapped[name] = async (command, context) => {
			await catchUpWithin(caughtUp, log, context.client.conn);
			return handler(command, context);
		};
	}

	return {...table, ...wrapped} as CommandTable;
}
