/**
 * The README's commands are what a newcomer types first: they must work in a clone as
 * they are written.
 */
import test from 'ava';
import {readFileSync} from 'node:fs';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const shellLines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.split('\n'));

test('the README opens with the install-and-serve command and the test command', (t) => {
	t.regex(shellLines[0]!, /^npm ci && npm start\s+#/);
	t.regex(shellLines[1]!, /^npm test\s+#/);
});

// npx in a clone installs a copy of the project into the npm cache and builds it before
// running (tens of seconds with an empty cache): the README runs `chat` through the link.
test('no command in the README runs chat through npx, and it says once how chat gets on the PATH', (t) => {
	t.deepEqual(
		shellLines.filter((line) => /\bnpx chat\b/.test(line)),
		[],
	);
	t.regex(README, /`npm link` once puts the `chat` command on your PATH/);
});
