/**
 * `chat` starts node with the flags of bin/node-flags.ts wherever a user starts it: the
 * installed command (the bin's shebang) and `npm start`. They cannot be set later, so a
 * shebang or a script that lost one would quietly run the server without it.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {NODE_FLAGS} from '../../bin/node-flags.js';
import {CHAT_BIN, spawnChat} from '../helpers/chat-process.js';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
	scripts: Record<string, string>;
};

test('the built bin starts node with the flags through its shebang', (t) => {
	const [shebang] = readFileSync(CHAT_BIN, 'utf8').split('\n', 1);
	t.is(shebang, `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
});

test('npm start runs the server with the flags', (t) => {
	t.true(manifest.scripts['start']!.startsWith(`node ${NODE_FLAGS.join(' ')} dist/bin/chat.js serve `));
});

test('the chat command run as a file has the flags in its node (env -S reads the shebang on this system)', async (t) => {
	const dir = mkdtempSync(join(tmpdir(), 'chat-node-flags-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	// Loaded before the bin by NODE_OPTIONS: it reports the flags node was started with.
	const preload = join(dir, 'report-flags.cjs');
	writeFileSync(preload, "process.stderr.write('execArgv=' + JSON.stringify(process.execArgv) + '\\n');\n");
	const chat = spawnChat(t, ['--version'], {direct: true, env: {NODE_OPTIONS: `--require=${preload}`}});
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	const reported = /^execArgv=(.*)$/m.exec(chat.stderr);
	t.truthy(reported, chat.stderr);
	t.deepEqual(JSON.parse(reported![1]!), [...NODE_FLAGS]);
});
