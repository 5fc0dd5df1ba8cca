import test from 'ava';
import {INDEX_BACKLOG, IndexPace} from '../../server/store/index-pace.js';

test('the indexer runs after an interval with no write, not during one with writes', (t) => {
	const pace = new IndexPace();
	t.true(pace.due(10), 'nothing written yet');
	pace.wrote();
	pace.wrote();
	t.false(pace.due(10), 'turns wrote in this interval');
	t.true(pace.due(10), 'the next interval was quiet');
});

test('a backlog of INDEX_BACKLOG messages is indexed even while writes go on', (t) => {
	const pace = new IndexPace();
	pace.wrote();
	t.false(pace.due(INDEX_BACKLOG - 1));
	pace.wrote();
	t.true(pace.due(INDEX_BACKLOG));
});

test('with nothing waiting the indexer is not due, quiet or not', (t) => {
	const pace = new IndexPace();
	t.false(pace.due(0), 'quiet, nothing to index');
	pace.wrote();
	t.false(pace.due(0));
	t.true(pace.due(1), 'quiet, one message waiting');
});
