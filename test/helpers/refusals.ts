import type {ExecutionContext} from 'ava';

/** The one thing a refusal check needs of a client: send a line, get its reply. */
interface Commanding {
	command(line: string): Promise<unknown>;
}

/**
 * Sends each line in turn and expects the server to refuse it with exactly the outcome beside it,
 * and to send nothing else first; the line names the failing case.
 */
export async function refusesEach(
	t: ExecutionContext,
	client: Commanding,
	cases: ReadonlyArray<[line: string, outcome: string]>,
): Promise<void> {
	for (const [line, outcome] of cases) {
		t.deepEqual(await client.command(line), {lines: [], outcome}, line);
	}
}
