/**
 * The registry of suites, in the order they run. Server suites are listed here; TUI
 * suites are found as files `bench/tui-*.ts` exporting `suite: Suite` (section 'tui'),
 * so the TUI engineer adds a file without touching the runner.
 */
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {ROOT} from '../targets.js';
import {fanoutSuite} from './fanout.js';
import {idleSuite} from './idle.js';
import type {Suite} from './types.js';

export const SERVER_SUITES: readonly Suite[] = [fanoutSuite, idleSuite];

export async function discoverTuiSuites(): Promise<Suite[]> {
	const directory = path.join(ROOT, 'bench');
	const files = readdirSync(directory)
		.filter((file) => /^tui-.+\.tsx?$/.test(file))
		.sort();
	const suites: Suite[] = [];
	for (const file of files) {
		const module = (await import(pathToFileURL(path.join(directory, file)).href)) as {suite?: Suite; default?: Suite};
		const suite = module.suite ?? module.default;
		if (!suite) {
			throw new Error(`bench/${file} exports no 'suite'`);
		}

		suites.push(suite);
	}

	return suites;
}

export async function allSuites(): Promise<Suite[]> {
	return [...SERVER_SUITES, ...(await discoverTuiSuites())];
}
