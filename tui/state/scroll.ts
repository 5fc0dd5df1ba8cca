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
	/**
	 * An entry (by key) to show rather than a row count: a search result being opened.
	 * The view, which knows how many rows the entries take, finds how far up it is; the
	 * first scroll starts from there (its `from`), and the anchor is gone.
	 */
	readonly anchor?: number;
}

export const LIVE: ScrollState = {linesUp: 0, entriesBelow: 0, newMessages: 0};

/**
 * Scrolls up (positive) or down (negative). The reducer does not know how many lines
 * the conversation renders to, so the view passes `maxLinesUp` to clamp.
 */
export function scrollBy(
	scroll: ScrollState,
	lines: number,
	maxLinesUp = Number.POSITIVE_INFINITY,
	from?: number,
): ScrollState {
	const base = scroll.anchor === undefined ? scroll.linesUp : (from ?? 0);
	const linesUp = Math.min(Math.max(0, base + lines), Math.max(0, maxLinesUp));
	if (linesUp === 0) {
		return LIVE;
	}

	if (scroll.anchor !== undefined) {
		return {linesUp, entriesBelow: 0, newMessages: 0};
	}

	return linesUp === scroll.linesUp ? scroll : {...scroll, linesUp};
}

/** Whether the reader is looking at anything but the newest entries. */
export function isScrolled(scroll: ScrollState): boolean {
	return scroll.linesUp > 0 || scroll.anchor !== undefined;
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
