/**
 * Figures, the table on stdout and the JSON under bench/results/.
 *
 * A figure is one metric of one scenario with a value per target (`chat`, `relay`,
 * `ngircd`, or whatever a suite measures, e.g. `tui`). Where `chat` and a reference
 * (the relay, the floor; ngircd, the bar) both have a value the table adds their ratio:
 * absolute numbers drift on a shared machine, side-by-side ratios hold.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

export type Section = 'server' | 'tui';

export interface Figure {
	readonly section: Section;
	readonly suite: string;
	readonly scenario: string;
	readonly metric: string;
	readonly unit: string;
	/** Which way is good; 'zero' for counts that must be 0 (losses, duplicates). */
	readonly better: 'higher' | 'lower' | 'zero' | 'info';
	readonly values: Readonly<Record<string, number | undefined>>;
}

/** What chat is compared with, each in a ratio column of its own. */
export const REFERENCES = ['relay', 'ngircd'] as const;

/** chat / reference, when both exist and the ratio means something (not for must-be-zero counts or context figures). */
export function ratio(figure: Figure, reference: string = 'relay'): number | undefined {
	const ours = figure.values['chat'];
	const floor = figure.values[reference];
	if (
		figure.better === 'zero' ||
		figure.better === 'info' ||
		ours === undefined ||
		floor === undefined ||
		!Number.isFinite(ours) ||
		!Number.isFinite(floor) ||
		floor === 0
	) {
		return undefined;
	}

	return ours / floor;
}

function formatValue(value: number | undefined, unit: string): string {
	if (value === undefined) {
		return '-';
	}

	if (!Number.isFinite(value)) {
		return String(value);
	}

	if (unit === 'count' || Number.isInteger(value)) {
		return String(value);
	}

	const magnitude = Math.abs(value);
	const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
	return value.toFixed(digits);
}

function pad(text: string, width: number, right: boolean): string {
	return right ? text.padStart(width) : text.padEnd(width);
}

/** The table of one section: a column per value key seen, `chat` and the references first, then chat/<reference> for each. */
export function formatTable(figures: readonly Figure[]): string {
	if (figures.length === 0) {
		return '';
	}

	const keys = [...new Set(figures.flatMap((figure) => Object.keys(figure.values)))].sort((a, b) => {
		const order = (key: string) => (key === 'chat' ? 0 : key === 'relay' ? 1 : key === 'ngircd' ? 2 : 3);
		return order(a) - order(b) || a.localeCompare(b);
	});
	const references = keys.includes('chat') ? REFERENCES.filter((reference) => keys.includes(reference)) : [];
	const header = [
		'suite',
		'scenario',
		'metric',
		'unit',
		...keys,
		...references.map((reference) => `chat/${reference}`),
	];
	const rows = figures.map((figure) => [
		figure.suite,
		figure.scenario,
		figure.metric,
		figure.unit,
		...keys.map((key) => formatValue(figure.values[key], figure.unit)),
		...references.map((reference) => formatValue(ratio(figure, reference), 'x')),
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
	const numeric = (column: number) => column >= 4;
	const line = (cells: readonly string[]) =>
		cells.map((cell, column) => pad(cell, widths[column]!, numeric(column))).join('  ');
	const out = [line(header), widths.map((width) => '-'.repeat(width)).join('  ')];
	let previous = '';
	for (const [index, row] of rows.entries()) {
		const group = `${figures[index]!.suite}/${figures[index]!.scenario}`;
		if (previous !== '' && group !== previous) {
			out.push('');
		}

		previous = group;
		out.push(line(row));
	}

	return out.join('\n');
}

export interface SuiteReport {
	readonly name: string;
	readonly section: Section;
	readonly description: string;
	readonly durationMs: number;
	readonly error: string | undefined;
	readonly notes: readonly string[];
	readonly raw: unknown;
}

export interface BenchReport {
	readonly schema: 1;
	readonly startedAt: string;
	readonly durationMs: number;
	readonly options: Readonly<Record<string, unknown>>;
	readonly machine: Readonly<Record<string, unknown>>;
	/** Per section: the suites that ran, with their raw figures. `tui` is filled by the suites in bench/tui/. */
	readonly sections: Readonly<Record<Section, readonly SuiteReport[]>>;
	readonly figures: readonly Figure[];
}

/** Writes `<timestamp>.json` and `latest.json`; returns the timestamped path. */
export function writeReport(directory: string, report: BenchReport): string {
	mkdirSync(directory, {recursive: true});
	const stamp = report.startedAt.replace(/[:.]/g, '-');
	const file = path.join(directory, `${stamp}.json`);
	const text =
		JSON.stringify(
			report,
			(_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value),
			2,
		) + '\n';
	writeFileSync(file, text);
	writeFileSync(path.join(directory, 'latest.json'), text);
	return file;
}
