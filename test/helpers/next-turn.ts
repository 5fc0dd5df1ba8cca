/** One turn of the event loop: pending I/O callbacks, timers due and setImmediate work run. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
