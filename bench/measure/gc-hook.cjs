/**
 * Preloaded into a server under test by the idle suite (`node --require <this> ...`):
 * on SIGUSR2, asks V8 through the inspector to collect all garbage and give back what
 * it can (HeapProfiler.collectGarbage is V8's LowMemoryNotification: full collections,
 * and the young generation shrunk), then says so on stderr. RSS read after that is what
 * the server really holds, not what V8 happened not to have given back yet.
 * Bench-only: `chat serve` itself never loads it.
 */
'use strict';
const inspector = require('node:inspector');

let count = 0;
process.on('SIGUSR2', () => {
	const session = new inspector.Session();
	session.connect();
	// One message at a time, each from a fresh tick: posting from inside a reply callback can hang the session.
	const post = (method) =>
		new Promise((resolve, reject) => session.post(method, (error) => (error ? reject(error) : resolve())));
	(async () => {
		await post('HeapProfiler.enable');
		await post('HeapProfiler.collectGarbage');
		await post('HeapProfiler.disable');
	})().then(
		() => {
			session.disconnect();
			process.stderr.write(`bench-gc done ${++count}\n`);
		},
		(error) => {
			session.disconnect();
			process.stderr.write(`bench-gc failed ${error}\n`);
		},
	);
});
