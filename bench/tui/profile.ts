/**
 * CPU profiles of the TUI's two hot paths, a keystroke and an incoming message, taken
 * in-process with the inspector so that start-up and the history preload stay out:
 *
 *   NODE_ENV=production node --import=tsx bench/tui/profile.ts [--history=100] [--count=400] [--dir=/tmp/tui-prof] [--top=30]
 *
 * Writes keystroke.cpuprofile and message.cpuprofile to the folder and prints self
 * time per function and per file for each (bench/profile-summary.ts).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {Session} from 'node:inspector/promises';
import path from 'node:path';
import {formatSummary, summarise} from '../profile-summary.js';
import {letInkDraw} from './let-ink-draw.js';

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const history = Number(value('history') ?? 100);
const count = Number(value('count') ?? 400);
const dir = value('dir') ?? '/tmp/tui-prof';
const top = Number(value('top') ?? 30);

letInkDraw();

const {benchServer} = await import('./scenario.js');
const {RawPeer} = await import('./raw-peer.js');
const {perKeystroke, receiveOne, wardMessage} = await import('./measure.js');
const {startTuiUnderTest} = await import('./tui-under-test.js');

const server = await benchServer();
const tui = await startTuiUnderTest({port: server.port, name: 'reader', columns: 100, rows: 30});
const peer = await RawPeer.connect(server.port, 'sender');
for (let index = 1; index <= history; index++) {
	peer.send(wardMessage('history', index));
}
await receiveOne(tui, peer, wardMessage('history', history + 1));
// Warm up both paths so the profiles show the steady state, not the JIT.
await perKeystroke(tui, 100);
for (let index = 1; index <= 100; index++) {
	await receiveOne(tui, peer, wardMessage('warm', index));
}

const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
await inspector.post('Profiler.setSamplingInterval', {interval: 100});
mkdirSync(dir, {recursive: true});

async function profile(name: string, work: () => Promise<void>): Promise<void> {
	await inspector.post('Profiler.start');
	const cpu = process.cpuUsage();
	await work();
	const used = process.cpuUsage(cpu);
	const {profile: result} = await inspector.post('Profiler.stop');
	const file = path.join(dir, `${name}.cpuprofile`);
	writeFileSync(file, JSON.stringify(result));
	console.log(
		`${name}: ${((used.user + used.system) / count / 1000).toFixed(2)} ms CPU each (whole process, profiler on)`,
	);
	console.log(formatSummary(summarise(file), top));
	console.log('');
}

await profile('keystroke', async () => {
	await perKeystroke(tui, count);
});
await profile('message', async () => {
	for (let index = 1; index <= count; index++) {
		await receiveOne(tui, peer, wardMessage('prof', index));
	}
});

inspector.disconnect();
peer.close();
await tui.stop();
await server.close();
process.exit(0);
