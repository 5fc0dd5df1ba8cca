/**
 * Where the input line's caret is, for the real terminal cursor (IME windows and
 * screen magnifiers follow it). With a frame writer the position goes to the writer;
 * when Ink draws to the terminal itself, Ink's own cursor support places it.
 */
import {useCursor} from 'ink';
import {createContext, useContext, useInsertionEffect} from 'react';

export interface CaretPosition {
	/** Screen row, from 0. */
	readonly row: number;
	/** Screen column, from 0. */
	readonly column: number;
}

export type CaretReporter = (position: CaretPosition | undefined) => void;

export const CaretContext = createContext<CaretReporter | undefined>(undefined);

export function useCaret(position: CaretPosition | undefined): void {
	const report = useContext(CaretContext);
	const {setCursorPosition} = useCursor();
	if (!report) {
		setCursorPosition(position === undefined ? undefined : {x: position.column, y: position.row});
	}

	const row = position?.row;
	const column = position?.column;
	// Before the commit's frame is drawn, as Ink's own useCursor does, so the frame and
	// the cursor move go out together.
	useInsertionEffect(() => {
		report?.(row === undefined || column === undefined ? undefined : {row, column});
	}, [report, row, column]);
}
