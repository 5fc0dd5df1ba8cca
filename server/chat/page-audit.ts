/**
 * Pages, acknowledgements and escalations into the audit trail: the page rules tell
 * PageEvents of each once it is stored, in the same turn, so each entry is committed
 * with what it records. Receipts are audited where they are made (Receipts.recorded).
 */
import type {Chat} from './chat.js';
import type {PageEvents} from './pages.js';

/** Audits every page event, then tells `also` (a test's, or none). */
export function auditedPageEvents(chat: Chat, also?: PageEvents): PageEvents {
	return {
		paged(page, recipients) {
			chat.audit({
				kind: 'page',
				id: String(page.id),
				from: page.from,
				to: page.group === undefined ? recipients.map(({name}) => name).join(',') : `#${page.group}`,
				text: page.text,
			});
			also?.paged(page, recipients);
		},
		acknowledged(page, user, time) {
			chat.audit({kind: 'ack', id: String(page.id), user});
			also?.acknowledged(page, user, time);
		},
		escalated(page, to, unanswered, time) {
			// No target set: the entry says so, and who did not answer, all the same.
			chat.audit({kind: 'escalation', id: String(page.id), to: to ?? '', unanswered: unanswered.join(',')});
			also?.escalated(page, to, unanswered, time);
		},
	};
}
