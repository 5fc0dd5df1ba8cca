/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Ink as the frame tests need it: `node` rendered in debug mode (every frame whole) into
 * a FrameSink of `columns` x `rows`, with a fake TTY for stdin; its frames as Ink wrote
 * them, and the root of its tree, for frames read from the tree (dom-frame.ts) to be
 * compared with Ink's own.
 */
import {Box, render, type DOMElement} from 'ink';
import {createRef, type ReactNode} from 'react';
import {FrameSink} from '../../tui/terminal/frame-writer.js';
import {FakeTtyStdin} from './fake-tty-stdin.js';
import {nextTurn} from './next-turn.js';

export async function renderInDebug(node: ReactNode, columns: number, rows: number) {
	const frames: string[] = [];
	const sink = new FrameSink(columns, rows, (chunk) => frames.push(chunk));
	const ref = createRef<DOMElement>();
	const ink = render(<Box ref={ref}>{node}</Box>, {
		stdout: sink as unknown as NodeJS.WriteStream,
		stdin: new FakeTtyStdin() as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	await nextTurn();
	let root = ref.current!;
	while (root.parentNode !== undefined) {
		root = root.parentNode;
	}

	return {frames, root, ink};
}
