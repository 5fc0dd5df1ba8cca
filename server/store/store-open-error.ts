/**
 * Why the store could not be opened, as the one line an operator reads: what is wrong
 * and where. `chat serve` and `chat user` print the message as it is and exit 1.
 */
export class StoreOpenError extends Error {
	override readonly name = 'StoreOpenError';
}
