/** Who the user is to the server. */
export interface MeState {
	/** The name the server registered us under; undefined until the first registration, kept across reconnects. */
	readonly name: string | undefined;
	/** Registered on the current connection. */
	readonly registered: boolean;
	/** The name to register with (from --name or typed); re-used on every reconnect. */
	readonly wantedName: string | undefined;
	/**
	 * The view shows a name prompt: no name was given, the server refused it, or the
	 * name typed there is still being checked (see checkingName).
	 */
	readonly askingName: boolean;
	/**
	 * A name typed at the prompt (wantedName) is sent, or will be once connected, and
	 * not yet accepted. The prompt stays up, saying so, until OK SET_NAME: switching to
	 * the conversation at Enter would have the user typing messages into a layout the
	 * server's refusal then takes away.
	 */
	readonly checkingName: boolean;
	/** Why the last name was refused, to show above the prompt. */
	readonly nameProblem: string | undefined;
	/** Our own name refused on a reconnect, held by the lost connection: see name-wait.ts. */
	readonly nameWait: NameWait | undefined;
	/** The group the server has us in, as the server spells it; undefined until registered. */
	readonly group: string | undefined;
	/**
	 * The account's password: given for scripts (CHAT_PASSWORD, --password-file), typed
	 * at the password prompt, or chosen with /register. Kept in memory only, to log in
	 * again by itself after a reconnect; dropped when the server refuses it.
	 */
	readonly password: string | undefined;
	/** The account the connection is proven to be before it exists (an SSH session's key): SET_NAME with this name logs in without a password. */
	readonly verifiedAccount: string | undefined;
	/** Logged in to an account (with a password, an SSH key, or since /register): its read position is kept by the server. */
	readonly account: boolean;
}

export interface NameWait {
	/** The server's sentence, shown at the prompt if the wait is given up. */
	readonly refusal: string;
	/** NAME_TAKEN answers so far: each one is the session's cue to try again (or give up). */
	readonly refusals: number;
}
