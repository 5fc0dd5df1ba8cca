/**
 * Plain line mode's output: what changed in the client's state, as lines to print one
 * after another, never redrawn. For a terminal that cannot address the cursor (TERM=dumb:
 * an Emacs shell, a serial console) and for a screen reader, which reads new lines as
 * they come and is lost in a full-screen redraw.
 *
 *   online │ 127.0.0.1:8090 │ alice │ in lobby
 *   #lobby 09:12 <bob> Morning all.
 *   @carol 09:13 <carol> A word when you have a minute?
 *   #lobby ! Nobody else is in lobby to receive it; the message was not sent.
 *
 * Every line names its conversation (`#group`, `@user`), so nothing depends on what is
 * "on screen". Pure: state in, lines out; `run-plain.ts` does the reading and writing.
 */
import {formatTime} from '../layout/time.js';
import {visibleText} from '../layout/visible-text.js';
import type {ChatState, Conversation, Entry} from '../state/index.js';

const NOTICE_MARKERS = {info: '*', join: '+', leave: '-', error: '!', unread: '---'} as const;

function conversationLabel(conversation: Conversation): string {
	return `${conversation.kind === 'group' ? '#' : '@'}${visibleText(conversation.title)}`;
}

function entryLine(label: string, entry: Entry): string {
	if (entry.kind === 'notice') {
		// A notice may hold several lines (help, lists): each is printed under the label.
		return entry.text
			.split('\n')
			.map((line) => `${label} ${NOTICE_MARKERS[entry.level]} ${visibleText(line)}`)
			.join('\n');
	}

	const message = `<${visibleText(entry.from)}> ${visibleText(entry.text)}`;
	if (entry.delivery === 'failed') {
		return `${label} ! ${message} (not sent: ${visibleText(entry.error ?? 'refused')})`;
	}

	return `${label} ${formatTime(entry.time) ?? '--:--'} ${message}`;
}

/** Remembers what was printed, and says what to print next. */
export class PlainPrinter {
	/** Entries printed, by key (unique for the session). */
	private readonly printed = new Set<number>();
	private lastStatus = '';
	private lastPrompt = '';

	/** The lines that `state` adds to what was printed so far. */
	update(state: ChatState): string[] {
		const lines: string[] = [];
		const status = statusLine(state);
		if (status !== this.lastStatus) {
			this.lastStatus = status;
			lines.push(status);
		}

		for (const conversation of state.conversations.values()) {
			const label = conversationLabel(conversation);
			for (const entry of conversation.entries) {
				// Own messages are printed once the server has them (with its time) or refused them.
				if (this.printed.has(entry.key) || (entry.kind === 'message' && entry.delivery === 'pending')) {
					continue;
				}

				this.printed.add(entry.key);
				lines.push(entryLine(label, entry));
			}
		}

		const prompt = promptLine(state);
		if (prompt !== this.lastPrompt) {
			this.lastPrompt = prompt;
			if (prompt !== '') {
				lines.push(prompt);
			}
		}

		return lines;
	}
}

/** The connection as one line, said each time it changes (the countdown is not: it would flood a screen reader). */
function statusLine(state: ChatState): string {
	const {connection, me} = state;
	const where = `${connection.host}:${connection.port}`;
	switch (connection.status) {
		case 'online':
			return `online │ ${where} │ ${visibleText(me.name ?? '')} │ in ${visibleText(me.group ?? '')}`;
		case 'offline':
			return `${connection.unresolved === true ? 'host not found' : 'offline'} │ ${where} │ ${visibleText(connection.lastError ?? '')} Retrying.`;
		default:
			return `${connection.status} │ ${where}`;
	}
}

/** What the client is waiting for the user to type, if anything. */
function promptLine(state: ChatState): string {
	const {me, passwordPrompt} = state;
	if (passwordPrompt?.purpose === 'login' && !passwordPrompt.checking) {
		return `${visibleText(me.wantedName ?? 'This name')} is an account: type its password (it is echoed here; --password-file or CHAT_PASSWORD avoids that).${passwordPrompt.problem === undefined ? '' : ` ${visibleText(passwordPrompt.problem)}`}`;
	}

	if (me.askingName && !me.checkingName) {
		return `Type the name others will know you by.${me.nameProblem === undefined ? '' : ` ${visibleText(me.nameProblem)}`}`;
	}

	return '';
}
