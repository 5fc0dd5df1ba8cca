import {COMMANDS, type ServerLine} from '../../protocol/index.js';
import type {Handler} from './handler.js';
import {success} from './outcome.js';

// Built once from protocol's table, so HELP cannot disagree with what the server does.
const LINES: readonly ServerLine[] = [
	...COMMANDS.map((spec): ServerLine => ({
		type: 'COMMAND',
		name: spec.name,
		text: `${spec.usage} — ${spec.description}${spec.beforeRegistration ? ' Allowed before SET_NAME.' : ''}`,
	})),
	{type: 'OK', command: 'HELP', count: COMMANDS.length, text: 'Commands are case-insensitive; one per line.'},
];

export const help: Handler<'HELP'> = () => success(...LINES);
