import {readFileSync} from 'node:fs';
import test from 'ava';
import {HANG_MS} from './hang.js';

test("helpers wait for something as long as ava waits for a test: HANG_MS is ava's timeout", (t) => {
	const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
		ava: {timeout: string};
	};
	const seconds = /^(\d+)s$/.exec(manifest.ava.timeout)?.[1];
	t.truthy(seconds, `ava's timeout is in seconds: ${manifest.ava.timeout}`);
	t.is(HANG_MS, Number(seconds) * 1000);
});
