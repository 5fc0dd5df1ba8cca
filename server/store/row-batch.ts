/**
 * Rows of one table inserted many to a statement. A burst stores a group message and
 * its audit entry for every message, thousands in one turn's transaction, and one
 * statement run per row costs more than SQLite's own work for it: a call into
 * better-sqlite3, its bindings, a step, a reset and a result object, each time. Held
 * here and inserted BATCH_ROWS at a time, a message's two rows (itself and its audit entry)
 * cost about 1 to 1.5 µs less of the store's 8 to 10 (docs/PERFORMANCE.md, issue 16, fifth pass).
 *
 * Rows are held only inside the store's open transaction, and the store inserts them
 * before anything that could see their absence: before every read and every other write,
 * and before its commit. A failed insert fails the transaction, as a failed write always
 * did; the rows held are dropped with its rollback.
 */
import type {Database, Statement} from 'better-sqlite3';

/** Rows per statement (measured at this size only; SQLite allows up to 32,766 bound values in one). */
export const BATCH_ROWS = 32;

export class RowBatch {
	/** The values of the rows held, row after row: one array for the life of the batch, a full batch's long. */
	private readonly values: unknown[];
	private rows = 0;
	/** Where the next value goes in `values`. */
	private next = 0;
	/** The statement for n rows, at index n; made when first needed (the full batch, and what is left at a commit). */
	private readonly statements: Array<Statement | undefined> = [];

	constructor(
		private readonly db: Database,
		/** `INSERT INTO table (a, b, c)`: the values clause is added here. */
		private readonly insertInto: string,
		private readonly columns: number,
	) {
		this.values = Array.from({length: BATCH_ROWS * columns}, () => null);
	}

	/** Holds a row (`columns` values, in the columns' order); a full batch is inserted now, and throws if that fails. */
	add(...row: unknown[]): void {
		for (const value of row) {
			this.values[this.next++] = value;
		}

		if (++this.rows === BATCH_ROWS) {
			this.insert();
		}
	}

	/** Inserts the rows held, in one statement; throws if that fails (the rows are let go of either way). */
	insert(): void {
		if (this.rows === 0) {
			return;
		}

		const {rows} = this;
		// A full batch binds the array as it is; what is left at a commit, its first rows.
		const values = rows === BATCH_ROWS ? this.values : this.values.slice(0, rows * this.columns);
		try {
			this.statement(rows).run(values);
		} finally {
			this.drop();
		}
	}

	/** Lets go of the rows held without inserting them (their transaction was rolled back). */
	drop(): void {
		// Nothing of the rows is kept alive by the array between batches.
		this.values.fill(null, 0, this.next);
		this.rows = 0;
		this.next = 0;
	}

	private statement(rows: number): Statement {
		let statement = this.statements[rows];
		if (!statement) {
			const row = `(${Array.from({length: this.columns}, () => '?').join(', ')})`;
			statement = this.db.prepare(`${this.insertInto} VALUES ${Array.from({length: rows}, () => row).join(', ')}`);
			this.statements[rows] = statement;
		}

		return statement;
	}
}
