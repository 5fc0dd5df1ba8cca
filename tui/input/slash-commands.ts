/** The commands a user can type; help and completion are both generated from this table. */

export type SlashCommandName =
	'/dm' | '/page' | '/join' | '/new' | '/groups' | '/list' | '/search' | '/goto' | '/register' | '/help' | '/quit';

export interface SlashCommand {
	readonly name: SlashCommandName;
	readonly usage: string;
	readonly description: string;
	/** Whether a parameter follows (its usage shows one), so completion adds a space after the command. */
	readonly takesParameters: boolean;
}

/** What the table says of each command; whether parameters follow is read from its usage. */
const ENTRIES: ReadonlyArray<Omit<SlashCommand, 'takesParameters'>> = [
	{
		name: '/dm',
		usage: '/dm <user> [text]',
		description: 'Send a direct message to a user of your group; without text, open the conversation.',
	},
	{
		name: '/join',
		usage: '/join <group>',
		description: 'Leave your group and join another one.',
	},
	{
		name: '/new',
		usage: '/new <group>',
		description: 'Create a group and move into it.',
	},
	{
		name: '/groups',
		usage: '/groups',
		description: 'List every group with its member count.',
	},
	{
		name: '/list',
		usage: '/list',
		description: 'List the users in your group and everyone online.',
	},
	{
		name: '/search',
		usage: '/search <words>',
		description: 'Find the messages you can read that contain every word, newest first.',
	},
	{
		name: '/goto',
		usage: '/goto <number>',
		description: 'Open a search result: its conversation, at that message.',
	},
	{
		name: '/page',
		usage: '/page <user-or-#group> <text>',
		description: 'Send an urgent page: a banner that rings until each recipient acknowledges it; you see who has.',
	},
	{
		name: '/register',
		usage: '/register',
		description: 'Make your name an account, yours alone, with a password (asked twice, not shown).',
	},
	{
		name: '/help',
		usage: '/help',
		description: 'Show this help and the server’s command list.',
	},
	{
		name: '/quit',
		usage: '/quit',
		description: 'Say goodbye to the server and exit.',
	},
];

export const SLASH_COMMANDS: readonly SlashCommand[] = ENTRIES.map((entry) => ({
	...entry,
	takesParameters: entry.usage !== entry.name,
}));

export function findSlashCommand(word: string): SlashCommand | undefined {
	const lower = word.toLowerCase();
	return SLASH_COMMANDS.find((command) => command.name === lower);
}
