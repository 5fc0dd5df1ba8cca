/**
 * Page escalation on a cluster: every node keeps a timer for every open page (its
 * replica holds them all), and the step that falls due (re-send, escalate) runs on the
 * one node that claims it in the KV bucket `chat-steps` (KV create() of `<page>.<stage>`,
 * which exactly one of several racing nodes wins). So a step runs once however many
 * nodes there are, including after a restart of all of them, and it still runs when the
 * node that made the page is gone: the claim is a fresh key, and a claim held by a node
 * that is no longer alive is taken over (name-claims.ts), so a node dying between its
 * claim and its step does not stop the page.
 *
 * A node claims only once its replica is caught up with the log, and the step itself
 * is written to the log (the page's new stage): a node that loses, or that claims after
 * the step was taken, finds the page past that stage and takes no step. When another
 * node's entry changes a page (made, acknowledged, stepped on), Pages is told, so its
 * timer follows the page as the log has it.
 */
import type {PageStage} from '../chat/page-store.js';
import type {PageSteps} from '../chat/pages.js';
import type {Logger} from '../log.js';
import type {LogEntry} from './log-ops.js';
import type {NameClaims} from './name-claims.js';
import {catchUpWithin} from './read-barrier.js';

export const STEPS_BUCKET = 'chat-steps';
/** A step's claim matters until the step is in the log (seconds); the bucket forgets it after a day. */
export const STEP_CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

export class ClusterPageSteps implements PageSteps {
	private refresh: ((id: number) => void) | undefined;

	constructor(
		private readonly claims: NameClaims,
		private readonly caughtUp: () => Promise<void>,
		private readonly log: Logger,
	) {}

	async claim(id: number, stage: PageStage): Promise<boolean> {
		await catchUpWithin(this.caughtUp, this.log);
		const won = await this.claims.claim(`${id}.${stage}`);
		this.log.info('page_step_claim', {page: id, stage, won});
		return won;
	}

	watch(refresh: (id: number) => void): void {
		this.refresh = refresh;
	}

	/** Another node's log entry, applied to the replica: the pages it changed are looked at again. */
	applied(entry: LogEntry): void {
		for (const op of entry.ops) {
			if (op.op !== 'page') {
				continue;
			}

			if (op.method === 'addPage') {
				this.refresh?.((op.args[0] as {readonly id: number}).id);
			} else if (op.method === 'setStage') {
				this.refresh?.(op.args[0] as number);
			}
		}
	}
}
