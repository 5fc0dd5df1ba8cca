/**
 * Time as code that waits sees it: a clock and one-shot timers. The server's keepalive,
 * registration timeout, rate limit and slow-consumer cut, and the client's link watch and
 * reconnect delays, all read time through this, so a test moves time by hand instead of
 * waiting for it. Only the shape lives here (protocol does no I/O): each side brings the
 * real one it needs (server/net/scheduler.ts, tui/connection/scheduler.ts).
 */

export type TimerHandle = unknown;

export interface Scheduler {
	/** Milliseconds on the implementation's clock; only differences mean anything to the shared code. */
	now(): number;
	setTimeout(callback: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle): void;
}
