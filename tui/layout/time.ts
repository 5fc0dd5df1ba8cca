/** Message times: the server sends ISO 8601 in UTC; people read local HH:MM. */

export const TIME_WIDTH = 5;

/** Local HH:MM for an ISO time, or undefined when there is none or it cannot be read. */
export function formatTime(iso: string | undefined): string | undefined {
	if (iso === undefined) {
		return undefined;
	}

	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return undefined;
	}

	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
