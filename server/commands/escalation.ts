import {formatPageTarget, nameKey, quote} from '../../protocol/index.js';
import {forUser} from './handler.js';
import {durableSuccess, refuse, success} from './outcome.js';

// Only a member of the group sets where its unanswered pages go: nobody else can divert them.
export const escalation = forUser<'ESCALATION'>(({group: name, to, seconds}, user, {chat, pages}) => {
	const group = chat.group(name);
	if (!group) {
		return refuse('NO_SUCH_GROUP', `There is no group named ${quote(name)}; LIST_GROUP shows every group.`);
	}

	const store = chat.store.pages;
	if (to === undefined || seconds === undefined) {
		const set = store.escalation(group.name);
		const after = set ? set.seconds : pages.defaultTimeoutSeconds;
		return success({
			type: 'OK',
			command: 'ESCALATION',
			group: group.name,
			to: set?.to ?? pages.defaultTarget ?? '-',
			seconds: after,
			text: set
				? `Unacknowledged pages to ${group.name} are re-sent after ${after} s and escalated to ${set.to} after ${2 * after} s.`
				: `${group.name} sets no escalation; the server's applies (re-sent after ${after} s).`,
		});
	}

	if (group !== user.group) {
		return refuse(
			'ESCALATION_INVALID',
			`Only a member of ${group.name} sets its escalation; you are in ${user.group.name}.`,
		);
	}

	if ('group' in to ? !chat.group(to.group) : !chat.onlineUser(to.user) && !chat.account(to.user)) {
		return refuse('ESCALATION_INVALID', `${quote(formatPageTarget(to))} is no user or group that can be paged.`);
	}

	const shown =
		'group' in to
			? `#${chat.group(to.group)!.name}`
			: (chat.onlineUser(to.user)?.name ?? chat.account(to.user)?.name ?? to.user);
	if (nameKey(shown) === group.key && 'group' in to) {
		return refuse('ESCALATION_INVALID', `A group's pages cannot escalate to the group itself.`);
	}

	store.setEscalation({group: group.name, to: shown, seconds});
	return durableSuccess({
		type: 'OK',
		command: 'ESCALATION',
		group: group.name,
		to: shown,
		seconds,
		text: `Unacknowledged pages to ${group.name} are re-sent after ${seconds} s and escalated to ${shown} after ${2 * seconds} s.`,
	});
});
