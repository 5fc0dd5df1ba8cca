import test from 'ava';
import {PaintBuffer, utf8Length} from '../../../tui/terminal/paint-buffer.js';
import {integer, pick, seededRandom} from '../../helpers/seeded-random.js';
import {randomChange, randomGrid} from './fixtures/random-screens.js';

test('UTF-8 bytes counted as Buffer counts them, surrogates lone or paired included', (t) => {
	const random = seededRandom(3);
	const pieces = ['a', '\x1b', '~', '\x7f', '\x80', 'é', '߿', 'ࠀ', '中', '\uffff', '😀', '\ud83d', '\ude00', 'e\u0301'];
	for (let index = 0; index < 2000; index++) {
		const text = Array.from({length: integer(random, 0, 12)}, () => pick(random, pieces)).join('');
		t.is(utf8Length(text), Buffer.byteLength(text), JSON.stringify(text));
	}
});

test("a buffer's byte count is the UTF-8 length of what it wrote, through forks and scrolls", (t) => {
	const random = seededRandom(8);
	for (let index = 0; index < 60; index++) {
		const previous = randomGrid(random, 24, 8);
		const {next} = randomChange(random, previous);
		const buffer = new PaintBuffer(24);
		buffer.clearScreen();
		const fork = buffer.fork();
		fork.scrollBand(1, 6, 2, 8);
		for (let row = 0; row < 8; row++) {
			for (let column = 0; column < 24; column++) {
				const cell = next.cells[row]![column]!;
				if (cell.width !== 0) {
					fork.writeCell(row, column, cell);
				}
			}
			fork.eraseToEndOfLine(row, 23);
		}
		buffer.adopt(fork);
		t.is(buffer.bytes, Buffer.byteLength(buffer.text));
	}
});
