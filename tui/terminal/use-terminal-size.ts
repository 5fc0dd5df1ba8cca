import {useEffect, useState} from 'react';

export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

/** The parts of Ink's stdout the hook uses: a `tty.WriteStream`, or the fake in tests. */
export interface ResizableStream {
	readonly columns?: number;
	readonly rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

/** What a terminal that does not say its size (a pipe, a dumb client) is assumed to be. */
export const FALLBACK_SIZE: TerminalSize = {columns: 80, rows: 24};

function sizeOf(stream: ResizableStream): TerminalSize {
	return {
		// 0 and undefined both mean "not a terminal that knows its size".
		columns: stream.columns || FALLBACK_SIZE.columns,
		rows: stream.rows || FALLBACK_SIZE.rows,
	};
}

/**
 * The size of the terminal behind `stdout` (pass Ink's `useStdout().stdout`, never
 * `process.stdout`: over SSH each session has its own stream and size), re-rendering
 * when that stream emits 'resize'. Ink itself re-lays out on resize but does not
 * re-render components, so anything sized from the terminal needs this.
 */
export function useTerminalSize(stdout: ResizableStream): TerminalSize {
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const update = () => {
			const next = sizeOf(stdout);
			// Same values, same object: React skips the re-render.
			setSize((current) => (current.columns === next.columns && current.rows === next.rows ? current : next));
		};
		// The terminal may have been resized between the first render and this effect.
		update();
		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);
	return size;
}
