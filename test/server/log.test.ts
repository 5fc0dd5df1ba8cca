/**
 * The operator's log format: logfmt, one event per line whatever the values hold.
 */
import test from 'ava';
import {createLogger, errorFields, formatLogLine} from '../../server/log.js';

const TIME = new Date('2026-11-24T05:10:00.123Z');

test('an event is time, level, event and its fields, in order', (t) => {
	t.is(
		formatLogLine(TIME, 'info', 'register', {conn: 3, user: 'alice', users: 2}),
		'2026-11-24T05:10:00.123Z level=info event=register conn=3 user=alice users=2',
	);
});

test('fields without a value are left out', (t) => {
	t.is(
		formatLogLine(TIME, 'info', 'disconnect', {conn: 4, user: undefined, reason: 'eof', users: 0}),
		'2026-11-24T05:10:00.123Z level=info event=disconnect conn=4 reason=eof users=0',
	);
});

test('values a reader could misread are quoted and escaped, so one event stays one line', (t) => {
	const line = formatLogLine(TIME, 'error', 'error', {
		error: 'read ECONNRESET',
		quoted: 'say "hi"',
		equals: 'a=b',
		multi: 'line one\nline two\r',
		c1: 'x\u0085y',
		empty: '',
		name: 'Zoë',
	});
	t.is(
		line,
		'2026-11-24T05:10:00.123Z level=error event=error error="read ECONNRESET" quoted="say \\"hi\\"" equals="a=b" multi="line one\\nline two\\r" c1="x\\u0085y" empty="" name=Zoë',
	);
	t.false(line.includes('\n'));
});

test('the logger writes each event as one LF-terminated line', (t) => {
	const written: string[] = [];
	const log = createLogger({write: (line) => written.push(line), clock: () => TIME});
	log.info('started', {host: '127.0.0.1', port: 8090});
	log.warn('slow_consumer', {conn: 2});
	log.error('error', {conn: 2, error: 'boom'});
	t.deepEqual(written, [
		'2026-11-24T05:10:00.123Z level=info event=started host=127.0.0.1 port=8090\n',
		'2026-11-24T05:10:00.123Z level=warn event=slow_consumer conn=2\n',
		'2026-11-24T05:10:00.123Z level=error event=error conn=2 error=boom\n',
	]);
});

test('errors are described by their code and message', (t) => {
	const reset = Object.assign(new Error('read ECONNRESET'), {code: 'ECONNRESET'});
	t.deepEqual(errorFields(reset), {code: 'ECONNRESET', error: 'read ECONNRESET', stack: undefined});
	t.regex(String(errorFields(reset, {stack: true})['stack']), /^Error: read ECONNRESET\n\s+at /);
	t.deepEqual(errorFields('a string'), {error: 'a string'});
});
