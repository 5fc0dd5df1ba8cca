/**
 * The frame writer's row atlas, when there is one: rows are then handed to Ink as
 * tokens the writer reads back as cells (tui/terminal/row-atlas.ts). Without one (Ink
 * drawing to the terminal itself, tests rendering with Ink alone) rows go as text.
 */
import {createContext, useContext} from 'react';
import type {RowAtlas} from '../terminal/row-atlas.js';

export const RowAtlasContext = createContext<RowAtlas | undefined>(undefined);

export function useRowAtlas(): RowAtlas | undefined {
	return useContext(RowAtlasContext);
}
