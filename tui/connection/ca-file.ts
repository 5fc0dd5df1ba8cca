/**
 * Reading --ca before the screen opens: a file that is missing, unreadable or not a
 * certificate is one line for the user, never a stack trace and never a client that
 * opens only to fail every connection for a reason it cannot show well.
 */
import {X509Certificate} from 'node:crypto';
import {readFileSync} from 'node:fs';

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
	ENOENT: 'no such file',
	EACCES: 'permission denied',
	EISDIR: 'it is a directory',
};

/** The certificate(s) in a PEM file, or the sentence saying why they cannot be used. */
export function readCaFile(file: string): {readonly ca: Buffer} | {readonly problem: string} {
	let ca: Buffer;
	try {
		ca = readFileSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? '';
		return {problem: `cannot read the --ca file ${file}: ${FILE_PROBLEMS[code] ?? (error as Error).message}.`};
	}

	try {
		// Parses the first certificate: enough to tell a certificate from a key or junk.
		new X509Certificate(ca);
	} catch {
		return {problem: `--ca ${file} is not a PEM certificate.`};
	}

	return {ca};
}
