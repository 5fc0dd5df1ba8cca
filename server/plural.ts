/** "1 user", "2 users": replies and goodbyes are sentences a person reads. */
export function counted(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
