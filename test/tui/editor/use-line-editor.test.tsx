/** @jsxRuntime automatic @jsxImportSource react */
// test/ is outside tsconfig.json's "include", so tsx does not apply its `jsx` setting here.
import test from 'ava';
import {Writable} from 'node:stream';
import {useRef} from 'react';
import {Text, render} from 'ink';
import {useEditorState} from '../../../tui/editor/editor-store.js';
import {useLineEditor, type LineEditor} from '../../../tui/editor/use-line-editor.js';
import type {AppIntent} from '../../../tui/editor/keymap.js';
import type {EditorAction, EditorState} from '../../../tui/editor/line-editor.js';
import {FakeTtyStdin} from '../../helpers/fake-tty-stdin.js';

class FakeStdout extends Writable {
	readonly columns = 80;
	readonly rows = 24;
	output = '';
	override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
		this.output += chunk.toString();
		done();
	}
}

type IntentHandler = (intent: AppIntent, text: string, dispatch: (action: EditorAction) => void) => boolean | void;

interface Probe {
	stdin: FakeTtyStdin;
	stdout: FakeStdout;
	/** Resolves with the next intent the hook reports. */
	nextIntent(): Promise<{intent: AppIntent; text: string}>;
	/** Resolves once a render shows a line satisfying `matches`. */
	rendered(matches: (state: EditorState) => boolean): Promise<EditorState>;
	renderCount(): number;
	rendersSince(count: number): EditorState[];
	/** Writes one chunk and resolves once the app has read it. */
	send(chunk: string): Promise<void>;
	unmount(): void;
}

function renderProbe(handler: IntentHandler = () => undefined): Probe {
	const stdin = new FakeTtyStdin();
	const stdout = new FakeStdout();
	const stderr = new FakeStdout();
	const intents: Array<{intent: AppIntent; text: string}> = [];
	let intentWaiter: (() => void) | undefined;
	const renders: EditorState[] = [];
	let renderWaiter: (() => void) | undefined;

	function Editor() {
		const editor = useRef<LineEditor | undefined>(undefined);
		editor.current = useLineEditor({
			onIntent: (intent, text) => {
				intents.push({intent, text});
				intentWaiter?.();
				return handler(intent, text, (action) => editor.current!.dispatch(action));
			},
		});
		const state = useEditorState(editor.current.store);
		renders.push(state);
		renderWaiter?.();
		return <Text>[{state.text}]</Text>;
	}

	const instance = render(<Editor />, {
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
	});

	return {
		stdin,
		stdout,
		async nextIntent() {
			while (intents.length === 0) await new Promise<void>((resolve) => (intentWaiter = resolve));
			return intents.shift()!;
		},
		async rendered(matches) {
			for (let seen = 0; ; seen++) {
				const match = renders.slice(seen).find(matches);
				if (match) return match;
				seen = renders.length - 1;
				await new Promise<void>((resolve) => (renderWaiter = resolve));
			}
		},
		renderCount: () => renders.length,
		rendersSince: (count) => renders.slice(count),
		send(chunk) {
			const read = new Promise<void>((resolve) => stdin.once('data', () => resolve()));
			stdin.write(chunk);
			return read;
		},
		unmount: () => instance.unmount(),
	};
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const fiveHundred = Array.from({length: 500}, (_, i) => LETTERS[(i * 7) % LETTERS.length]).join('');

test.serial('a burst in one chunk is applied key by key and submits the right text', async (t) => {
	const probe = renderProbe();
	await probe.rendered(() => true);
	await probe.send('hello world' + '\x1b[D' + '\x7f' + 'X' + '\r');
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: 'hello worXd'});
	const after = await probe.rendered((state) => state.history.length === 1);
	t.is(after.text, '');
	t.deepEqual(after.history, ['hello worXd']);
	probe.unmount();
});

test.serial('a chunk of many keys is rendered as its result only, never key by key', async (t) => {
	const probe = renderProbe();
	await probe.rendered(() => true);
	const before = probe.renderCount();
	// The trailing ESC is flushed by a timer, so its intent arrives after any other
	// work the chunk may have scheduled; by then every render of the chunk has happened.
	await probe.send('one two three\x17\x17\x1b[Dx\x01>\x1b');
	t.deepEqual(await probe.nextIntent(), {intent: 'dismiss', text: '>onex '});
	const since = probe.rendersSince(before);
	t.true(since.length >= 1);
	t.deepEqual(
		since.map((state) => state.text),
		since.map(() => '>onex '),
	);
	probe.unmount();
});

test.serial('several lines in one chunk are submitted separately, in order', async (t) => {
	const probe = renderProbe();
	await probe.send('first\rsecond\r\x1b[A');
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: 'first'});
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: 'second'});
	const recalled = await probe.rendered((state) => state.text !== '');
	t.is(recalled.text, 'second');
	probe.unmount();
});

test.serial('an escape sequence split across chunks is still one key', async (t) => {
	const probe = renderProbe();
	await probe.send('ab\x1b[');
	await probe.send('DX\x1b');
	await probe.send('[3~\r');
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: 'aX'});
	probe.unmount();
});

test.serial('a 500-character bracketed paste in one chunk lands intact', async (t) => {
	const probe = renderProbe();
	await probe.send('\x1b[200~' + fiveHundred + '\x1b[201~\r');
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: fiveHundred});
	probe.unmount();
});

test.serial('a bracketed paste over many chunks with split markers lands intact', async (t) => {
	const probe = renderProbe();
	await probe.send('>\x1b[20');
	await probe.send('0~' + fiveHundred.slice(0, 200));
	await probe.send(fiveHundred.slice(200, 499) + '\x1b[2');
	await probe.send('01');
	await probe.send('~' + fiveHundred.slice(499) + '\r');
	t.deepEqual(await probe.nextIntent(), {
		intent: 'submit',
		text: '>' + fiveHundred.slice(0, 499) + fiveHundred.slice(499),
	});
	probe.unmount();
});

test.serial('a 500-character unbracketed paste in one chunk lands intact', async (t) => {
	const probe = renderProbe();
	await probe.send(fiveHundred);
	await probe.send('\r');
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: fiveHundred});
	probe.unmount();
});

test.serial('a multi-line paste stays in the line instead of sending each line', async (t) => {
	const probe = renderProbe();
	await probe.send('\x1b[200~one\rtwo\x1b[201~');
	const state = await probe.rendered((s) => s.text !== '');
	t.is(state.text, 'one\ntwo');
	await probe.send('\r');
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: 'one\ntwo'});
	probe.unmount();
});

test.serial('a lone ESC becomes Escape once input goes idle', async (t) => {
	const probe = renderProbe();
	await probe.send('\x1b');
	t.deepEqual(await probe.nextIntent(), {intent: 'dismiss', text: ''});
	probe.unmount();
});

test.serial('an edit dispatched from onIntent applies before the rest of the chunk', async (t) => {
	const probe = renderProbe((intent, _text, dispatch) => {
		if (intent === 'complete') dispatch({type: 'replaceWordBeforeCursor', text: '@alice '});
	});
	await probe.send('hi @al\tthere\r');
	t.deepEqual(await probe.nextIntent(), {intent: 'complete', text: 'hi @al'});
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: 'hi @alice there'});
	probe.unmount();
});

test.serial('returning false from submit keeps the line', async (t) => {
	const probe = renderProbe((intent) => (intent === 'submit' ? false : undefined));
	await probe.send('refused\r!');
	t.deepEqual(await probe.nextIntent(), {intent: 'submit', text: 'refused'});
	const state = await probe.rendered((s) => s.text !== '');
	t.is(state.text, 'refused!');
	t.deepEqual(state.history, []);
	probe.unmount();
});

test.serial('the line reaches the screen, and unmount releases stdin and the terminal modes', async (t) => {
	const probe = renderProbe();
	await probe.send('shown 古');
	await probe.rendered((s) => s.text === 'shown 古');
	t.true(probe.stdin.listenerCount('data') > 0);
	probe.unmount();
	t.true(probe.stdout.output.includes('[shown 古]'));
	t.true(probe.stdout.output.includes('\x1b[?2004h'));
	t.true(probe.stdout.output.includes('\x1b[?2004l'));
	t.is(probe.stdin.listenerCount('data'), 0);
	t.deepEqual(probe.stdin.rawModeCalls, [true, false]);
});
