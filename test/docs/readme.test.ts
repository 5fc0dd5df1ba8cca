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

// One way onto the PATH, said once: the README's commands run `chat` through the link
// (npx in a clone works too, without rebuilding; the README says so in prose).
test('no command in the README runs chat through npx, and it says once how chat gets on the PATH', (t) => {
	t.deepEqual(
		shellLines.filter((line) => /\bnpx chat\b/.test(line)),
		[],
	);
	t.regex(README, /`npm link` once puts the `chat` command on your PATH/);
});
