import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {readCaFile} from '../../../tui/connection/ca-file.js';
import {makeCertificate} from '../../helpers/tls-cert.js';

test('a PEM certificate file is read', async (t) => {
	const certificate = makeCertificate(t);
	t.deepEqual(readCaFile(certificate.certFile), {ca: certificate.cert});
});

test('a missing file, a directory, a key or junk: one sentence each', async (t) => {
	const certificate = makeCertificate(t);
	const directory = mkdtempSync(join(tmpdir(), 'chat-ca-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const junk = join(directory, 'junk.pem');
	writeFileSync(junk, 'not a certificate\n');
	t.deepEqual(readCaFile(join(directory, 'missing.pem')), {
		problem: `cannot read the --ca file ${join(directory, 'missing.pem')}: no such file.`,
	});
	t.deepEqual(readCaFile(directory), {problem: `cannot read the --ca file ${directory}: it is a directory.`});
	t.deepEqual(readCaFile(certificate.keyFile), {problem: `--ca ${certificate.keyFile} is not a PEM certificate.`});
	t.deepEqual(readCaFile(junk), {problem: `--ca ${junk} is not a PEM certificate.`});
});
