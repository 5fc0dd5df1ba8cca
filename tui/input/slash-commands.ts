/** The commands a user can type; help and completion are both generated from this table. */

export type SlashCommandName =
	'/dm' | '/join' | '/new' | '/groups' | '/list' | '/search' | '/goto' | '/register' | '/help' | '/quit';

export interface SlashCommand {
	readonly name: SlashCommandName;
	readonly usage: string;
	readonly description: string;
	/** Whether a parameter follows, so completion adds a space after the command. */
	readonly takesParameters: boolean;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
	{
		name: '/dm',
		usage: '/dm <user> [text]',
		description: 'Send a direct message to a user of your group; without text, open the conversation.',
		takesParameters: true,
	},
	{name: '/join', usage: '/join <group>', description: 'Leave your group and join another one.', takesParameters: true},
	{name: '/new', usage: '/new <group>', description: 'Create a group and move into it.', takesParameters: true},
	{name: '/groups', usage: '/groups', description: 'List every group with its member count.', takesParameters: false},
	{
		name: '/list',
		usage: '/list',
		description: 'List the users in your group and everyone online.',
		takesParameters: false,
	},
	{
		name: '/search',
		usage: '/search <words>',
		description: 'Find the messages you can read that contain every word, newest first.',
		takesParameters: true,
	},
	{
		name: '/goto',
		usage: '/goto <number>',
		description: 'Open a search result: its conversation, at that message.',
		takesParameters: true,
	},
	{
		name: '/register',
		usage: '/register',
		description: 'Make your name an account, yours alone, with a password (asked twice, not shown).',
		takesParameters: false,
	},
	{name: '/help', usage: '/help', description: 'Show this help and the server’s command list.', takesParameters: false},
	{name: '/quit', usage: '/quit', description: 'Say goodbye to the server and exit.', takesParameters: false},
];

export function findSlashCommand(word: string): SlashCommand | undefined {
	const lower = word.toLowerCase();
	return SLASH_COMMANDS.find((command) => command.name === lower);
}
