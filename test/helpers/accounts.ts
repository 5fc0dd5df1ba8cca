/**
 * Accounts for tests: real scrypt at a low cost (the stored hash carries its cost, so
 * checking it is as cheap), real throttle, loopback unless a test says otherwise.
 */
import {hashPassword, verifyPassword} from '../../server/accounts/password.js';
import {Accounts, type Passwords, type Registration} from '../../server/chat/accounts.js';
import type {Chat} from '../../server/chat/chat.js';
import {LoginThrottle} from '../../server/chat/login-throttle.js';

export const CHEAP_PASSWORDS: Passwords = {
	hash: (password) => hashPassword(password, {log2N: 10, r: 8, p: 1}),
	verify: verifyPassword,
};

export function testAccounts(chat: Chat, registration: Registration = 'open'): Accounts {
	return new Accounts(chat, {passwords: CHEAP_PASSWORDS, registration, throttle: new LoginThrottle()});
}
