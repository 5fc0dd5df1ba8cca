/**
 * Waiting for something another part of the process will do (a frame written, a
 * message received) without polling: whoever makes progress calls `notify()`, and each
 * waiter re-checks its condition then. Polling would burn the very CPU the benchmark
 * measures. The timeout only turns a hang into an error; it decides nothing.
 */
export class Signal {
	private readonly waiters = new Set<() => void>();

	notify(): void {
		for (const waiter of [...this.waiters]) {
			waiter();
		}
	}

	/** Resolves once `condition()` holds, checked now and after every notify. */
	until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
		if (condition()) {
			return Promise.resolve();
		}

		return new Promise((resolve, reject) => {
			const check = () => {
				if (condition()) {
					this.waiters.delete(check);
					clearTimeout(timer);
					resolve();
				}
			};

			const timer = setTimeout(() => {
				this.waiters.delete(check);
				reject(new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`));
			}, timeoutMs);
			this.waiters.add(check);
		});
	}
}

/** One turn of the event loop: lets writes that trail a frame (the caret) land before counting. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
