/**
 * Scrolling in the current conversation. Entries that arrive while scrolled up are
 * counted, never jumped to: the view renders the conversation without the last
 * `entriesBelow` entries, so what the reader is looking at stays put, and shows
 * `newMessages` as "N new messages below". Reaching live shows them all.
 */
export interface ScrollState {
	/** Rendered lines scrolled up from the newest; 0 is live. */
	readonly linesUp: number;
	/** Entries appended to the current conversation since the reader scrolled up. */
	readonly entriesBelow: number;
	/** How many of those are messages: the count the view shows. */
	readonly newMessages: number;
}

export const LIVE: ScrollState = {linesUp: 0, entriesBelow: 0, newMessages: 0};

/**
 * Scrolls up (positive) or down (negative). The reducer does not know how many lines
 * the conversation renders to, so the view passes `maxLinesUp` to clamp.
 */
export function scrollBy(scroll: ScrollState, lines: number, maxLinesUp = Number.POSITIVE_INFINITY): ScrollState {
	const linesUp = Math.min(Math.max(0, scroll.linesUp + lines), Math.max(0, maxLinesUp));
	if (linesUp === 0) {
		return LIVE;
	}

	return linesUp === scroll.linesUp ? scroll : {...scroll, linesUp};
}

/** Notes an entry appended to the current conversation. */
export function noteArrival(scroll: ScrollState, isMessage: boolean): ScrollState {
	if (scroll.linesUp === 0) {
		return scroll;
	}

	return {
		linesUp: scroll.linesUp,
		entriesBelow: scroll.entriesBelow + 1,
		newMessages: scroll.newMessages + (isMessage ? 1 : 0),
	};
}
