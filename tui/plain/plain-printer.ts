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
 *   @alice ⚑ PAGE from alice: Bed 4 BP 70/40, come now. Type /ack to acknowledge.
 *   @bob ⚑ page: ✓✓ acknowledged by bob · ✓ delivered to bob (your "Bed 4 BP 70/40, co…")
 *
 * Every line names its conversation (`#group`, `@user`), so nothing depends on what is
 * "on screen". What the full screen shows over the conversation is said as lines too: a
 * page waiting on the banner (again when it is re-sent or escalated), what the note
 * beside a message says whenever it changes (who a page reached and who acknowledged
 * it), and /help. Pure: state in, lines out; `run-plain.ts` does the reading and writing.
 */
import {HELP_SECTIONS} from '../input/help-text.js';
import {formatTime} from '../layout/time.js';
import {visibleText} from '../layout/visible-text.js';
import type {ChatState, Conversation, Entry} from '../state/index.js';
import {conversationKind} from '../state/conversation-key.js';
import type {IncomingPage} from '../state/pages.js';
import {unsentMessages} from '../state/quit.js';

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

	const note = entry.note === undefined ? '' : ` · ${visibleText(entry.note)}`;
	return `${label} ${formatTime(entry.time) ?? '--:--'} ${message}${note}`;
}

/** How much of a message's text a note line quotes to say which message it is about. */
const QUOTED_CHARS = 24;

/** A note that changed after its message was printed, quoting the message so it is clear which one. */
function noteLine(label: string, entry: Extract<Entry, {kind: 'message'}>, note: string): string {
	const text = visibleText(entry.text);
	const quoted = text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text;
	const whose = entry.direction === 'own' ? 'your' : `${visibleText(entry.from)}'s`;
	return `${label} ${visibleText(note)} (${whose} "${quoted}")`;
}

function pageLabel(page: IncomingPage): string {
	return `${conversationKind(page.conversation) === 'group' ? '#' : '@'}${visibleText(page.title)}`;
}

/** What a page on the banner is now: new, re-sent (OVERDUE) or ESCALATED; said again when it changes. */
function pageState(page: IncomingPage): string {
	return page.escalated ? ' ESCALATED' : page.overdue ? ' OVERDUE' : '';
}

/** A page waiting on the banner, as the line that says it. */
function pageLine(page: IncomingPage, waiting: number): string {
	const where = page.title === page.from ? '' : ` to ${visibleText(page.title)}`;
	const others = page.ackedBy.length > 0 ? ` Acknowledged by ${page.ackedBy.join(', ')} already.` : '';
	const more = waiting > 1 ? ` ${waiting} pages wait; /ack takes the oldest first.` : '';
	return `${pageLabel(page)} ⚑ PAGE${pageState(page)} from ${visibleText(page.from)}${where}: ${visibleText(page.text)}. Type /ack to acknowledge.${others}${more}`;
}

/** Someone else acknowledged a group page the user has not yet. */
function othersAckedLine(page: IncomingPage): string {
	return `${pageLabel(page)} ⚑ the page from ${visibleText(page.from)} was acknowledged by ${page.ackedBy.join(', ')}; yours is still waiting: /ack.`;
}

/** /help as lines: the commands (the full screen's keys are not this mode's: it reads whole lines). */
function helpLines(): string[] {
	const commands = HELP_SECTIONS[0]!.rows;
	const width = Math.max(...commands.map(([usage]) => usage.length));
	return [
		'Help: the commands (/help server lists the protocol commands). Type a line and press Enter to message the conversation you are in; Ctrl-D quits.',
		...commands.map(([usage, does]) => `  ${usage.padEnd(width)}  ${does}`),
	];
}

/** Remembers what was printed, and says what to print next. */
export class PlainPrinter {
	/** Entries printed, by key (unique for the session), with the note they had when it was last said. */
	private readonly printed = new Map<number, string | undefined>();
	/** Pages said, by id: what they were (pageState) and how many others had acknowledged them. */
	private readonly announced = new Map<string, {readonly state: string; readonly acked: number}>();
	private lastStatus = '';
	private lastPrompt = '';
	private helpShown = false;

	constructor(private readonly options: {readonly passwordsHidden: boolean} = {passwordsHidden: false}) {}

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
				if (entry.kind === 'message' && entry.delivery === 'pending') {
					continue;
				}

				const note = entry.kind === 'message' ? entry.note : undefined;
				if (!this.printed.has(entry.key)) {
					this.printed.set(entry.key, note);
					lines.push(entryLine(label, entry));
				} else if (note !== this.printed.get(entry.key) && entry.kind === 'message') {
					this.printed.set(entry.key, note);
					if (note !== undefined) {
						lines.push(noteLine(label, entry, note));
					}
				}
			}
		}

		const {banners} = state.pages;
		for (const page of banners) {
			const said = this.announced.get(page.id);
			const now = {state: pageState(page), acked: page.ackedBy.length};
			// Acknowledging (the ACK on its way) changes nothing worth saying; its OK puts the page in its conversation.
			if (said === undefined || said.state !== now.state) {
				lines.push(pageLine(page, banners.length));
			} else if (said.acked !== now.acked && !page.acking) {
				lines.push(othersAckedLine(page));
			}

			this.announced.set(page.id, now);
		}

		for (const id of this.announced.keys()) {
			if (!banners.some((page) => page.id === id)) {
				this.announced.delete(id);
			}
		}

		if (state.help && !this.helpShown) {
			lines.push(...helpLines());
		}

		this.helpShown = state.help;

		const prompt = promptLine(state, this.options.passwordsHidden);
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
function promptLine(state: ChatState, passwordsHidden: boolean): string {
	const {me, passwordPrompt} = state;
	if (state.quit === 'confirming') {
		const unsent = unsentMessages(state);
		const count = unsent === 1 ? '1 message is' : `${unsent} messages are`;
		// run-plain.ts takes any other line as staying: there is no Escape in a line.
		return `${count} not sent yet and would be lost. Quit anyway? /quit again (or Ctrl-C) quits; any other line stays.`;
	}

	if (passwordPrompt?.purpose === 'login' && !passwordPrompt.checking) {
		// Hidden on a terminal (plain-input.ts); what comes through a pipe is the pipe's to show.
		const how = passwordsHidden
			? 'type its password and press Enter (it is not shown)'
			: 'type its password (it is echoed here; --password-file or CHAT_PASSWORD avoids that)';
		return `${visibleText(me.wantedName ?? 'This name')} is an account: ${how}.${passwordPrompt.problem === undefined ? '' : ` ${visibleText(passwordPrompt.problem)}`}`;
	}

	if (me.askingName && !me.checkingName) {
		return `Type the name others will know you by.${me.nameProblem === undefined ? '' : ` ${visibleText(me.nameProblem)}`}`;
	}

	return '';
}
