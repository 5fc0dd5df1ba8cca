/**
 * When the background indexer runs by default: after an interval in which nothing was
 * written. Indexing a message for SEARCH costs about twice what storing it does, and a
 * server in the middle of a burst has better use for that time than work nobody is
 * waiting for (a SEARCH catches the index up first anyway). So that catch-up stays
 * short, a backlog of INDEX_BACKLOG messages is indexed even while writes go on.
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
		return quiet || backlog >= INDEX_BACKLOG;
	}
}
