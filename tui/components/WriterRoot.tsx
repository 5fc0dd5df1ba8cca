/**
 * Where the app meets a frame writer: rows go to Ink as the writer's row tokens, and
 * the writer takes each frame from Ink's laid-out tree rather than from Ink's output
 * stage (tui/terminal/row-atlas.ts, tui/terminal/dom-frame.ts). Without a writer it
 * adds nothing but a column box as wide as the screen.
 */
import {Box, type DOMElement} from 'ink';
import {useCallback, useLayoutEffect, useRef, type ReactNode} from 'react';
import type {RowAtlas} from '../terminal/row-atlas.js';
import {FrameNowContext} from './frame-now-context.js';
import {RowAtlasContext} from './row-atlas-context.js';

/** What the app needs of a frame writer (tui/terminal/frame-writer.ts). */
export interface AppFrameWriter {
	readonly atlas: RowAtlas;
	renderFrom(root: DOMElement): () => void;
	frameNow(shift?: number): boolean;
}

export function WriterRoot({writer, children}: {readonly writer?: AppFrameWriter; readonly children: ReactNode}) {
	const box = useRef<DOMElement>(null);
	useLayoutEffect(() => {
		let root = box.current;
		if (writer === undefined || root === null) {
			return;
		}
		while (root.parentNode !== undefined) {
			root = root.parentNode;
		}
		return writer.renderFrom(root);
	}, [writer]);
	const frameNow = useCallback((shift?: number) => writer?.frameNow(shift) ?? false, [writer]);
	return (
		<RowAtlasContext.Provider value={writer?.atlas}>
			<FrameNowContext.Provider value={writer === undefined ? undefined : frameNow}>
				<Box ref={box} flexDirection="column" flexShrink={0}>
					{children}
				</Box>
			</FrameNowContext.Provider>
		</RowAtlasContext.Provider>
	);
}
