/**
 * The SSH host key: made once in the data directory (0600, OpenSSH format, which ssh2
 * reads) and the same key on every later start; the operator's own file; refusals that
 * say what is wrong.
 */
import {execFileSync} from 'node:child_process';
import {statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import ssh2 from 'ssh2';
import {dataDirHostKey, generateOpenSshKey, HOST_KEY_FILE, readHostKey} from '../../server/ssh/host-key.js';
import {tempDir} from '../helpers/store.js';

test('made on first use with mode 0600, the same on every later use; its fingerprint is what ssh-keygen says', (t) => {
	const dir = tempDir(t);
	const first = dataDirHostKey(dir);
	const file = join(dir, HOST_KEY_FILE);
	t.is(first.file, file);
	t.is(statSync(file).mode & 0o777, 0o600);
	const again = dataDirHostKey(dir);
	t.is(again.privateKey, first.privateKey);
	t.is(again.fingerprint, first.fingerprint);
	const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], {encoding: 'utf8'});
	t.is(printed.split(' ')[1], first.fingerprint);
});

test('every generated key is one ssh2 can read back (ssh2 alone gets about one in 200 wrong)', (t) => {
	for (let index = 0; index < 400; index++) {
		t.false(ssh2.utils.parseKey(generateOpenSshKey()) instanceof Error);
	}
});

test("the operator's key file is used as it is; a missing file, a public key or garbage is refused with a sentence", (t) => {
	const dir = tempDir(t);
	const file = join(dir, 'key');
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
	t.is(readHostKey(file).file, file);
	t.throws(() => readHostKey(join(dir, 'missing')), {
		name: 'HostKeyError',
		message: /^cannot read the SSH host key .+missing: ENOENT/,
	});
	t.throws(() => readHostKey(`${file}.pub`), {
		name: 'HostKeyError',
		message: /is not an unencrypted SSH private key ssh2 can read \(it is a public key\)\.$/,
	});
	writeFileSync(join(dir, 'junk'), 'not a key\n');
	t.throws(() => readHostKey(join(dir, 'junk')), {
		name: 'HostKeyError',
		message: /junk is not an unencrypted SSH private key ssh2 can read/,
	});
});
