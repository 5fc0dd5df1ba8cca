/**
 * The frame writer's `frameNow`, when there is a writer: the history pane paints a
 * message's rows into its atlas slots without React and asks for the frame with it
 * (chat-store.ts, HistoryPane.tsx). Without a writer rows go to Ink as text, and only a
 * React commit shows them.
 */
import {createContext, useContext} from 'react';

/** Draws the frame now; `shift`: how many rows up the painted rows moved (frame-writer.ts). */
export type FrameNow = (shift?: number) => boolean;

export const FrameNowContext = createContext<FrameNow | undefined>(undefined);

export function useFrameNow(): FrameNow | undefined {
	return useContext(FrameNowContext);
}
