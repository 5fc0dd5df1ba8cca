import test from 'ava';
import stringWidth from 'string-width';
import {HistoryLayout, historyRowCount, layoutHistory, maxLinesUp, wrapEntry} from '../../../tui/layout/history.js';
import {rowText, rowWidth, type Row} from '../../../tui/layout/spans.js';
import {formatTime} from '../../../tui/layout/time.js';
import {PersistentList, type Entry, type MessageEntry, type NoticeEntry} from '../../../tui/state/index.js';

const TIME = '2026-11-24T05:10:00.123Z';
const HHMM = formatTime(TIME)!;
let nextKey = 1;

function message(fields: Partial<MessageEntry> = {}): MessageEntry {
	return {
		kind: 'message',
		key: nextKey++,
		direction: 'incoming',
		from: 'bob',
		text: 'hello',
		id: undefined,
		time: TIME,
		delivery: undefined,
		error: undefined,
		mentionsMe: false,
		...fields,
	};
}

function notice(text: string, level: NoticeEntry['level'] = 'info'): NoticeEntry {
	return {kind: 'notice', key: nextKey++, level, text};
}

const texts = (rows: readonly Row[]) => rows.map((row) => rowText(row).trimEnd());

test('time is local HH:MM from the server ISO time', (t) => {
	const date = new Date(TIME);
	t.is(HHMM, `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`);
	t.is(formatTime(undefined), undefined);
	t.is(formatTime('not a time'), undefined);
});

test('a message is time, sender and text; a long one hangs under its text', (t) => {
	t.deepEqual(texts(wrapEntry(message(), 40)), [`${HHMM} <bob> hello`]);
	const long = message({text: 'the patient in bed four needs a review before ten'});
	t.deepEqual(texts(wrapEntry(long, 40)), [
		`${HHMM} <bob> the patient in bed four`,
		'            needs a review before ten',
	]);
});

test('a long sender name gets a row of its own, the text under the time column', (t) => {
	const entry = message({from: 'a-very-long-name-for-a-user', text: 'one two three four five six'});
	t.deepEqual(texts(wrapEntry(entry, 40)), [
		`${HHMM} <a-very-long-name-for-a-user>`,
		'      one two three four five six',
	]);
	const longest = message({from: 'x'.repeat(32), text: 'hi'});
	t.deepEqual(
		texts(wrapEntry(longest, 38)),
		[`${HHMM} <${'x'.repeat(30)}…`, '      hi'],
		'cut to the width, never wrapped',
	);
});

test('own messages, mentions and notices are told apart by more than colour', (t) => {
	const [own] = wrapEntry(message({direction: 'own', from: 'alice', delivery: 'sent'}), 40);
	const [incoming] = wrapEntry(message(), 40);
	const [mention] = wrapEntry(message({text: 'alice: bed 4', mentionsMe: true}), 40);
	const sender = (row: Row | undefined) => row?.find((part) => part.text.startsWith('<'))?.style;
	t.true(sender(own)?.bold);
	t.falsy(sender(incoming)?.bold);
	t.falsy(sender(incoming)?.inverse);
	t.true(sender(mention)?.inverse);
	t.deepEqual(texts(wrapEntry(notice('bob joined night.', 'join'), 40)), ['  +   bob joined night.']);
	t.deepEqual(texts(wrapEntry(notice('bob left night.', 'leave'), 40)), ['  -   bob left night.']);
	t.deepEqual(texts(wrapEntry(notice('No such group.', 'error'), 40)), ['  !   No such group.']);
	t.true(wrapEntry(notice('No such group.', 'error'), 40)[0]!.some((part) => part.style?.bold));
	t.deepEqual(texts(wrapEntry(notice('Created group night.'), 40)), ['  *   Created group night.']);
});

test('pending messages have no time yet and say so until the server confirms them; failed ones say why', (t) => {
	const pending = message({direction: 'own', from: 'alice', time: undefined, delivery: 'pending', text: 'bed 4'});
	t.deepEqual(texts(wrapEntry(pending, 40)), ['  …   <alice> bed 4 (pending)']);
	const long = message({direction: 'own', from: 'alice', time: undefined, delivery: 'pending', text: 'x'.repeat(26)});
	t.deepEqual(
		texts(wrapEntry(long, 40)),
		[`  …   <alice> ${'x'.repeat(26)}`, '              (pending)'],
		'moved down whole',
	);
	const failed = message({
		direction: 'own',
		from: 'alice',
		delivery: 'failed',
		error: 'Nobody else is in night.',
		text: 'bed 4',
	});
	t.deepEqual(texts(wrapEntry(failed, 40)), ['  !   <alice> bed 4', '  !   Nobody else is in night.']);
});

test('multi-line notices wrap line by line, table rows hanging under their second column', (t) => {
	const help = notice('Commands:\n  /join <group>   Leave your group and join another one.');
	t.deepEqual(texts(wrapEntry(help, 50)), [
		'  *   Commands:',
		'        /join <group>   Leave your group and join',
		'                        another one.',
	]);
});

test('incoming control characters are shown, not obeyed', (t) => {
	const rows = wrapEntry(message({from: 'mal\x1blory', text: '\x1b[2J\x1b]0;pwned\x07hi'}), 60);
	const all = rows.map(rowText).join('\n');
	t.false(/[\u0000-\u001f\u007f-\u009f]/.test(all));
	t.true(all.includes('␛[2J␛]0;pwned␇hi'));
});

test('every row fits the width, whatever the text and width', (t) => {
	const pool = ['word ', 'x', '日本語', '👍🏽', 'e\u0301', ' ', 'longwordwithoutspaces', '\x1b', '🇫🇷'];
	for (let run = 0; run < 300; run++) {
		const width = 8 + (run % 60);
		const text = Array.from({length: (run * 7) % 23}, (_, i) => pool[(run + i * 3) % pool.length]).join('');
		const entries: Entry[] = [
			message({text}),
			message({direction: 'own', from: 'Zoë', delivery: run % 2 ? 'pending' : 'failed', error: text, text}),
			notice(`${text}\n  ${text}`, 'error'),
		];
		for (const entry of entries) {
			for (const row of wrapEntry(entry, width)) {
				t.true(rowWidth(row) <= width, `${width}: ${JSON.stringify(rowText(row))}`);
				t.true(stringWidth(rowText(row)) <= width);
			}
		}
	}
});

test('wrapping is cached per entry object and width; a changed entry is laid out afresh', (t) => {
	const entry = message({text: 'cached'});
	t.is(wrapEntry(entry, 30), wrapEntry(entry, 30));
	t.not(wrapEntry(entry, 30), wrapEntry(entry, 31));
	const changed = {...entry, text: 'changed'};
	t.deepEqual(texts(wrapEntry(changed, 30)), [`${HHMM} <bob> changed`]);
});

const numbered = (count: number) => Array.from({length: count}, (_, index) => message({text: `m${index + 1}`}));

test('the window is the newest rows, oldest first, and shorter when the conversation is', (t) => {
	const entries = numbered(10);
	const live = layoutHistory(entries, 40, 4, 0);
	t.deepEqual(
		texts(live.rows),
		['m7', 'm8', 'm9', 'm10'].map((m) => `${HHMM} <bob> ${m}`),
	);
	t.is(live.linesUp, 0);
	t.true(live.moreAbove);
	const short = layoutHistory(numbered(2), 40, 4, 0);
	t.is(short.rows.length, 2);
	t.false(short.moreAbove);
});

test('scrolling up moves the window by rows and stops at the top', (t) => {
	const entries = numbered(10);
	t.deepEqual(
		texts(layoutHistory(entries, 40, 3, 2).rows),
		['m6', 'm7', 'm8'].map((m) => `${HHMM} <bob> ${m}`),
	);
	const top = layoutHistory(entries, 40, 3, 100);
	t.is(top.linesUp, 7);
	t.deepEqual(
		texts(top.rows),
		['m1', 'm2', 'm3'].map((m) => `${HHMM} <bob> m${m.slice(1)}`),
	);
	t.false(top.moreAbove);
	t.is(maxLinesUp(entries, 40, 3), 7);
	t.is(historyRowCount(entries, 40), 10);
});

test('rows, not entries: a wrapped entry scrolls a row at a time', (t) => {
	const entries = [message({text: 'one two three four five six seven eight nine ten'}), message({text: 'last'})];
	const rows = texts(layoutHistory(entries, 24, 2, 1).rows);
	t.is(rows.length, 2);
	t.is(historyRowCount(entries, 24), 6);
	t.true(rows[0]!.startsWith('            '), 'a continuation row of the first entry');
});

test('a /me line from its sender reads as an action; the same words from someone else stay a message', (t) => {
	t.deepEqual(texts(wrapEntry(message({from: 'Bob', text: '* bob waves at the ward'}), 60)), [
		`${HHMM} * Bob waves at the ward`,
	]);
	t.deepEqual(texts(wrapEntry(message({from: 'carol', text: '* bob waves'}), 60)), [`${HHMM} <carol> * bob waves`]);
	t.deepEqual(
		texts(wrapEntry(message({from: 'bob', text: '* bob'}), 60)),
		[`${HHMM} <bob> * bob`],
		'no action, no action line',
	);
});

// Local days: the test's TZ is whatever the machine's is, so times are built in local time.
const localTime = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).toISOString();

test('a day rule stands where the date changes, across midnight, with the full date', (t) => {
	const entries = [
		message({text: 'before midnight', time: localTime(5, 23, 58)}),
		notice('carol went offline.', 'leave'),
		message({text: 'after midnight', time: localTime(6, 0, 1)}),
		message({text: 'still the 6th', time: localTime(6, 7, 30)}),
	];
	const shown = texts(layoutHistory(entries, 50, 20, 0).rows);
	t.deepEqual(shown, [
		'───── Saturday 5 December 2026 ───────────────────',
		'23:58 <bob> before midnight',
		'  -   carol went offline.',
		'───── Sunday 6 December 2026 ─────────────────────',
		'00:01 <bob> after midnight',
		'07:30 <bob> still the 6th',
	]);
	t.is(historyRowCount(entries, 50), 6, 'the rules count as rows, for scrolling');
	t.is(maxLinesUp(entries, 50, 4), 2);
	t.deepEqual(texts(layoutHistory(entries, 50, 2, 4).rows), shown.slice(0, 2), 'scrolled to the top: the date first');
});

test('a conversation of one day has no day rule: HH:MM is enough', (t) => {
	const entries = [message({time: localTime(6, 9)}), message({time: localTime(6, 10)})];
	t.false(texts(layoutHistory(entries, 50, 20, 0).rows).some((row) => row.includes('December')));
});

test('the live window kept from render to render is the window laid out afresh, whatever arrives or changes', (t) => {
	// A fixed sequence of what happens to a conversation: arrivals (some long, some on a
	// new day), notices, an entry replaced (a delivery confirmed), one inserted above,
	// the oldest dropped at the bound, a resize and a scroll. Each a new array, as the
	// state makes them.
	const layout = new HistoryLayout();
	let entries: readonly Entry[] = [notice('connected')];
	const add = (...arrived: Entry[]) => {
		entries = [...entries, ...arrived];
	};
	const replace = (index: number, entry: Entry) => {
		entries = entries.map((old, at) => (at === index ? entry : old));
	};
	let width = 50;
	let height = 6;
	let day = 5;
	let minute = 0;
	const next = (text: string) => message({text, time: localTime(day, 9, minute++ % 60)});
	const steps: Array<() => void> = [
		() => add(next('hello')),
		() => add(next('a longer message that wraps onto a second row at this width')),
		() => add(notice('carol went offline.', 'leave')),
		() => add(next('one'), next('two')),
		() => {
			day++;
			add(next('the first on a new day'));
		},
		() => add(next('three')),
		() => {
			// A message above the window replaced (its delivery confirmed): a new object.
			replace(2, {...(entries[2] as MessageEntry), text: 'hello again'});
		},
		() => {
			entries = [...entries.slice(0, -3), next('caught up after a reconnect'), ...entries.slice(-3)];
		},
		() => add(next('four')),
		() => {
			entries = entries.slice(2);
			add(next('five'));
		},
		() => {
			width = 40;
		},
		() => add(next('six')),
		() => {
			height = 4;
		},
		() => add(next('seven'), next('eight'), next('nine')),
		() => {
			entries = [...entries.slice(1), next('ten')];
		},
		() => {
			day++;
			add(notice('a notice first'), next('eleven'));
		},
		() => add(next('twelve'), next('thirteen'), next('fourteen'), next('fifteen'), next('sixteen')),
		() => {
			// A message in the window replaced.
			replace(entries.length - 3, {...(entries.at(-3) as MessageEntry), text: 'fourteen, corrected'});
		},
		() => {
			day++;
			add(next('seventeen'));
		},
		() => add(next('eighteen'), next('nineteen')),
		() => {
			// The message just above the window (sixteen) moved to seventeen's day: the day
			// rule at the top of the window goes.
			replace(entries.length - 4, {...(entries.at(-4) as MessageEntry), time: localTime(day, 8)});
		},
	];
	for (const [index, step] of steps.entries()) {
		step();
		for (const linesUp of [0, 0, 2, 0]) {
			t.deepEqual(
				layout.layout(entries, width, height, linesUp),
				layoutHistory(entries, width, height, linesUp),
				`step ${index}, ${linesUp} up`,
			);
		}
	}
});

test('the live window kept from render to render is the window laid out afresh over a conversation held as the state holds it', (t) => {
	// A PersistentList, appended to at a small bound so the oldest drop on most steps,
	// with an entry replaced and one inserted on the way; each version also laid out
	// again later, after newer ones were appended to the same shared array.
	const layout = new HistoryLayout();
	const bound = 9;
	let entries = PersistentList.of<Entry>([notice('connected')]);
	let minute = 0;
	const versions: Array<{readonly entries: PersistentList<Entry>; readonly rows: readonly Row[]}> = [];
	for (let step = 0; step < 40; step++) {
		const day = 5 + Math.floor(step / 15);
		const text = step % 7 === 3 ? `a longer message ${step} that wraps onto a second row at this width` : `m${step}`;
		entries = entries.append(message({text, time: localTime(day, 9, minute++ % 60)}), bound);
		if (step % 11 === 5) {
			entries = entries.with(entries.length - 4, {...(entries.at(-4) as MessageEntry), text: `changed ${step}`});
		}
		if (step % 13 === 8) {
			entries = entries.insert(entries.length - 2, notice(`inserted ${step}`), bound);
		}

		for (const linesUp of [0, 0, 2, 0]) {
			t.deepEqual(
				layout.layout(entries, 40, 6, linesUp),
				layoutHistory(entries.toArray(), 40, 6, linesUp),
				`step ${step}, ${linesUp} up`,
			);
		}

		versions.push({entries, rows: layoutHistory(entries, 40, 6, 0).rows});
	}

	for (const [step, version] of versions.entries()) {
		t.deepEqual(layoutHistory(version.entries, 40, 6, 0).rows, version.rows, `step ${step} laid out again`);
	}
});
