import test from 'ava';
import {serversOf, tuiArgumentProblem} from '../../bin/commands/tui.js';

test('--host takes one server, or several nodes of one chat as a,b[:port]', (t) => {
	t.deepEqual(serversOf('127.0.0.1', 8090), [{host: '127.0.0.1', port: 8090}]);
	t.deepEqual(serversOf('a.example, b.example:9000,[::1]:8091,::1', 8090), [
		{host: 'a.example', port: 8090},
		{host: 'b.example', port: 9000},
		{host: '::1', port: 8091},
		{host: '::1', port: 8090},
	]);
});

test('a --host entry that is no host or no port is refused in one sentence', (t) => {
	t.is(serversOf('a,:80', 8090), '--host: ":80" is not a host or host:port (port 1 to 65535).');
	t.is(serversOf('a,b:70000', 8090), '--host: "b:70000" is not a host or host:port (port 1 to 65535).');
	t.is(
		tuiArgumentProblem({host: 'a,,b', port: 8090, name: undefined}),
		'--host: "" is not a host or host:port (port 1 to 65535).',
	);
});
