/** Message times: the server sends ISO 8601 in UTC; people read local HH:MM, and the local date where a day begins. */

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

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** The local calendar day of an ISO time, as `Sunday 6 December 2026`; undefined when it cannot be read. */
export function formatDay(iso: string | undefined): string | undefined {
	if (iso === undefined) {
		return undefined;
	}

	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return undefined;
	}

	// Spelt out, not 06/12: a ward's staff come from countries that write dates both ways.
	return `${WEEKDAYS[date.getDay()]!} ${date.getDate()} ${MONTHS[date.getMonth()]!} ${date.getFullYear()}`;
}
