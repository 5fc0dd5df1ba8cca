/**
 * The version `chat --version` prints: package.json's, so there is one place to bump.
 * Found by walking up from this file, which sits at bin/ when run from source and at
 * dist/bin/ when built.
 */
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const MAX_LEVELS = 4;

export function packageVersion(): string {
	let directory = dirname(fileURLToPath(import.meta.url));
	for (let level = 0; level < MAX_LEVELS; level++) {
		try {
			const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
				name?: string;
				version?: string;
			};
			if (manifest.name === 'chat' && typeof manifest.version === 'string') {
				return manifest.version;
			}
		} catch {
			// No package.json at this level: look one up.
		}

		directory = dirname(directory);
	}

	return 'unknown';
}
