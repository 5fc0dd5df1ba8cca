/**
 * When the background indexer runs by default: after an interval in which nothing was
 * written. Indexing a message for SEARCH costs about twice what storing it does, and a
 * server in the middle of a burst has better use for that time than work nobody is
 * waiting for (a SEARCH catches the index up first anyway). So that catch-up stays
 * short, a backlog of INDEX_BACKLOG messages is indexed even while writes go on. With
 * nothing waiting it is never due: an idle server would otherwise open and commit an
 * empty transaction twice a second, for ever (about 1 ms of CPU a second on this machine).
 */
export const INDEX_BACKLOG = 50_000;

export class IndexPace {
	/** Turns that wrote since the last interval ended. */
	private turns = 0;

	/** A turn opened a transaction. */
	wrote(): void {
		this.turns++;
	}

	/** An interval has ended, with `backlog` messages not indexed yet: whether to index now. */
	due(backlog: number): boolean {
		const quiet = this.turns === 0;
		this.turns = 0;
		return backlog > 0 && (quiet || backlog >= INDEX_BACKLOG);
	}
}
