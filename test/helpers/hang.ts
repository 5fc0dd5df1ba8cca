/**
 * How long a test helper waits for something before it gives up: a line, a log entry, a
 * process's output, a state the server reaches on its own. It is no claim about how fast
 * anything is, only the bound that turns a hang into a failure naming what never came;
 * so it is ava's own timeout (package.json, checked by hang.test.ts), and a machine that
 * is merely loaded fails no wait that ava itself would not have failed.
 */
export const HANG_MS = 60_000;
