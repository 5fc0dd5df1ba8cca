/**
 * The checks a password goes through before it opens an account or makes one: where it
 * came from (loopback or TLS only), the throttle on failed logins, the registration
 * mode, and scrypt (async, on libuv's pool: a login never blocks the event loop). The
 * chat's own rules (who is online, groups) stay in Chat; this is what guards them.
 */
import {nameKey} from '../../protocol/index.js';
import type {Chat} from './chat.js';
import type {LoginThrottle} from './login-throttle.js';
import {done, refuse, type Result} from './result.js';
import type {Account} from './store.js';

/** Hashing and checking passwords (server/accounts/password.ts); tests may pass a cheaper cost. */
export interface Passwords {
	hash(password: string): Promise<string>;
	/** With no stored hash it still does the work of one check, so timing does not tell an account from none. */
	verify(password: string, stored: string | undefined): Promise<boolean>;
}

/** Who makes accounts: anyone with SET_PASSWORD, or only the operator (`chat user add`). */
export type Registration = 'open' | 'admin';

/** Where a password arrived from. */
export interface Origin {
	/** The remote address, an IPv4 address seen through IPv6 as itself. */
	readonly address: string;
	/** Whether the connection is TLS. */
	readonly secure: boolean;
}

export interface AccountsOptions {
	readonly passwords: Passwords;
	readonly registration: Registration;
	readonly throttle: LoginThrottle;
}

/** 127.0.0.0/8 and ::1: a password from this host never crossed a network. */
export function isLoopback(address: string): boolean {
	const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
	return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

const NEEDS_TLS = refuse(
	'NEEDS_TLS',
	'Passwords are accepted only over TLS or from this host; connect with TLS to use one. Nothing was checked.',
);

const LOGIN_FAILED = refuse('LOGIN_FAILED', 'That name and password do not match an account.');

export class Accounts {
	constructor(
		private readonly chat: Chat,
		private readonly options: AccountsOptions,
	) {}

	get registration(): Registration {
		return this.options.registration;
	}

	/** The account the name and password open, after every check; the caller puts it online. A refusal is audited. */
	async check(name: string, password: string, origin: Origin): Promise<Result<Account>> {
		const checked = await this.checkPassword(name, password, origin);
		if (!checked.ok) {
			this.chat.audit({kind: 'login_failed', user: name, address: origin.address, code: checked.code});
		}

		return checked;
	}

	/** The hash of a guest's new password, after every check; the caller makes the account. */
	async newPasswordHash(password: string, origin: Origin): Promise<Result<string>> {
		if (this.options.registration === 'admin') {
			return refuse(
				'REGISTRATION_CLOSED',
				"This server's operator makes the accounts (chat user add); ask them for one.",
			);
		}

		if (!passwordAllowed(origin)) {
			return NEEDS_TLS;
		}

		return done(await this.options.passwords.hash(password));
	}

	private async checkPassword(name: string, password: string, origin: Origin): Promise<Result<Account>> {
		if (!passwordAllowed(origin)) {
			return NEEDS_TLS;
		}

		const {throttle, passwords} = this.options;
		const key = nameKey(name);
		const wait = throttle.waitSeconds(key, origin.address);
		if (wait > 0) {
			return refuse(
				'LOGIN_THROTTLED',
				`Too many failed logins for that name or from your address; try again in ${wait} s.`,
			);
		}

		const account = this.chat.account(name);
		const matches = await passwords.verify(password, account?.passwordHash);
		// Read again: the operator may have deleted the account or changed its password meanwhile.
		const current = this.chat.account(name);
		if (!matches || !account || current?.passwordHash !== account.passwordHash) {
			throttle.failed(key, origin.address);
			return LOGIN_FAILED;
		}

		throttle.succeeded(key);
		return done(current);
	}
}

function passwordAllowed(origin: Origin): boolean {
	return origin.secure || isLoopback(origin.address);
}
