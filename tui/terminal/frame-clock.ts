/**
 * At most one frame per display refresh. A busy group sends messages faster than any
 * screen refreshes (a reconnect's backlog, a paste of fifty lines by someone else):
 * drawing a frame for each costs a render per message to show the reader frames they
 * cannot see. The clock passes on a change at once when no frame went out within the
 * last interval, so a lone message or a keystroke is on screen without delay; changes
 * that come closer together are merged into one frame at the end of the interval.
 *
 * It knows nothing of React or the terminal: it runs the callbacks it is given.
 * The chat store (hooks/chat-store.ts) asks it once per change for all the panes that
 * read the session, so what is merged is the re-render itself, and with it Ink's layout
 * and output and the frame writer's diff.
 */
import type {Scheduler, TimerHandle} from '../../protocol/scheduler.js';

/** About one refresh of a 60 Hz display. */
export const FRAME_INTERVAL_MS = 16;

export type FrameTimer = Pick<Scheduler, 'now' | 'setTimeout' | 'clearTimeout'>;

const SYSTEM_TIMER: FrameTimer = {
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class FrameClock {
	private readonly pending = new Set<() => void>();
	private timer: TimerHandle | undefined;
	private lastFrameAt = Number.NEGATIVE_INFINITY;

	/** `intervalMs` 0 passes every change on at once. */
	constructor(
		private readonly clock: FrameTimer = SYSTEM_TIMER,
		readonly intervalMs: number = FRAME_INTERVAL_MS,
	) {}

	/** Runs `callback` now if the last frame is an interval old, else once when it is; repeats meanwhile merge. */
	request(callback: () => void): void {
		this.pending.add(callback);
		if (this.timer !== undefined) {
			return;
		}

		const wait = this.lastFrameAt + this.intervalMs - this.clock.now();
		if (wait <= 0) {
			this.flush();
		} else {
			this.timer = this.clock.setTimeout(() => {
				this.timer = undefined;
				this.flush();
			}, wait);
		}
	}

	/** Forgets `callback` if it is waiting (its component unmounted); stops the timer when nothing is. */
	cancel(callback: () => void): void {
		this.pending.delete(callback);
		if (this.pending.size === 0 && this.timer !== undefined) {
			this.clock.clearTimeout(this.timer);
			this.timer = undefined;
		}
	}

	private flush(): void {
		this.lastFrameAt = this.clock.now();
		const callbacks = [...this.pending];
		this.pending.clear();
		for (const callback of callbacks) {
			callback();
		}
	}
}
