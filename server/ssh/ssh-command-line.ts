/**
 * What an SSH session's status line calls the server: the command that reaches it,
 * `ssh -p 2222 host`, which its user typed (or near enough) and can type again. The
 * client inside connects in-process to the chat's TCP address, a port its user never
 * chose and cannot reach from where they are.
 *
 * SSH never tells a server which name its user typed (TLS has SNI, HTTP a Host header;
 * SSH has nothing), so the host is the one the server listens on: the loopback default,
 * or the name or address the operator gave --ssh-host, by which users reach it. One
 * that listens on every address (0.0.0.0, ::) names none: the machine's own name stands
 * in for it, the name its users are most likely to know it by.
 */
import {hostname} from 'node:os';

/** Listen hosts that mean every address of the machine rather than one. */
const EVERY_ADDRESS = new Set(['', '0.0.0.0', '::', '::0']);

/** The port `ssh` uses without -p. */
const SSH_PORT = 22;

export function sshCommandLine(listenHost: string, port: number, machineName: () => string = hostname): string {
	const host = EVERY_ADDRESS.has(listenHost) ? machineName() : listenHost;
	return port === SSH_PORT ? `ssh ${host}` : `ssh -p ${port} ${host}`;
}
