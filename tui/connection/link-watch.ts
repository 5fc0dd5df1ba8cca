/**
 * How soon the client notices a dead link (protocol's SilenceWatch does the noticing):
 * when nothing has come from the server for `idleMs`, it sends PING; if then nothing at
 * all comes for `answerMs`, the link is dead and the client reconnects.
 */
import type {SilenceTiming} from '../../protocol/index.js';

export type LinkWatchTiming = SilenceTiming;

/** A dead link is noticed 5 to 10 s after the server's last line; idle, that is one PING every 5 s. */
export const DEFAULT_LINK_WATCH: LinkWatchTiming = {idleMs: 5000, answerMs: 5000};

/** Probe tokens of the client: `PING ka1`, `PING ka2`, ... */
export const LINK_WATCH_TOKEN_PREFIX = 'ka';
