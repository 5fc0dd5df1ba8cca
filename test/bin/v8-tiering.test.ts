/**
 * Every `chat` process runs with the lowered tier-up budget (bin/v8-tiering.ts). V8
 * ignores a flag it does not know without a word, so a renamed flag in a later Node would
 * silently undo it: this asks V8 itself, inside the real bin, whether a function that ran
 * a few thousand times has been optimised, and asks the same of a plain node as a control.
 */
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {CHAT_BIN} from '../helpers/chat-process.js';
import {runProcess} from '../helpers/test-process.js';

const PROBE = fileURLToPath(new URL('../helpers/fixtures/tier-probe.ts', import.meta.url));

/** Runs node with the probe preloaded and `args` after it; the probe's verdict. */
async function optimisedBy(t: ExecutionContext, args: readonly string[]): Promise<boolean> {
	const run = await runProcess(t, process.execPath, [
		'--allow-natives-syntax',
		'--no-concurrent-recompilation',
		'--import=tsx',
		`--import=${PROBE}`,
		...args,
	]);
	t.is(run.code, 0, run.stderr);
	const verdict = /tier-probe: turbofanned=(true|false)/.exec(run.stderr)?.[1];
	t.truthy(verdict, run.stderr);
	return verdict === 'true';
}

test('the chat bin lowers the tier-up budget: the probe is optimised', async (t) => {
	t.true(await optimisedBy(t, [CHAT_BIN, '--version']));
});

test("node's default budget does not optimise the probe as soon (the control)", async (t) => {
	t.false(await optimisedBy(t, ['--eval', '']));
});
