/**
 * What a connection does about the rate limit: a line the gate lets through runs; one it
 * refuses gets ERR RATE_LIMITED (logged once per streak, so a flood does not become a
 * flood of log lines); a flood gets BYE FLOOD and the connection is closed. One per
 * edge, shared by every connection: the state of each client is its own RateGate, and
 * the connection is handed in, so a connection costs no object of this.
 */
import type {Scheduler} from '../../protocol/index.js';
import type {Logger} from '../log.js';
import {floodBye} from './byes.js';
import type {DisconnectReason} from './connection-handler.js';
import type {ConnectionPolicy} from './policy.js';
import {RateGate} from './rate-gate.js';
import {rateLimitedReply} from './rate-limited.js';

/** The connection a line came on, as admission needs it. */
export interface Admitted {
	/** The connection number operators see in the log. */
	readonly id: number;
	send(wire: string): void;
	close(reason: DisconnectReason, bye?: string): void;
}

export class RateAdmission {
	/** With the rate limit off, every connection shares one gate: it never refuses and keeps no state. */
	private readonly openGate: RateGate | undefined;

	constructor(
		private readonly policy: ConnectionPolicy,
		private readonly log: Logger,
		private readonly scheduler: Scheduler,
	) {
		this.openGate = policy.rate > 0 ? undefined : new RateGate(policy, 0);
	}

	/** The gate of a new connection. */
	newGate(): RateGate {
		return this.openGate ?? new RateGate(this.policy, this.scheduler.now());
	}

	/** Whether a line (undefined: a line refused before it was read) that came on `connection` may run. */
	admit(connection: Admitted, gate: RateGate, text: string | undefined): boolean {
		const admission = gate.admit(this.scheduler.now());
		if (admission === 'run') {
			return true;
		}

		const {policy, log} = this;
		if (admission === 'flood') {
			log.warn('flood', {conn: connection.id, refused: gate.refusalsInRow});
			connection.close('flood', floodBye(policy.rate));
			return false;
		}

		if (gate.refusalsInRow === 1) {
			// Once per streak: a flood must not become a flood of log lines.
			log.warn('rate_limited', {conn: connection.id, rate: policy.rate, burst: policy.burst});
		}

		const reply = rateLimitedReply(text, policy.rate, policy.burst);
		if (reply) {
			connection.send(reply);
		}

		return false;
	}
}
