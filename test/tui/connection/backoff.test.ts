import test from 'ava';
import {DEFAULT_BACKOFF, nextDelay} from '../../../tui/connection/index.js';

test('the first retry waits between the base and three times it', (t) => {
	t.is(nextDelay(undefined, 0), 500);
	t.is(nextDelay(undefined, 0.5), 1000);
	t.is(nextDelay(undefined, 0.999_999), 1500);
});

test('each delay is drawn up to three times the previous one', (t) => {
	t.is(nextDelay(1000, 0), 500, 'never below the base');
	t.is(nextDelay(1000, 0.5), 1750);
	t.is(nextDelay(4000, 0.999_999), 12_000);
});

test('delays never exceed the cap', (t) => {
	t.is(nextDelay(29_000, 0.999_999), DEFAULT_BACKOFF.capMs);
	t.is(nextDelay(30_000, 0.5), 30_000);
	let delay: number | undefined;
	for (let i = 0; i < 50; i++) {
		delay = nextDelay(delay, 0.9);
		t.true(delay >= 500 && delay <= 30_000);
	}

	t.is(delay, 30_000, 'keeps growing until capped');
});

test('the policy is a parameter', (t) => {
	t.is(nextDelay(undefined, 0.5, {baseMs: 100, capMs: 150}), 150);
});
