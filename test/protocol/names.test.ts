import test from 'ava';
import {checkName, isValidName, MAX_NAME_LENGTH, nameKey} from '../../protocol/index.js';

test('names of letters and digits of any script, with - _ ., are accepted', (t) => {
	for (const name of ['alice', 'Zoë', 'e\u0301mile', '李雷', 'o.brien-2_a', '7', 'ß'.repeat(MAX_NAME_LENGTH)]) {
		t.is(checkName('user', name), undefined, name);
		t.true(isValidName(name));
	}
});

test('the length limit counts characters, not bytes or UTF-16 units', (t) => {
	t.is(checkName('group', '𝔸'.repeat(32)), undefined);
	t.like(checkName('group', '𝔸'.repeat(33)), {code: 'GROUP_TOO_LONG'});
});

test('each problem has its own code, per kind of name', (t) => {
	t.like(checkName('user', ''), {code: 'NAME_MISSING'});
	t.like(checkName('group', ''), {code: 'GROUP_MISSING'});
	t.like(checkName('user', 'a b'), {code: 'NAME_INVALID', message: 'Names cannot contain spaces: "a b".'});
	t.like(checkName('user', 'a\u00a0b'), {code: 'NAME_INVALID', message: 'Names cannot contain spaces: "a\u00a0b".'});
	t.like(checkName('group', 'a\u0007'), {
		code: 'GROUP_INVALID',
		message: 'Group names cannot contain control characters: "a\\x07".',
	});
	t.like(checkName('user', 'a\u200bb'), {code: 'NAME_INVALID'}, 'invisible characters invite spoofing');
	t.like(checkName('user', '@me'), {code: 'NAME_INVALID'});
	t.like(checkName('user', 'x'.repeat(33)), {code: 'NAME_TOO_LONG'});
	t.false(isValidName('a;b'));
});

test('names compare ignoring case and Unicode normal form', (t) => {
	t.is(nameKey('Alice'), nameKey('aLICE'));
	t.is(nameKey('Zo\u00eb'), nameKey('ZOE\u0308'));
	t.not(nameKey('alice'), nameKey('alicia'));
});
