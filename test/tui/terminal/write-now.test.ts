import test from 'ava';
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {writeNow} from '../../../tui/terminal/write-now.js';

function tempFile(t: {teardown(fn: () => void): void}) {
	const dir = mkdtempSync(join(tmpdir(), 'write-now-'));
	const path = join(dir, 'out');
	const fd = openSync(path, 'w');
	t.teardown(() => {
		closeSync(fd);
		rmSync(dir, {recursive: true});
	});
	return {fd, read: () => readFileSync(path, 'utf8')};
}

test('with a file descriptor and nothing queued, the bytes are on the descriptor when it returns', (t) => {
	const file = tempFile(t);
	const streamWrites: unknown[] = [];
	writeNow({fd: file.fd, writableLength: 0, write: (chunk) => streamWrites.push(chunk)}, '\x1b[?1049l');
	t.is(file.read(), '\x1b[?1049l');
	t.deepEqual(streamWrites, []);
});

test('with data already queued in the stream, it goes through the stream to keep the order', (t) => {
	const file = tempFile(t);
	const streamWrites: unknown[] = [];
	writeNow({fd: file.fd, writableLength: 12, write: (chunk) => streamWrites.push(chunk)}, 'after');
	t.is(file.read(), '');
	t.deepEqual(streamWrites, ['after']);
});

test('without a file descriptor (an SSH channel), it goes through the stream', (t) => {
	const streamWrites: unknown[] = [];
	writeNow({write: (chunk) => streamWrites.push(chunk)}, 'x');
	t.deepEqual(streamWrites, ['x']);
});

test('a destroyed or ended stream is skipped', (t) => {
	const streamWrites: unknown[] = [];
	writeNow({destroyed: true, write: (chunk) => streamWrites.push(chunk)}, 'x');
	writeNow({writable: false, write: (chunk) => streamWrites.push(chunk)}, 'x');
	t.deepEqual(streamWrites, []);
});

test('a descriptor that fails (a hung-up terminal) is given up on without throwing', (t) => {
	const streamWrites: unknown[] = [];
	t.notThrows(() => writeNow({fd: 987_654, writableLength: 0, write: (chunk) => streamWrites.push(chunk)}, 'x'));
	t.deepEqual(streamWrites, []);
});
