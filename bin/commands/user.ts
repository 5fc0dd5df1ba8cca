/**
 * `chat user add|passwd|del|list|add-key|keys|del-key`: the operator's account commands. They work on the
 * data directory's database directly, with the server stopped or running (it is in WAL
 * mode and the server holds no write lock between turns); a running server reads an
 * account at each login, so a change counts from the next login.
 */
import type {Argv, CommandModule} from 'yargs';
import {checkName, DEFAULT_GROUP, passwordProblem} from '../../protocol/index.js';
import type {AuditEvent} from '../../server/chat/audit.js';
import type {Store} from '../../server/chat/store.js';
import {MEMORY} from '../../server/store/data-dir.js';
import {readSecrets} from '../read-secret.js';
import {DATA_DIR_OPTION} from './data-dir-option.js';

interface UserArguments {
	readonly 'data-dir': string | undefined;
}

interface NamedArguments extends UserArguments {
	readonly name: string;
}

interface KeyFileArguments extends NamedArguments {
	/** A public key file, or - for stdin. */
	readonly file: string;
}

interface FingerprintArguments extends NamedArguments {
	readonly fingerprint: string;
}

/** A refusal: printed as `chat: <message>`, exit 1. */
class UserCommandError extends Error {}

/** Opens the store for the command, runs it, and turns every refusal into one line and exit 1. */
async function run(argv: UserArguments, action: (store: Store) => Promise<string> | string): Promise<void> {
	try {
		if (argv['data-dir'] === MEMORY) {
			throw new UserCommandError(`chat user needs a data directory: ${MEMORY} keeps nothing.`);
		}

		// SQLite loads here, not with the command line: `chat tui` does not need it.
		const {openStore} = await import('../../server/store/open-store.js');
		const store = openStore(argv['data-dir'], 'operator');
		try {
			const said = await action(store);
			store.flush();
			process.stdout.write(`${said}\n`);
		} finally {
			store.close();
		}
	} catch (error) {
		// Refusals, store errors and a cancelled prompt are sentences already; anything else is shown as it is.
		process.stderr.write(`chat: ${error instanceof Error ? error.message : String(error)}\n`);

		process.exitCode = 1;
	}
}

/** In the change's transaction: flush() commits both, or neither. */
function audit(store: Store, event: AuditEvent): void {
	store.audit(event, new Date().toISOString());
}

function validName(name: string): string {
	const problem = checkName('user', name);
	if (problem) {
		throw new UserCommandError(problem.message);
	}

	return name;
}

/** The new password: asked twice on a terminal, one line from a pipe. */
async function newPasswordHash(name: string): Promise<string> {
	const terminal = process.stdin.isTTY === true;
	const prompts = terminal ? [`New password for ${name}: `, 'The same again: '] : ['password'];
	const [password, again] = await readSecrets(process.stdin, process.stderr, prompts);
	if (terminal && password !== again) {
		throw new UserCommandError('the two passwords differ; nothing was changed.');
	}

	const problem = passwordProblem(password!);
	if (problem) {
		throw new UserCommandError(problem);
	}

	const {hashPassword} = await import('../../server/accounts/password.js');
	return hashPassword(password!);
}

async function add(argv: NamedArguments): Promise<void> {
	await run(argv, async (store) => {
		const name = validName(argv.name);
		if (store.account(name)) {
			throw new UserCommandError(`${name} is an account already (chat user passwd ${name} changes its password).`);
		}

		const passwordHash = await newPasswordHash(name);
		// Checked again by the insert: the server may have made it meanwhile (SET_PASSWORD).
		if (!store.createAccount({name, passwordHash, group: DEFAULT_GROUP})) {
			throw new UserCommandError(`${name} is an account already (chat user passwd ${name} changes its password).`);
		}

		audit(store, {kind: 'account_created', user: name, by: 'operator'});

		return `${name} is an account now: log in with SET_NAME ${name} <password>.`;
	});
}

async function passwd(argv: NamedArguments): Promise<void> {
	await run(argv, async (store) => {
		const account = store.account(validName(argv.name));
		if (!account) {
			throw new UserCommandError(`there is no account named ${argv.name}.`);
		}

		const passwordHash = await newPasswordHash(account.name);
		if (!store.setPasswordHash(account.name, passwordHash)) {
			throw new UserCommandError(`there is no account named ${argv.name} any more.`);
		}

		audit(store, {kind: 'password_changed', user: account.name, by: 'operator'});

		return `The password of ${account.name} is changed; it counts from the next login.`;
	});
}

async function del(argv: NamedArguments): Promise<void> {
	await run(argv, (store) => {
		const account = store.account(validName(argv.name));
		if (!account || !store.deleteAccount(account.name)) {
			throw new UserCommandError(`there is no account named ${argv.name}.`);
		}

		audit(store, {kind: 'account_deleted', user: account.name, by: 'operator'});

		return `${account.name} is no longer an account; its messages stay in the others' history.`;
	});
}

async function list(argv: UserArguments): Promise<void> {
	await run(argv, (store) => {
		const accounts = store.accounts();
		if (accounts.length === 0) {
			return 'No accounts.';
		}

		const rows = [
			['NAME', 'GROUP', 'CREATED'],
			...accounts.map((account) => [account.name, account.group, account.created]),
		];
		const width = (column: number) => Math.max(...rows.map((row) => length(row[column]!)));
		const [names, groups] = [width(0), width(1)];
		return rows.map(([name, group, created]) => `${pad(name!, names)}  ${pad(group!, groups)}  ${created}`).join('\n');
	});
}

/** The account, or the refusal every key command gives for a name that is none. */
function existingAccount(store: Store, name: string) {
	const account = store.account(validName(name));
	if (!account) {
		throw new UserCommandError(`there is no account named ${name}.`);
	}

	return account;
}

/** yargs hands a lone `-` over as an empty string. */
function keyFileName(file: string): string {
	return file === '' ? '-' : file;
}

async function readKeyText(file: string): Promise<string> {
	if (file === '-') {
		const chunks: Buffer[] = [];
		for await (const chunk of process.stdin) {
			chunks.push(chunk as Buffer);
		}

		return Buffer.concat(chunks).toString('utf8');
	}

	const {readFile} = await import('node:fs/promises');
	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		throw new UserCommandError(`cannot read ${file}: ${(error as Error).message}`);
	}
}

async function addKey(argv: KeyFileArguments): Promise<void> {
	await run(argv, async (store) => {
		const account = existingAccount(store, argv.name);
		// ssh2 loads here: only the key commands need it.
		const {parsePublicKey, PublicKeyError} = await import('../../server/ssh/public-key.js');
		const file = keyFileName(argv.file);
		let key;
		try {
			key = parsePublicKey(await readKeyText(file));
		} catch (error) {
			throw error instanceof PublicKeyError ? new UserCommandError(`${file}: ${error.message}`) : error;
		}

		const holder = store.accountKey(key.fingerprint);
		if (holder) {
			throw new UserCommandError(
				`the key ${key.fingerprint} already logs in to ${holder.account}` +
					(holder.account === account.name
						? '.'
						: ` (chat user del-key ${holder.account} ${key.fingerprint} frees it).`),
			);
		}

		if (!store.addAccountKey(account.name, key.fingerprint, key.authorized)) {
			throw new UserCommandError(`the key ${key.fingerprint} was added meanwhile, or ${argv.name} deleted.`);
		}

		audit(store, {kind: 'key_added', user: account.name, key: key.fingerprint, by: 'operator'});
		return `The ${key.type} key ${key.fingerprint} now logs in to ${account.name} over SSH.`;
	});
}

async function keys(argv: NamedArguments): Promise<void> {
	await run(argv, (store) => {
		const account = existingAccount(store, argv.name);
		const held = store.accountKeys(account.name);
		if (held.length === 0) {
			return `${account.name} has no SSH keys (chat user add-key ${account.name} FILE adds one).`;
		}

		return held.map((key) => `${key.fingerprint}  ${key.publicKey.split(' ')[0]}  ${key.added}`).join('\n');
	});
}

async function delKey(argv: FingerprintArguments): Promise<void> {
	await run(argv, (store) => {
		const account = existingAccount(store, argv.name);
		if (!store.deleteAccountKey(account.name, argv.fingerprint)) {
			throw new UserCommandError(
				`${account.name} has no key ${argv.fingerprint} (chat user keys ${account.name} lists them).`,
			);
		}

		audit(store, {kind: 'key_deleted', user: account.name, key: argv.fingerprint, by: 'operator'});
		return `The key ${argv.fingerprint} no longer logs in to ${account.name}; SSH sessions it opened go on until they end.`;
	});
}

/** Names are letters of any script: count code points, not UTF-16 units. */
function length(text: string): number {
	return [...text].length;
}

function pad(text: string, width: number): string {
	return text + ' '.repeat(width - length(text));
}

function named(yargs: Argv<UserArguments>): Argv<NamedArguments> {
	return yargs.positional('name', {type: 'string', demandOption: true, describe: 'The account name'});
}

function builder(yargs: Argv): Argv<UserArguments> {
	return yargs
		.option('data-dir', DATA_DIR_OPTION)
		.command<NamedArguments>(
			'add <name>',
			'Make NAME an account: asks for the password twice without echo, or reads one line from stdin',
			named,
			add,
		)
		.command<NamedArguments>('passwd <name>', "Change an account's password (asked as for add)", named, passwd)
		.command<NamedArguments>('del <name>', "Delete an account (its messages stay in the others' history)", named, del)
		.command<UserArguments>('list', 'List the accounts: name, group, when made', (command) => command, list)
		.command<KeyFileArguments>(
			'add-key <name> <file>',
			'Let an SSH public key (a .pub file, or - for stdin) log in to the account: chat serve --ssh-port',
			(command) =>
				named(command).positional('file', {type: 'string', demandOption: true, describe: 'The public key file, or -'}),
			addKey,
		)
		.command<NamedArguments>('keys <name>', "List an account's SSH keys: fingerprint, type, when added", named, keys)
		.command<FingerprintArguments>(
			'del-key <name> <fingerprint>',
			'Stop an SSH key (SHA256:..., as chat user keys shows it) logging in to the account',
			(command) =>
				named(command).positional('fingerprint', {type: 'string', demandOption: true, describe: 'SHA256:...'}),
			delKey,
		)
		.demandCommand(1, 'Name a user command: add, passwd, del, list, add-key, keys or del-key.');
}

export const userCommand: CommandModule<object, UserArguments> = {
	command: 'user',
	describe: 'Manage accounts (works with chat serve stopped or running)',
	builder,
	handler: () => {},
};
