/**
 * What a proven SSH key gets: the account it is bound to (whatever user name the
 * client sent), a new account for it (trust on first use), or a refusal the user reads
 * in their terminal. Pure, so every case is tested without a socket; ssh-server.ts
 * asks it at authentication and again when the session starts (the chat may have
 * changed in between).
 */
import {checkName} from '../../protocol/index.js';
import type {Registration} from '../chat/accounts.js';

export type KeyDecision =
	/** The key is bound to this account. */
	| {readonly kind: 'account'; readonly account: string}
	/** Open registration, and the name is free: it becomes an account with this key. */
	| {readonly kind: 'register'; readonly name: string}
	/** Said in the terminal, then the session closes. */
	| {readonly kind: 'refuse'; readonly reason: string};

export interface KeyFacts {
	/** The key's fingerprint. */
	readonly fingerprint: string;
	/** The account the key is bound to, if any. */
	readonly boundTo: string | undefined;
	/** The user name the SSH client sent (`ssh bob@host`). */
	readonly username: string;
	readonly registration: Registration;
	/** Whether `username` is an account. */
	readonly isAccount: boolean;
	/** Whether a guest holds `username` online right now. */
	readonly guestOnline: boolean;
}

export function decideKey(facts: KeyFacts): KeyDecision {
	const {fingerprint, boundTo, username, registration} = facts;
	if (boundTo !== undefined) {
		return {kind: 'account', account: boundTo};
	}

	const addKey = `The operator can add it: chat user add-key ${username} <file>.`;
	if (facts.isAccount) {
		return {
			kind: 'refuse',
			reason: `${username} is an account, and your key ${fingerprint} is not one of its keys. ${addKey}`,
		};
	}

	if (registration === 'admin') {
		return {
			kind: 'refuse',
			reason: `Your key ${fingerprint} belongs to no account, and on this server the operator makes accounts: ask them for one (chat user add, then chat user add-key).`,
		};
	}

	const problem = checkName('user', username);
	if (problem) {
		return {
			kind: 'refuse',
			reason: `Your SSH user name cannot be a chat name: ${problem.message} Connect as ssh <name>@host.`,
		};
	}

	if (facts.guestOnline) {
		return {
			kind: 'refuse',
			reason: `Your key ${fingerprint} belongs to no account, and a guest is using the name ${username} right now: connect as another name, or later.`,
		};
	}

	return {kind: 'register', name: username};
}
