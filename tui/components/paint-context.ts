/** Whether this session's terminal gets colour (NO_COLOR turns it off); rows are painted accordingly. */
import {createContext, useContext} from 'react';
import type {PaintOptions} from '../layout/paint.js';

export const PaintContext = createContext<PaintOptions>({color: true});

export function usePaintOptions(): PaintOptions {
	return useContext(PaintContext);
}
