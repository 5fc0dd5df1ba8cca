/**
 * docs/screenshots.ts, run as `npm run docs:screens` runs it but on a copy of
 * docs/TUI.md with its screens blanked: every region is filled again with a real
 * capture, and nothing outside the regions changes.
 */
import test from 'ava';
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {fillRegions, PICTURES, pictureFile, SCREENS} from '../../docs/screenshots.js';

const SCRIPT = fileURLToPath(new URL('../../docs/screenshots.ts', import.meta.url));
const DOC = fileURLToPath(new URL('../../docs/TUI.md', import.meta.url));

const regionPattern = (name: string) =>
	new RegExp(`<!-- screen:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\\n?\`\`\`\\n<!-- /screen:${name} -->`);

test('the screenshot script fills every screen region of the document, and only those', async (t) => {
	t.timeout(90_000);
	const directory = mkdtempSync(join(tmpdir(), 'chat-screens-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const file = join(directory, 'TUI.md');
	const blank = fillRegions(readFileSync(DOC, 'utf8'), Object.fromEntries(SCREENS.map((name) => [name, ''])));
	writeFileSync(file, blank);

	const child = spawn(process.execPath, ['--import=tsx', SCRIPT, `--doc=${file}`, `--pictures=${directory}`], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {...process.env, CI: 'false'},
	});
	// The script stops what it started on SIGTERM; SIGKILL only if it does not end.
	t.teardown(() => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			process.kill(child.pid, 'SIGTERM');
		}
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	t.is(code, 0, output);

	const filled = readFileSync(file, 'utf8');
	const screens: Record<string, string> = {};
	for (const name of SCREENS) {
		const screen = regionPattern(name).exec(filled)?.[1] ?? '';
		screens[name] = screen;
		const status =
			name === 'notice' ? /^ DM from carol {2}Family of bed 12/ : /^ (online|connected) │ 127\.0\.0\.1:\d+ │/;
		t.regex(screen.split('\n').at(-1)!, status, name);
	}

	t.regex(screens['main']!, /GROUPS[\s\S]*\d\d:\d\d <carol> Morning all\./);
	t.regex(screens['dm']!, /^ @carol · direct messages/);
	t.is(screens['narrow']!.split('\n').length, 20);
	t.regex(screens['name']!, /Type the name others will know you by/);
	t.regex(screens['help']!, /^ Help · Esc closes/);
	t.is(screens['help']!.split('\n').length, 24);
	// Last night's messages, the rule with today's full date, the morning's first.
	t.regex(
		screens['day']!,
		/<erin> Handing over[\s\S]*───── \w+day \d{1,2} \w+ \d{4} ─+[\s\S]*\d\d:\d\d <carol> Morning\./,
	);

	// The pictures: SVG drawn from colour captures of the same panes, in colour.
	for (const name of PICTURES) {
		const svg = readFileSync(pictureFile(directory, name), 'utf8');
		t.regex(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /, name);
		t.regex(svg, /<\/svg>\n$/, name);
		const colours = new Set([...svg.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((match) => match[1]));
		t.true(colours.size >= 4, `${name}: colours ${[...colours].join(' ')}`);
		t.regex(svg, /> online</, `${name}: the status line`);
	}

	t.regex(readFileSync(pictureFile(directory, 'main'), 'utf8'), /Morning all\./);
	t.regex(readFileSync(pictureFile(directory, 'day'), 'utf8'), /\w+day \d{1,2} \w+ \d{4}/);
	// Blank the regions again: what is left is the document as it was.
	t.is(fillRegions(filled, Object.fromEntries(SCREENS.map((name) => [name, '']))), blank);
});
