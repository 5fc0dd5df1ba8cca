/**
 * A terminal screen as an SVG picture, for the README and docs/TUI.md: a real `tmux
 * capture-pane -e` capture (text with its colour and attribute sequences) is played into
 * a headless xterm (@xterm/headless, the emulator the tests use), and each cell is drawn
 * as it shows there: background runs as rectangles, text runs in their colour, bold,
 * dim and inverse as a terminal draws them. Colours are xterm's defaults on a dark
 * background, which is what most people's terminal looks like.
 */
import xtermHeadless from '@xterm/headless';
import type {IBufferCell} from '@xterm/headless';

const {Terminal} = xtermHeadless;

const BACKGROUND = '#1e1e1e';
const FOREGROUND = '#d4d4d4';
/** The 16 ANSI colours as xterm draws them (normal, then bright). */
const ANSI = [
	'#000000',
	'#cd3131',
	'#0dbc79',
	'#e5e510',
	'#2472c8',
	'#bc3fbc',
	'#11a8cd',
	'#e5e5e5',
	'#666666',
	'#f14c4c',
	'#23d18b',
	'#f5f543',
	'#3b8eea',
	'#d670d6',
	'#29b8db',
	'#ffffff',
];
const CELL_WIDTH = 8.4;
const CELL_HEIGHT = 17;
const FONT_SIZE = 14;
const PADDING = 10;

const hex = (value: number) => value.toString(16).padStart(2, '0');

/** Colour `index` of the 256-colour palette. */
function paletteColor(index: number): string {
	if (index < 16) {
		return ANSI[index]!;
	}

	if (index < 232) {
		const steps = [0, 95, 135, 175, 215, 255];
		const cube = index - 16;
		return `#${hex(steps[Math.floor(cube / 36)]!)}${hex(steps[Math.floor(cube / 6) % 6]!)}${hex(steps[cube % 6]!)}`;
	}

	const grey = 8 + (index - 232) * 10;
	return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

function colorOf(cell: IBufferCell, layer: 'fg' | 'bg'): string | undefined {
	const [isDefault, isRgb, value] =
		layer === 'fg'
			? [cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()]
			: [cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()];
	if (isDefault) {
		return undefined;
	}

	return isRgb ? `#${value.toString(16).padStart(6, '0')}` : paletteColor(value);
}

interface Look {
	readonly fg: string;
	readonly bg: string;
	readonly bold: boolean;
	readonly dim: boolean;
}

function lookOf(cell: IBufferCell): Look {
	let fg = colorOf(cell, 'fg') ?? FOREGROUND;
	let bg = colorOf(cell, 'bg') ?? BACKGROUND;
	if (cell.isInverse()) {
		[fg, bg] = [bg, fg];
	}

	// Bold in one of the first eight colours is drawn bright, as xterm does by default.
	const palette = cell.isFgPalette() ? cell.getFgColor() : -1;
	if (cell.isBold() && palette >= 0 && palette < 8 && !cell.isInverse()) {
		fg = ANSI[palette + 8]!;
	}

	return {fg, bg, bold: cell.isBold() !== 0, dim: cell.isDim() !== 0};
}

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What `capture` (lines of `capture-pane -e`) looks like on a `columns` x `rows` terminal, as an SVG document. */
export async function screenSvg(capture: string, columns: number, rows: number, title: string): Promise<string> {
	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true});
	try {
		// capture-pane ends each row with a bare LF; a terminal needs CR LF to start the next row at column 0.
		await new Promise<void>((resolve) => terminal.write(capture.replace(/\n/g, '\r\n'), resolve));
		const width = columns * CELL_WIDTH + 2 * PADDING;
		const height = rows * CELL_HEIGHT + 2 * PADDING;
		const parts: string[] = [
			`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
			`<title>${escapeXml(title)}</title>`,
			`<rect width="100%" height="100%" rx="6" fill="${BACKGROUND}"/>`,
			`<g font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="${FONT_SIZE}" xml:space="preserve">`,
		];
		const buffer = terminal.buffer.active;
		for (let row = 0; row < rows; row++) {
			const line = buffer.getLine(buffer.viewportY + row);
			if (line === undefined) {
				continue;
			}

			const y = PADDING + row * CELL_HEIGHT;
			let run: {look: Look; start: number; text: string; cells: number} | undefined;
			const flush = () => {
				if (run === undefined) {
					return;
				}

				const x = PADDING + run.start * CELL_WIDTH;
				const runWidth = (run.cells * CELL_WIDTH).toFixed(1);
				if (run.look.bg !== BACKGROUND) {
					parts.push(
						`<rect x="${x.toFixed(1)}" y="${y}" width="${runWidth}" height="${CELL_HEIGHT}" fill="${run.look.bg}"/>`,
					);
				}

				// Trailing blanks draw nothing (a background is the rectangle's).
				const text = run.text.replace(/ +$/, '');
				if (text !== '') {
					const weight = run.look.bold ? ' font-weight="bold"' : '';
					const opacity = run.look.dim ? ' fill-opacity="0.6"' : '';
					const textWidth = ((run.cells - (run.text.length - text.length)) * CELL_WIDTH).toFixed(1);
					parts.push(
						`<text x="${x.toFixed(1)}" y="${y + CELL_HEIGHT - 4}" fill="${run.look.fg}"${weight}${opacity} textLength="${textWidth}" lengthAdjust="spacingAndGlyphs">${escapeXml(text)}</text>`,
					);
				}

				run = undefined;
			};

			for (let column = 0; column < columns; column++) {
				const cell = line.getCell(column);
				if (cell === undefined || cell.getWidth() === 0) {
					continue;
				}

				const look = lookOf(cell);
				const char = cell.getChars() || ' ';
				const same =
					run !== undefined &&
					run.look.fg === look.fg &&
					run.look.bg === look.bg &&
					run.look.bold === look.bold &&
					run.look.dim === look.dim &&
					cell.getWidth() === 1;
				if (!same) {
					flush();
					run = {look, start: column, text: '', cells: 0};
				}

				run!.text += char;
				run!.cells += cell.getWidth();
				if (cell.getWidth() === 2) {
					// A wide character stands alone, so the run after it starts in the right column.
					flush();
				}
			}

			flush();
		}

		parts.push('</g>', '</svg>', '');
		return parts.join('\n');
	} finally {
		terminal.dispose();
	}
}
