/**
 * Counting what a cut-off client missed: MSG and DM lines only, tagged or not, however
 * many lines one send holds.
 */
import test from 'ava';
import {countMessages} from '../../server/net/count-messages.js';

test('MSG and DM lines count, tagged or not; other lines do not', (t) => {
	t.is(countMessages('MSG 1 t lobby a hi\n'), 1);
	t.is(countMessages('DM 2 t a b hi\n'), 1);
	t.is(countMessages('@x=1 DM 2 t a b hi\n'), 1);
	t.is(countMessages('ONLINE a lobby\n'), 0);
	t.is(countMessages('PING 1 Reply PONG 1 (or send anything) to stay connected.\n'), 0);
	t.is(countMessages('OK MESSAGE 1 t lobby 1 Sent to 1 user in lobby.\n'), 0);
	t.is(countMessages('MSGX 1\nDMS 1\n@only\n'), 0);
	t.is(countMessages('MSG 1 t g a x\nDM 2 t a b y\nOK HISTORY 2 0 2 messages.\n'), 2, 'a HISTORY reply');
	t.is(countMessages(''), 0);
});
