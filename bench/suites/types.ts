/**
 * What a suite is. The runner (bench/run.ts) runs the suites of the registry
 * (bench/suites/index.ts) in order, collects their figures into one table and one
 * JSON report. A TUI suite is a file `bench/tui-<name>.ts` exporting `suite`.
 */
import type {Figure, Section} from '../report.js';
import type {Target} from '../targets.js';

export interface SuiteContext {
	/** A fast smoke run: small loads, short phases. */
	readonly quick: boolean;
	/** The servers to compare (server suites); TUI suites may ignore them. */
	readonly targets: readonly Target[];
	/** Repeats asked for on the command line (suites choose their own default). */
	readonly repeats: number | undefined;
	log(message: string): void;
	/** The value of a suite's own option `--<name>=<value>` (declared in Suite.options). */
	option(name: string): string | undefined;
}

export interface SuiteResult {
	readonly figures: Figure[];
	/** Raw results, stored as they are in the JSON report. */
	readonly raw: unknown;
	/** Caveats worth printing under the table (scaled loads, timeouts, skipped targets). */
	readonly notes: string[];
}

export interface Suite {
	readonly name: string;
	readonly section: Section;
	readonly description: string;
	/** Options of this suite, name -> description; the runner accepts `--<name>=<value>` for them. */
	readonly options?: Readonly<Record<string, string>>;
	run(context: SuiteContext): Promise<SuiteResult>;
}
