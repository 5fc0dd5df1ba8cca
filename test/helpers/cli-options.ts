/**
 * The options every `chat` command declares, read from the command definitions
 * themselves (the CommandModules of bin/commands/): their yargs builders run against a
 * recorder that notes each option and subcommand and ignores everything else. A test
 * that walks this list covers an option the day it is added.
 *
 * The modules are imported here, not found at run time, because ava wants its tests
 * declared synchronously; commandModulesIn() finds them, for a test that the two agree.
 */
import {readdirSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {CommandModule, Options} from 'yargs';
import {auditCommand} from '../../bin/commands/audit.js';
import {demoClusterCommand} from '../../bin/commands/demo-cluster.js';
import {serveCommand} from '../../bin/commands/serve.js';
import {tuiCommand} from '../../bin/commands/tui.js';
import {userCommand} from '../../bin/commands/user.js';

const COMMANDS_DIR = fileURLToPath(new URL('../../bin/commands/', import.meta.url));

/** Every command `chat` has. */
export const COMMAND_MODULES: readonly CommandModule[] = [
	serveCommand,
	tuiCommand,
	userCommand,
	auditCommand,
	demoClusterCommand,
] as unknown as CommandModule[];

export interface DeclaredOption {
	/** The command words before the option: `serve`, `audit export`. */
	readonly command: string;
	readonly name: string;
	readonly options: Options;
	/** Declared on a parent command (`user`'s --data-dir as seen from `user list`). */
	readonly inherited: boolean;
}

interface CommandNode {
	readonly words: string[];
	/** Whether the command takes a positional it cannot run without (`add <name>`). */
	readonly needsPositional: boolean;
	readonly own: Array<[string, Options]>;
	readonly children: CommandNode[];
}

type Builder = CommandModule['builder'];

/** A stand-in for yargs' Argv: `option` and `command` are recorded, every other call is chained and ignored. */
function record(words: string[], needsPositional: boolean, builder: Builder): CommandNode {
	const node: CommandNode = {words, needsPositional, own: [], children: []};
	const argv: object = new Proxy(
		{},
		{
			get(_target, property) {
				if (property === 'option') {
					return (name: string, options: Options) => {
						node.own.push([name, options]);
						return argv;
					};
				}

				if (property === 'command') {
					return (...args: unknown[]) => {
						node.children.push(subcommand(words, args));
						return argv;
					};
				}

				return typeof property === 'string' ? () => argv : undefined;
			},
		},
	);
	if (typeof builder === 'function') {
		builder(argv as never);
	} else if (builder) {
		node.own.push(...Object.entries(builder));
	}

	return node;
}

/** `.command(module)` or `.command('name <positional>', describe, builder, handler)`. */
function subcommand(parent: string[], args: unknown[]): CommandNode {
	const module = (typeof args[0] === 'object' ? args[0] : {command: args[0], builder: args[2]}) as CommandModule;
	const spec = [module.command].flat()[0]!;
	return record([...parent, spec.split(' ')[0]!], spec.includes('<'), module.builder);
}

/** Every CommandModule exported by a file of bin/commands/. */
export async function commandModulesIn(): Promise<CommandModule[]> {
	const modules: CommandModule[] = [];
	for (const file of readdirSync(COMMANDS_DIR)
		.filter((name) => name.endsWith('.ts'))
		.sort()) {
		const exports = (await import(pathToFileURL(COMMANDS_DIR + file).href)) as Record<string, unknown>;
		for (const value of Object.values(exports)) {
			if (typeof value === 'object' && value !== null && 'command' in value && 'builder' in value) {
				modules.push(value as CommandModule);
			}
		}
	}

	return modules;
}

/**
 * Every option of every command, with the command it can be given to as it is: where
 * it is declared, and every subcommand below that needs no positional.
 */
export function declaredOptions(): DeclaredOption[] {
	const declared: DeclaredOption[] = [];
	const walk = (node: CommandNode, inherited: Array<[string, Options]>) => {
		const command = node.words.join(' ');
		for (const [name, options] of node.own) {
			declared.push({command, name, options, inherited: false});
		}

		if (!node.needsPositional) {
			for (const [name, options] of inherited) {
				declared.push({command, name, options, inherited: true});
			}
		}

		for (const child of node.children) {
			walk(child, [...inherited, ...node.own]);
		}
	};

	for (const module of COMMAND_MODULES) {
		walk(subcommand([], [module]), []);
	}

	return declared;
}

/** Whether the option takes a value (anything but a boolean or a count). */
export function takesValue(options: Options): boolean {
	return options.type !== 'boolean' && options.type !== 'count' && options.boolean !== true && options.count !== true;
}
