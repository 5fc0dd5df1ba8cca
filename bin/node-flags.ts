/**
 * The flags `chat` starts node with: in the bin's shebang (bin/chat.ts, through
 * `env -S`), `npm start`, and every bench target that runs the server, so the bench
 * measures the process users run. They must be on node's command line: V8 reads them
 * when it sets its heap up, before any of our code runs (`v8.setFlagsFromString` at the
 * top of the bin was measured too late), and `NODE_OPTIONS` refuses them.
 *
 * `--no-memory-reducer`: V8's memory reducer takes a server that allocates slowly, such
 * as one SSH session receiving a message now and then, for an idle one, and runs a full
 * collection every few hundred messages and shrinks the young generation, so the next
 * messages pay for scavenges that a larger one would not need (docs/PERFORMANCE.md, "The
 * memory reducer off, from the command line"). What it was for, giving memory back
 * when the server goes quiet, IdleMemory (server/net/idle-memory.ts) does when the event
 * loop is idle, not when allocation is merely slow.
 *
 * A test (test/server/node-flags.test.ts) holds the shebang and `npm start` to this list.
 */
export const NODE_FLAGS: readonly string[] = ['--no-memory-reducer'];
