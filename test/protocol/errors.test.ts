import test from 'ava';
import {ERROR_CODES, isErrorCode} from '../../protocol/index.js';

test('every error code is one token with a sentence saying when it happens', (t) => {
	for (const [code, meaning] of Object.entries(ERROR_CODES)) {
		t.regex(code, /^[A-Z][A-Z0-9_]*$/);
		t.regex(meaning, /^[A-Z].*\.$/);
	}
});

test('isErrorCode knows the codes and nothing inherited', (t) => {
	t.true(isErrorCode('NAME_TAKEN'));
	t.false(isErrorCode('name_taken'));
	t.false(isErrorCode('toString'));
	t.false(isErrorCode('constructor'));
});
