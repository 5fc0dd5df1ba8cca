/**
 * Server sentences in the client's words. The server's refusals name protocol commands
 * (`LIST_GROUP shows every group`, `Usage: JOIN_GROUP <name>`), which is right for
 * someone at `nc` and for the lab's clients, whose lines must stay as they are; in the
 * TUI they would send the reader looking for commands they cannot type. So the client
 * swaps in its own command (`/groups`) where it has one, and leaves the rest alone.
 */

/** Protocol commands with a slash command that does the same. */
const CLIENT_COMMANDS: Readonly<Record<string, string>> = {
	LIST_GROUP: '/groups',
	JOIN_GROUP: '/join',
	NEW_GROUP: '/new',
	SET_PASSWORD: '/register',
	SEARCH: '/search',
	LIST: '/list',
	HELP: '/help',
	CLOSE: '/quit',
	DM: '/dm',
};

// A word in capitals where a sentence names it as a command: one with an underscore
// anywhere; any after "Usage:" or "Type", or before a parameter (`<name>`) or "takes";
// never a bare "DM" as in "send a DM to yourself".
const COMMAND_WORD = /(?<=^|[\s(])(?:[A-Z]+_[A-Z_]+|(?<=(?:Usage:|Type) )[A-Z]+|[A-Z]+(?= <| takes ))(?=[\s.,;:)]|$)/g;

export function inClientWords(text: string): string {
	return text.replace(COMMAND_WORD, (word: string) => CLIENT_COMMANDS[word] ?? word);
}
