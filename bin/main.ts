/**
 * The `chat` command line. Each subcommand lives in bin/commands/ and is registered here
 * with one line.
 */
import yargs, {type CommandModule} from 'yargs';
import {hideBin} from 'yargs/helpers';
import {auditCommand} from './commands/audit.js';
import {demoClusterCommand} from './commands/demo-cluster.js';
import {serveCommand} from './commands/serve.js';
import {tuiCommand} from './commands/tui.js';
import {userCommand} from './commands/user.js';
import {packageVersion} from './version.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
const COMMANDS: ReadonlyArray<CommandModule<object, any>> = [
	serveCommand,
	tuiCommand,
	userCommand,
	auditCommand,
	demoClusterCommand,
];

/** What plain `chat` says: every command on a line of its own, with what it is for. */
function commandList(): string {
	const width = Math.max(...COMMANDS.map((command) => String(command.command).length));
	const lines = COMMANDS.map(
		(command) => `  chat ${String(command.command).padEnd(width)}  ${String(command.describe)}`,
	);
	return ['chat: name a command:', ...lines, 'chat <command> --help lists its options.'].join('\n');
}

let cli = yargs(hideBin(process.argv)).scriptName('chat').usage('$0 <command> [options]');
for (const command of COMMANDS) {
	cli = cli.command(command);
}

await cli
	.demandCommand(1, commandList())
	.strict()
	.version(packageVersion())
	.help()
	.alias('help', 'h')
	// A bad flag gets one line that says what is wrong, not the whole help above it;
	// the help is for --help.
	.fail((message, error) => {
		if (error && !message) {
			throw error;
		}

		// yargs names an option left without its value bare; say it the way it was typed.
		const text = (message ?? String(error)).replace(/^Not enough arguments following: (\S+)$/, '--$1 needs a value.');
		process.stderr.write(text.startsWith('chat: ') ? `${text}\n` : `chat: ${text}\n`);
		process.exit(1);
	})
	.parseAsync();
