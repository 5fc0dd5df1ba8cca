/**
 * Server lines: format and parse round-trip for every keyword, every OK layout, every
 * error code and every BYE reason; and what the parser refuses.
 */
import test from 'ava';
import {
	ERROR_CODES,
	formatServerLine,
	parseServerLine,
	ServerLineError,
	type ByeReason,
	type Ok,
	type OkCommand,
	type ServerLine,
	type ServerLineType,
} from '../../protocol/index.js';

const TIME = '2026-11-24T05:10:00.123Z';

const LINES: Record<Exclude<ServerLineType, 'OK'>, [ServerLine, string]> = {
	HELLO: [{type: 'HELLO', version: 1, text: 'Welcome to chat.'}, 'HELLO 1 Welcome to chat.'],
	BYE: [
		{type: 'BYE', reason: 'SHUTDOWN', text: 'The server is shutting down.'},
		'BYE SHUTDOWN The server is shutting down.',
	],
	PING: [
		{type: 'PING', token: '7', text: 'Reply PONG 7 (or send anything) to stay connected.'},
		'PING 7 Reply PONG 7 (or send anything) to stay connected.',
	],
	ERR: [
		{type: 'ERR', code: 'NAME_TAKEN', command: 'SET_NAME', text: 'The name "bob" is taken.'},
		'ERR NAME_TAKEN SET_NAME The name "bob" is taken.',
	],
	MSG: [
		{type: 'MSG', id: '17', time: TIME, group: 'lobby', from: 'alice', text: 'Bed 4  →  review '},
		`MSG 17 ${TIME} lobby alice Bed 4  →  review `,
	],
	DM: [{type: 'DM', id: '18', time: TIME, from: 'alice', to: 'Bob', text: 'hi'}, `DM 18 ${TIME} alice Bob hi`],
	UNREAD: [
		{type: 'UNREAD', count: 12, after: '40', text: '12 unread: HISTORY 40 shows them.'},
		'UNREAD 12 40 12 unread: HISTORY 40 shows them.',
	],
	ONLINE: [{type: 'ONLINE', user: 'alice', group: 'lobby'}, 'ONLINE alice lobby'],
	OFFLINE: [{type: 'OFFLINE', user: 'alice', group: 'night'}, 'OFFLINE alice night'],
	JOINED: [{type: 'JOINED', group: 'night', user: 'bob'}, 'JOINED night bob'],
	LEFT: [{type: 'LEFT', group: 'lobby', user: 'bob'}, 'LEFT lobby bob'],
	GROUP_CREATED: [{type: 'GROUP_CREATED', group: 'night', user: 'bob'}, 'GROUP_CREATED night bob'],
	COMMAND: [{type: 'COMMAND', name: 'DM', text: 'DM <user> <text> — Send.'}, 'COMMAND DM DM <user> <text> — Send.'],
	MEMBER: [{type: 'MEMBER', group: 'lobby', user: 'alice'}, 'MEMBER lobby alice'],
	USER: [{type: 'USER', user: 'alice', group: 'lobby'}, 'USER alice lobby'],
	GROUP: [{type: 'GROUP', group: 'lobby', members: 0}, 'GROUP lobby 0'],
	RECEIPT: [{type: 'RECEIPT', id: '18', user: 'bob', kind: 'read', time: TIME}, `RECEIPT 18 bob read ${TIME}`],
	ACKED: [
		{type: 'ACKED', id: '19', time: TIME, user: 'bob', text: 'Acknowledged by bob.'},
		`ACKED 19 ${TIME} bob Acknowledged by bob.`,
	],
	ESCALATED: [
		{type: 'ESCALATED', id: '19', time: TIME, to: '#leads', text: 'Escalated.'},
		`ESCALATED 19 ${TIME} #leads Escalated.`,
	],
	RECIPIENT: [
		{type: 'RECIPIENT', id: '19', user: 'carol', state: 'offline', time: '-'},
		'RECIPIENT 19 carol offline -',
	],
};

const OKS: Record<OkCommand, [Ok, string]> = {
	HELP: [
		{type: 'OK', command: 'HELP', count: 9, text: 'Commands are case-insensitive.'},
		'OK HELP 9 Commands are case-insensitive.',
	],
	SET_NAME: [
		{type: 'OK', command: 'SET_NAME', user: 'alice', group: 'lobby', text: 'Welcome, alice.'},
		'OK SET_NAME alice lobby Welcome, alice.',
	],
	SET_PASSWORD: [
		{type: 'OK', command: 'SET_PASSWORD', user: 'alice', text: 'alice is now an account.'},
		'OK SET_PASSWORD alice alice is now an account.',
	],
	CLOSE: [{type: 'OK', command: 'CLOSE', text: 'Goodbye.'}, 'OK CLOSE Goodbye.'],
	LIST: [
		{type: 'OK', command: 'LIST', members: 2, online: 3, text: '2 users in lobby, 3 online.'},
		'OK LIST 2 3 2 users in lobby, 3 online.',
	],
	MESSAGE: [
		{type: 'OK', command: 'MESSAGE', id: '5', time: TIME, group: 'lobby', recipients: 2, text: 'Sent.'},
		`OK MESSAGE 5 ${TIME} lobby 2 Sent.`,
	],
	DM: [
		{type: 'OK', command: 'DM', id: '6', time: TIME, to: 'bob', text: 'Sent to bob.'},
		`OK DM 6 ${TIME} bob Sent to bob.`,
	],
	NEW_GROUP: [{type: 'OK', command: 'NEW_GROUP', group: 'night', text: 'Created.'}, 'OK NEW_GROUP night Created.'],
	LIST_GROUP: [{type: 'OK', command: 'LIST_GROUP', count: 2, text: '2 groups.'}, 'OK LIST_GROUP 2 2 groups.'],
	JOIN_GROUP: [{type: 'OK', command: 'JOIN_GROUP', group: 'night', text: 'Joined.'}, 'OK JOIN_GROUP night Joined.'],
	HISTORY: [
		{type: 'OK', command: 'HISTORY', count: 500, more: 1, text: 'More are kept.'},
		'OK HISTORY 500 1 More are kept.',
	],
	HISTORY_BEFORE: [
		{type: 'OK', command: 'HISTORY_BEFORE', count: 100, more: 1, text: 'Older ones are kept.'},
		'OK HISTORY_BEFORE 100 1 Older ones are kept.',
	],
	READ: [{type: 'OK', command: 'READ', id: '41', text: 'Read up to 41.'}, 'OK READ 41 Read up to 41.'],
	SEARCH: [
		{type: 'OK', command: 'SEARCH', count: 0, more: 0, text: 'Nothing matched.'},
		'OK SEARCH 0 0 Nothing matched.',
	],
	PING: [{type: 'OK', command: 'PING', token: 'abc', text: 'Pong.'}, 'OK PING abc Pong.'],
	PAGE: [
		{type: 'OK', command: 'PAGE', id: '19', time: TIME, to: '#night', recipients: 3, text: 'Paged 3 users.'},
		`OK PAGE 19 ${TIME} #night 3 Paged 3 users.`,
	],
	ACK: [{type: 'OK', command: 'ACK', id: '19', time: TIME, text: 'Acknowledged.'}, `OK ACK 19 ${TIME} Acknowledged.`],
	PAGE_STATUS: [
		{type: 'OK', command: 'PAGE_STATUS', id: '19', acked: 1, waiting: 1, offline: 1, text: '1 of 3.'},
		'OK PAGE_STATUS 19 1 1 1 1 of 3.',
	],
	ESCALATION: [
		{type: 'OK', command: 'ESCALATION', group: 'night', to: 'dave', seconds: 60, text: 'Set.'},
		'OK ESCALATION night dave 60 Set.',
	],
	SEEN: [{type: 'OK', command: 'SEEN', id: '18', text: 'Seen 18.'}, 'OK SEEN 18 Seen 18.'],
	READ_RECEIPTS: [{type: 'OK', command: 'READ_RECEIPTS', setting: 'off', text: 'Off.'}, 'OK READ_RECEIPTS off Off.'],
};

for (const [line, wire] of [...Object.values(LINES), ...Object.values(OKS)]) {
	const name = line.type === 'OK' ? `OK ${line.command}` : line.type;
	test(`${name} formats to its wire form and parses back`, (t) => {
		t.is(formatServerLine(line), wire);
		t.deepEqual(parseServerLine(wire), line);
	});
}

test('every error code round-trips in an ERR line', (t) => {
	for (const code of Object.keys(ERROR_CODES) as Array<keyof typeof ERROR_CODES>) {
		const line: ServerLine = {type: 'ERR', code, command: '*', text: ERROR_CODES[code]};
		t.deepEqual(parseServerLine(formatServerLine(line)), line, code);
	}
});

test('every BYE reason round-trips', (t) => {
	const reasons: ByeReason[] = [
		'CLOSE',
		'SHUTDOWN',
		'SLOW_CONSUMER',
		'ERROR',
		'IDLE',
		'FLOOD',
		'TOO_MANY_CONNECTIONS',
		'REGISTRATION_TIMEOUT',
		'ACCOUNT_CLAIMED',
	];
	for (const reason of reasons) {
		const line: ServerLine = {type: 'BYE', reason, text: 'Bye now.'};
		t.deepEqual(parseServerLine(formatServerLine(line)), line, reason);
	}
});

test('tags round-trip on any line', (t) => {
	const line: ServerLine = {type: 'MSG', id: '1', time: TIME, group: 'g', from: 'a', text: 'x', tags: {msgid: 'c-42'}};
	const wire = formatServerLine(line);
	t.is(wire, `@msgid=c-42 MSG 1 ${TIME} g a x`);
	t.deepEqual(parseServerLine(wire), line);
});

test('the outcome of an id-tagged command, and a duplicate, parse with their tags', (t) => {
	t.like(parseServerLine(`@id=k1;dup OK MESSAGE 5 ${TIME} lobby 2 Sent.`), {
		type: 'OK',
		command: 'MESSAGE',
		id: '5',
		tags: {id: 'k1', dup: ''},
	});
	t.like(parseServerLine('@id=k2 ERR RATE_LIMITED DM Slow down.'), {
		type: 'ERR',
		code: 'RATE_LIMITED',
		tags: {id: 'k2'},
	});
});

test('free text can never break framing: CR and LF become spaces', (t) => {
	t.is(formatServerLine({type: 'HELLO', version: 1, text: 'a\r\nb\nc'}), 'HELLO 1 a  b c');
});

test('text may be empty, and counts may be zero', (t) => {
	t.deepEqual(parseServerLine('OK CLOSE '), {type: 'OK', command: 'CLOSE', text: ''});
	t.deepEqual(parseServerLine('OK LIST 0 0 x'), {type: 'OK', command: 'LIST', members: 0, online: 0, text: 'x'});
});

test('an error code or BYE reason from a newer server is read as it is', (t) => {
	t.like(parseServerLine('ERR RATE_LIMITED MESSAGE Slow down.'), {
		type: 'ERR',
		code: 'RATE_LIMITED',
		text: 'Slow down.',
	});
	t.like(parseServerLine('BYE IDLE You were idle.'), {type: 'BYE', reason: 'IDLE'});
});

const BROKEN: Array<[string, RegExp]> = [
	['PONG 1', /^Unknown server line: PONG 1$/],
	['OK PONG 1 x', /^Unknown server line/],
	['PING', /^Missing field token/],
	['OK HISTORY 3', /^Missing field more/],
	['OK WHATEVER x', /^Unknown server line/],
	['OK', /^Unknown server line/],
	['', /^Unknown server line/],
	['toString x', /^Unknown server line/],
	['MSG 1 t lobby', /^Missing field from/],
	['GROUP lobby many', /^Field members is not a number/],
	['GROUP lobby -1', /^Field members is not a number/],
	['UNREAD many 3 x', /^Field count is not a number/],
	['OK READ', /^Missing field id/],
	['ONLINE alice lobby extra', /^Unexpected text/],
];

for (const [wire, message] of BROKEN) {
	test(`parse refuses ${JSON.stringify(wire)}`, (t) => {
		t.throws(() => parseServerLine(wire), {instanceOf: ServerLineError, message});
	});
}
