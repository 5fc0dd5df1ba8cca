/**
 * Ink reads CI once, when it is first loaded, and under CI draws nothing until it
 * unmounts: every wait for a frame would time out. The bench's fake terminal is a
 * terminal, so each entry point tells Ink it is not in CI before loading it (a dynamic
 * import after this call; a static one would load Ink first).
 */
export function letInkDraw(): void {
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
		if (name in process.env) {
			process.env[name] = 'false';
		}
	}
}
