/** The commands a user can type; help and completion are both generated from this table. */

export type SlashCommandName =
	| '/dm'
	| '/me'
	| '/page'
	| '/ack'
	| '/join'
	| '/new'
	| '/groups'
	| '/list'
	| '/search'
	| '/goto'
	| '/register'
	| '/help'
	| '/quit';

export interface SlashCommand {
	readonly name: SlashCommandName;
	readonly usage: string;
	/** One line of the help overlay: short enough to fit beside the usage on 80 columns. */
	readonly description: string;
	/** Other names it answers to: what irssi and WeeChat users type without thinking. Its description names them. */
	readonly aliases: readonly string[];
	/** Whether a parameter follows (its usage shows one), so completion adds a space after the command. */
	readonly takesParameters: boolean;
}

/** What the table says of each command; whether parameters follow is read from its usage. */
const ENTRIES: ReadonlyArray<Omit<SlashCommand, 'takesParameters' | 'aliases'> & {aliases?: readonly string[]}> = [
	{
		name: '/dm',
		usage: '/dm <user> [text]',
		description: 'Message a user; no text: open the DM. Also /msg, /query.',
		aliases: ['/msg', '/query'],
	},
	{
		name: '/me',
		usage: '/me <action>',
		description: 'An action: /me waves shows as * <your name> waves.',
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
		description: 'Find messages with every word, newest first.',
	},
	{
		name: '/goto',
		usage: '/goto <number>',
		description: 'Open a search result: its conversation, at that message.',
	},
	{
		name: '/page',
		usage: '/page <to> <text>',
		description: 'Urgent page to a user or #group: rings until acknowledged.',
	},
	{
		name: '/ack',
		usage: '/ack',
		description: 'Acknowledge the oldest page waiting (Alt-A does the same).',
	},
	{
		name: '/register',
		usage: '/register',
		description: 'Make your name an account, with a password (not shown).',
	},
	{
		name: '/help',
		usage: '/help [server]',
		description: 'This help (Esc closes it); /help server: the protocol’s.',
	},
	{
		name: '/quit',
		usage: '/quit',
		description: 'Say goodbye to the server and exit.',
	},
];

export const SLASH_COMMANDS: readonly SlashCommand[] = ENTRIES.map((entry) => ({
	...entry,
	aliases: entry.aliases ?? [],
	takesParameters: entry.usage !== entry.name,
}));

/** The command a word names, by its name or an alias, in any case. */
export function findSlashCommand(word: string): SlashCommand | undefined {
	const lower = word.toLowerCase();
	return SLASH_COMMANDS.find((command) => command.name === lower || command.aliases.includes(lower));
}
