/**
 * The registry of suites, in the order they run: the server's fan-out and idle scale,
 * SSH sessions of the client served by the server, the fan-out over a cluster of nodes
 * (needs nats-server), then the client's bytes and CPU per keystroke and message (bench/tui/),
 * and the client as its own process beside a null Node client and irssi (needs tmux).
 */
import {tuiReferenceSuite} from '../tui/reference.js';
import {tuiSuite} from '../tui/suite.js';
import {clusterSuite} from './cluster.js';
import {fanoutSuite} from './fanout.js';
import {idleSuite} from './idle.js';
import {sshSuite} from './ssh.js';
import type {Suite} from './types.js';

export const SERVER_SUITES: readonly Suite[] = [fanoutSuite, idleSuite, sshSuite, clusterSuite];

export const TUI_SUITES: readonly Suite[] = [tuiSuite, tuiReferenceSuite];

export async function allSuites(): Promise<Suite[]> {
	return [...SERVER_SUITES, ...TUI_SUITES];
}
