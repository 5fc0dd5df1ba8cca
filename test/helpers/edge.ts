/**
 * The network edge on its own, listening on 127.0.0.1, with a scripted ConnectionHandler
 * in place of the chat: what edge and write-path tests start.
 */
import type {ExecutionContext} from 'ava';
import type {Peer} from '../../server/wire/peer.js';
import type {ConnectionHandler, ConnectionSession, DisconnectReason} from '../../server/net/connection-handler.js';
import {Edge} from '../../server/net/edge.js';
import {listen, plainTcp} from '../../server/net/listener.js';
import {DEFAULT_POLICY, type ConnectionPolicy} from '../../server/net/policy.js';
import {CapturedLog} from './capture-log.js';
import {TcpClient} from './tcp-client.js';

export const EDGE_HELLO = 'HELLO 1 edge';

export interface Script {
	line?(peer: Peer, text: string): void;
	closed?(reason: DisconnectReason): void;
}

/** An edge listening on 127.0.0.1 whose sessions follow `script`; every close reason is recorded. */
export async function startEdge(t: ExecutionContext, script: Script, policy: Partial<ConnectionPolicy> = {}) {
	const log = new CapturedLog();
	const reasons: DisconnectReason[] = [];
	const handler: ConnectionHandler = {
		open(peer): ConnectionSession {
			return {
				// Greeted as the chat greets: before the reply to the first line.
				firstLine: () => peer.send(`${EDGE_HELLO}\n`),
				line: (text) => script.line?.(peer, text),
				tooLong: (limit) => peer.send(`ERR LINE_TOO_LONG * ${limit}\n`),
				invalidUtf8: () => peer.send('ERR INVALID_UTF8 * bad\n'),
				closed(reason) {
					reasons.push(reason);
					script.closed?.(reason);
				},
			};
		},
	};
	const edge = new Edge({handler, policy: {...DEFAULT_POLICY, ...policy}, log});
	const server = plainTcp((socket) => edge.accept(socket));
	const port = await listen(server, '127.0.0.1', 0);
	t.teardown(async () => {
		await edge.shutdown();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	const connect = async () => {
		const client = await TcpClient.connect(port, {greeting: EDGE_HELLO});
		t.teardown(() => client.destroy());
		return client;
	};

	return {edge, log, reasons, connect, port};
}
