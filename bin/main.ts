/**
 * The `chat` command line. Each subcommand lives in bin/commands/ and is registered here
 * with one line.
 */
import yargs from 'yargs';
import {hideBin} from 'yargs/helpers';
import {serveCommand} from './commands/serve.js';
import {tuiCommand} from './commands/tui.js';
import {userCommand} from './commands/user.js';
import {packageVersion} from './version.js';

await yargs(hideBin(process.argv))
	.scriptName('chat')
	.usage('$0 <command> [options]')
	.command(serveCommand)
	.command(tuiCommand)
	.command(userCommand)
	.demandCommand(1, 'Name a command: chat serve. chat --help lists them.')
	.strict()
	.version(packageVersion())
	.help()
	.alias('help', 'h')
	.parseAsync();
