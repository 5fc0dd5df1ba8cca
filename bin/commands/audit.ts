/**
 * `chat audit verify|export`: the audit trail of a data directory, read-only, with the
 * server running or stopped. verify exits 0 when the chain holds and 1 when it breaks
 * (the line says where and why); export writes JSON lines to stdout.
 */
import type {Argv, CommandModule} from 'yargs';
import type {AuditDatabase} from '../../server/audit/audit-database.js';
import {MEMORY} from '../../server/store/data-dir.js';
import {DATA_DIR_OPTION} from './data-dir-option.js';

interface AuditArguments {
	readonly 'data-dir': string | undefined;
}

interface ExportArguments extends AuditArguments {
	readonly since: string | undefined;
	readonly user: string | undefined;
}

/** A refusal: printed as `chat: <message>`, exit 1. */
class AuditCommandError extends Error {}

async function run(argv: AuditArguments, action: (database: AuditDatabase) => void): Promise<void> {
	try {
		if (argv['data-dir'] === MEMORY) {
			throw new AuditCommandError(`chat audit needs a data directory: ${MEMORY} keeps nothing.`);
		}

		// SQLite loads here, not with the command line: `chat tui` does not need it.
		const {openAuditDatabase} = await import('../../server/audit/audit-database.js');
		const database = openAuditDatabase(argv['data-dir']);
		try {
			action(database);
		} finally {
			database.db.close();
		}
	} catch (error) {
		process.stderr.write(`chat: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	}
}

async function verify(argv: AuditArguments): Promise<void> {
	const {loadAuditKey, keyFingerprint, publicKeyOf, AUDIT_KEY_FILE} = await import('../../server/audit/signing-key.js');
	const {verifyAudit, describeVerdict} = await import('../../server/audit/verify.js');
	await run(argv, ({dir, db}) => {
		let publicKey;
		try {
			publicKey = publicKeyOf(loadAuditKey(dir));
		} catch (error) {
			const why =
				(error as {code?: string}).code === 'ENOENT'
					? 'there is none (the first chat serve on the directory makes it); checkpoints cannot be checked without it.'
					: `${error instanceof Error ? error.message : String(error)}.`;
			throw new AuditCommandError(`cannot read the audit key ${dir}/${AUDIT_KEY_FILE}: ${why}`);
		}

		const verdict = verifyAudit(db, publicKey);
		process.stdout.write(`${describeVerdict(verdict, keyFingerprint(publicKey))}\n`);
		if (!verdict.ok) {
			process.exitCode = 1;
		}
	});
}

async function exportLines(argv: ExportArguments): Promise<void> {
	const since = argv.since === undefined ? undefined : new Date(argv.since);
	if (since !== undefined && Number.isNaN(since.getTime())) {
		process.stderr.write(`chat: --since ${argv.since} is not a time (say 2026-12-01 or 2026-12-01T08:00:00Z).\n`);
		process.exitCode = 1;
		return;
	}

	const {exportAudit} = await import('../../server/audit/export.js');
	await run(argv, ({db}) => {
		for (const line of exportAudit(db, {since: since?.toISOString(), user: argv.user})) {
			process.stdout.write(`${line}\n`);
		}
	});
}

function builder(yargs: Argv): Argv<AuditArguments> {
	return yargs
		.option('data-dir', DATA_DIR_OPTION)
		.command<AuditArguments>(
			'verify',
			'Walk the audit chain and its signed checkpoints: OK with the count and head, or where it breaks and why',
			(command) => command,
			verify,
		)
		.command<ExportArguments>(
			'export',
			'Write the audit trail as JSON lines, oldest first',
			(command) =>
				command
					.option('since', {
						type: 'string',
						requiresArg: true,
						describe: 'Only entries at or after this time (ISO 8601, e.g. 2026-12-01)',
					})
					.option('user', {
						type: 'string',
						requiresArg: true,
						describe: 'Only entries naming this user (as user, sender or recipient)',
					}),
			exportLines,
		)
		.demandCommand(1, 'Name an audit command: verify or export.');
}

export const auditCommand: CommandModule<object, AuditArguments> = {
	command: 'audit',
	describe: 'Verify or export the audit trail (works with chat serve stopped or running)',
	builder,
	handler: () => {},
};
