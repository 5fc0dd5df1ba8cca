/**
 * The floor: a minimal Node relay the chat server is compared with, side by side.
 *
 * It speaks just enough of the chat line format for the bench's load generator:
 * HELLO on connect, `SET_NAME <name>` -> `OK SET_NAME <name> lobby ...`, and
 * `MESSAGE <text>` -> `MSG <id> <time> lobby <from> <text>` to every other
 * registered socket (one `write` per recipient, no backpressure, no validation)
 * plus `OK MESSAGE ...` to the sender. No presence events, no groups, no limits.
 *
 * `--nodelay` (the `relay-nodelay` target, not run by default) sets TCP_NODELAY, as chat
 * does: every write is a segment at once.
 *
 * `--batch` (the `relay-batched` target, not run by default) changes one thing: lines
 * for a socket are gathered while one incoming chunk is handled and written with one
 * `write` per socket after it. It shows what coalescing writes buys, and how fast the
 * load generator can go when the server is not the limit.
 *
 * Self-contained (node: imports only) so the bench can transpile it to plain JS and
 * run it without a loader: its RSS and CPU are then Node's and the relay's alone.
 *
 *   node relay.js --host 127.0.0.1 --port 0     (stderr: "relay started on 127.0.0.1:<port>")
 */
import net from 'node:net';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	const value = index === -1 ? undefined : process.argv[index + 1];
	return value ?? fallback;
}

interface Peer {
	readonly socket: net.Socket;
	name: string | undefined;
	pending: string;
	/** --batch: output gathered for this socket, written after the current chunk. */
	out: string;
}

const registered = new Set<Peer>();
const batching = process.argv.includes('--batch');
const dirty = new Set<Peer>();
let nextId = 1;

function send(peer: Peer, text: string): void {
	if (!batching) {
		peer.socket.write(text);
		return;
	}

	if (peer.out === '') {
		dirty.add(peer);
	}

	peer.out += text;
}

function flush(): void {
	for (const peer of dirty) {
		peer.socket.write(peer.out);
		peer.out = '';
	}

	dirty.clear();
}

function handle(peer: Peer, line: string): void {
	if (line.startsWith('MESSAGE ') && peer.name !== undefined) {
		const id = nextId++;
		const time = new Date().toISOString();
		const out = `MSG ${id} ${time} lobby ${peer.name} ${line.slice(8)}\n`;
		let recipients = 0;
		for (const other of registered) {
			if (other !== peer) {
				send(other, out);
				recipients++;
			}
		}

		send(peer, `OK MESSAGE ${id} ${time} lobby ${recipients} Sent to ${recipients} users in lobby.\n`);
	} else if (line.startsWith('SET_NAME ') && peer.name === undefined) {
		peer.name = line.slice(9);
		registered.add(peer);
		send(peer, `OK SET_NAME ${peer.name} lobby Welcome, ${peer.name}. You are in group lobby.\n`);
	} else if (line !== '') {
		send(peer, 'ERR UNKNOWN_COMMAND * The relay knows SET_NAME and MESSAGE only.\n');
	}
}

const noDelay = process.argv.includes('--nodelay');

const server = net.createServer((socket) => {
	const peer: Peer = {socket, name: undefined, pending: '', out: ''};
	if (noDelay) {
		socket.setNoDelay(true);
	}

	socket.setEncoding('utf8');
	socket.write('HELLO 1 Welcome to the bench relay.\n');
	socket.on('data', (chunk: string) => {
		let start = 0;
		const text = peer.pending === '' ? chunk : peer.pending + chunk;
		for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
			handle(peer, text.slice(start, newline));
			start = newline + 1;
		}

		peer.pending = text.slice(start);
		if (batching) {
			flush();
		}
	});
	socket.on('error', () => socket.destroy());
	socket.on('close', () => {
		registered.delete(peer);
		dirty.delete(peer);
	});
});

server.listen({host: option('host', '127.0.0.1'), port: Number(option('port', '0')), backlog: 4096}, () => {
	const address = server.address() as net.AddressInfo;
	process.stderr.write(`relay started on ${address.address}:${address.port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => process.exit(0));
}
